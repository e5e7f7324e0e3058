namespace Graph.Storage;

/// <summary>
/// A transaction's view of the graph: committed state plus its own uncommitted changes.
/// Not thread-safe: one transaction is used by one thread at a time.
/// Deleted entities are invisible to reads after deletion within the same transaction.
/// </summary>
public abstract class StorageTransaction : IDisposable
{
    /// <summary>True for a transaction allowed to write (it takes the write lock at its first write).</summary>
    public abstract bool IsWrite { get; }
    public abstract bool IsOpen { get; }

    /// <summary>
    /// Cancels the wait for the write lock at this transaction's first write. Set from BeginTransaction's token;
    /// a transaction that runs several statements sets each statement's token here.
    /// </summary>
    public CancellationToken WriteLockCancellation { get; set; }

    /// <summary>
    /// Takes the write lock now, as the first write would: from here on the transaction reads the latest committed
    /// state (a bulk load that checks existing data before writing wants it). Waits in line like any writer.
    /// </summary>
    public abstract void LockForWriting();

    // ---- nodes
    public abstract IEnumerable<long> AllNodes();
    public abstract IEnumerable<long> NodesWithLabel(int label);
    /// <summary>
    /// Appends to <paramref name="into"/> (not cleared) the nodes <see cref="NodesWithLabel"/> enumerates, in the same
    /// order: a caller that keeps its list from one statement to the next allocates no list of the label's nodes each time
    /// (100,000 experts: 800 KB, a large object). This default enumerates <see cref="NodesWithLabel"/>.
    /// </summary>
    public virtual void ReadNodesWithLabel(int label, List<long> into)
    {
        foreach (var node in NodesWithLabel(label)) into.Add(node);
    }
    public abstract bool NodeExists(long node);
    public abstract IReadOnlyList<int> NodeLabels(long node);
    public abstract bool NodeHasLabel(long node, int label);
    public abstract object? NodeProperty(long node, int key);

    /// <summary>
    /// The nodes having <paramref name="label"/> in this transaction's snapshot as a bitmap shared with other readers, or
    /// null: none is kept and the lookups reported so far do not pay for building one, or this transaction has written
    /// (its own changes are not in any bitmap). <paramref name="lookups"/>: label lookups the caller made one node at a
    /// time since it last asked; the store builds a bitmap once these add up to more than the build costs.
    /// </summary>
    public virtual LabelBits? LabelMembers(int label, long lookups) => null;

    /// <summary>
    /// As <see cref="LabelMembers"/>, but without a lock, so that a statement making only a few label checks can ask: the
    /// bitmap when the store already has one for this snapshot, otherwise null, and <paramref name="lookups"/> (the
    /// lookups the caller is about to make one node at a time) are counted toward building one. Null once this
    /// transaction has written. This default returns null.
    /// </summary>
    public virtual LabelBits? KnownLabelMembers(int label, int lookups) => null;

    /// <summary>
    /// A hint that <paramref name="node"/> is about to be read (its labels, properties or relationships): the store may
    /// start bringing its record into the processor's cache, so that the reads of many far nodes overlap instead of
    /// waiting for one memory access after another. A node's record is a chain of references (the slot of its id, the
    /// record, its property array, the values), each known only once the one before is in the cache, so the hint comes
    /// in steps: <paramref name="step"/> 0 to <see cref="NodePrefetchSteps"/> - 1, each issued a few reads after the one
    /// before for the same node. Changes nothing any read returns.
    /// </summary>
    public virtual void PrefetchNode(long node, int step) { }

    /// <summary>
    /// Property <paramref name="key"/> of each of <paramref name="nodes"/> into <paramref name="values"/> (same length),
    /// what <see cref="NodeProperty"/> returns for each (null when missing or the node does not exist). A store may read
    /// them in phases — every node's record, then every property array — so that the memory accesses of different nodes
    /// overlap instead of each waiting for the one before; this default reads one node after the other.
    /// </summary>
    public virtual void ReadNodeProperty(ReadOnlySpan<long> nodes, int key, Span<object?> values)
    {
        for (var i = 0; i < nodes.Length; i++) values[i] = NodeProperty(nodes[i], key);
    }

    /// <summary>
    /// For each of <paramref name="nodes"/>, whether its property <paramref name="key"/> is a string equal to
    /// <paramref name="value"/> (ordinal, as Cypher's = on two strings): 1 equal, 0 a string that differs, -1 anything
    /// else (no value, another type, no such node: the caller reads those values itself). False when the store cannot
    /// decide them without reading every value (nothing is written then): the caller reads them
    /// (<see cref="ReadNodeProperty"/>). This default returns false.
    /// </summary>
    public virtual bool TryMatchNodeStrings(ReadOnlySpan<long> nodes, int key, string value, Span<sbyte> matches) => false;

    /// <summary>
    /// For each of <paramref name="nodes"/>, a code of its property <paramref name="key"/> that tells strings apart without
    /// reading them: an odd number for a string (equal strings have equal codes; different strings usually differ),
    /// <see cref="NoValueCode"/> for no value (or no such node), <see cref="OtherValueCode"/> for a value of another type.
    /// Two nodes with different odd codes hold different strings. False when the store cannot give the codes without
    /// reading every value (nothing is written then). This default returns false.
    /// </summary>
    public virtual bool TryReadNodeStringCodes(ReadOnlySpan<long> nodes, int key, Span<int> codes) => false;

    /// <summary>
    /// The nodes that have a value for property <paramref name="key"/> in this transaction's snapshot (whatever its type),
    /// as a bitmap shared with other readers, or null: the store keeps none for the key yet (<paramref name="lookups"/>:
    /// nodes the caller is about to decide without it, counted toward making one), or this transaction has written. A
    /// node not in the bitmap has no value for the key (or does not exist). This default returns null.
    /// </summary>
    public virtual LabelBits? KnownPropertyPresence(int key, int lookups) => null;

    /// <summary>The code <see cref="TryReadNodeStringCodes"/> gives a node whose property is the string <paramref name="value"/>.</summary>
    public static int StringCode(string value) => Records.PropertyColumn.StringCode(value);

    /// <summary>The code <see cref="TryReadNodeStringCodes"/> gives a node without the property.</summary>
    public const int NoValueCode = 0;

    /// <summary>The code <see cref="TryReadNodeStringCodes"/> gives a node whose property is not a string.</summary>
    public const int OtherValueCode = 2;

    /// <summary>
    /// For each of <paramref name="nodes"/>, the rank of its property <paramref name="key"/>'s string among the store's
    /// values of that key, in the order <c>string.CompareOrdinal</c> gives (equal strings equal ranks, a smaller string a
    /// smaller rank), <see cref="NoValueRank"/> for no value. False when the store has no such order at hand, or some node
    /// holds a value of another type (the caller reads the values). This default returns false.
    /// </summary>
    public virtual bool TryReadNodeStringRanks(ReadOnlySpan<long> nodes, int key, Span<int> ranks) => false;

    /// <summary>
    /// True when the store knows that no two nodes hold the same string as their property <paramref name="key"/> (values of
    /// other types aside) at this transaction's snapshot: then two nodes with strings hold different strings. False when
    /// it does not know (this default), or they do not differ.
    /// </summary>
    public virtual bool NodeStringsDistinct(int key) => false;

    /// <summary>The rank <see cref="TryReadNodeStringRanks"/> gives a node without the property: after every string, as null sorts.</summary>
    public const int NoValueRank = int.MaxValue;

    /// <summary>The number of steps of <see cref="PrefetchNode"/>.</summary>
    public const int NodePrefetchSteps = 4;

    /// <summary>
    /// A hint that <paramref name="node"/>'s relationships of <paramref name="types"/> (all when null) are about to be read
    /// (<see cref="ReadNeighbours"/>): as <see cref="PrefetchNode"/>, in steps 0 to <see cref="RelationshipPrefetchSteps"/>
    /// - 1 (the node's slot, its record, its groups, the groups of those types, the start of their lists), each issued
    /// after the one before has been issued for the node. Changes nothing any read returns.
    /// </summary>
    public virtual void PrefetchRelationships(long node, int step, IReadOnlyList<int>? types) { }

    /// <summary>The number of steps of <see cref="PrefetchRelationships"/>.</summary>
    public const int RelationshipPrefetchSteps = 5;
    public abstract IReadOnlyList<KeyValuePair<int, object>> NodeProperties(long node);

    // ---- relationships
    public abstract bool RelationshipExists(long rel);
    public abstract RelationshipRef Relationship(long rel);
    public abstract IEnumerable<long> AllRelationships();
    /// <summary>Relationships of a node in a direction, optionally restricted to some types (null = all types). Self-loops appear once for Both.</summary>
    public abstract IEnumerable<RelationshipRef> Relationships(long node, Direction direction, IReadOnlyList<int>? types = null);
    public abstract int Degree(long node, Direction direction, IReadOnlyList<int>? types = null);
    /// <summary>
    /// Appends to <paramref name="into"/> (not cleared) what <see cref="Relationships"/> enumerates, in the same order:
    /// one call per node instead of an enumerator and two interface calls per relationship. The caller reuses the list.
    /// </summary>
    public abstract void ReadRelationships(long node, Direction direction, IReadOnlyList<int>? types, List<RelationshipRef> into);
    /// <summary>
    /// Appends to <paramref name="into"/> (not cleared) what <see cref="ReadRelationships"/> reads, in the same order, as
    /// ids only: each relationship's id, type and other end. This default goes through <see cref="ReadRelationships"/>;
    /// a store overrides it to copy its adjacency lists without building <see cref="RelationshipRef"/>s.
    /// </summary>
    public virtual void ReadNeighbours(long node, Direction direction, IReadOnlyList<int>? types, NeighbourList into)
    {
        var relationships = new List<RelationshipRef>();
        ReadRelationships(node, direction, types, relationships);
        foreach (var r in relationships) into.Add(r.Id, r.Type, r.OtherEnd(node));
    }
    /// <summary>
    /// Appends to <paramref name="into"/> (not cleared) the other ends of what <see cref="ReadNeighbours"/> reads, in the
    /// same order, without the relationships' ids and types. This default goes through <see cref="ReadNeighbours"/>.
    /// </summary>
    public virtual void ReadNeighbourNodes(long node, Direction direction, IReadOnlyList<int>? types, NeighbourNodes into)
    {
        var neighbours = new NeighbourList();
        ReadNeighbours(node, direction, types, neighbours);
        foreach (var other in neighbours.Others) into.Add(other);
    }
    /// <summary>
    /// Marks in <paramref name="seen"/> the far ends of what <see cref="ReadNeighbourNodes"/> reads, in the same order,
    /// appending each one not marked before to <see cref="SeenNodes.Found"/>. Returns how many relationships were read;
    /// <paramref name="met"/> is how many of their far ends were <paramref name="counted"/>. This default goes through
    /// <see cref="ReadNeighbourNodes"/>; a store overrides it to mark straight from its adjacency lists.
    /// </summary>
    public virtual int MarkNeighbourNodes(long node, Direction direction, IReadOnlyList<int>? types, SeenNodes seen, long counted, out int met)
    {
        var neighbours = new NeighbourNodes();
        ReadNeighbourNodes(node, direction, types, neighbours);
        met = seen.MarkAll(neighbours.Nodes, counted);
        return neighbours.Count;
    }
    /// <summary>
    /// Two <see cref="ReadNeighbours"/> of one node at once: its relationships in <paramref name="firstDirection"/> of
    /// <paramref name="firstTypes"/> appended to <paramref name="first"/>, and those in <paramref name="secondDirection"/>
    /// of <paramref name="secondTypes"/> to <paramref name="second"/>, each list exactly as its own call would fill it.
    /// A caller that needs two sides of one node (a chain counted from its middle: an expert's institution and its
    /// stances) finds the node once. This default makes the two calls; a store overrides it to read the node once.
    /// </summary>
    public virtual void ReadNeighbours(long node, Direction firstDirection, IReadOnlyList<int>? firstTypes, NeighbourList first,
        Direction secondDirection, IReadOnlyList<int>? secondTypes, NeighbourList second)
    {
        ReadNeighbours(node, firstDirection, firstTypes, first);
        ReadNeighbours(node, secondDirection, secondTypes, second);
    }
    public abstract object? RelationshipProperty(long rel, int key);
    public abstract IReadOnlyList<KeyValuePair<int, object>> RelationshipProperties(long rel);

    // ---- schema and index lookups
    public abstract IReadOnlyList<IndexDefinition> Indexes { get; }
    public abstract IReadOnlyList<ConstraintDefinition> Constraints { get; }
    /// <summary>Nodes with the label whose property equals the value (Cypher equality: 1 = 1.0). Uses an index when one exists, else scans.</summary>
    public abstract IEnumerable<long> NodesByProperty(int label, int key, object value);
    /// <summary>
    /// The nodes <see cref="NodesByProperty"/> returns, in the same order, in <paramref name="into"/> (its content replaced):
    /// a caller that keeps its list from one seek to the next allocates no result per seek. This default copies
    /// <see cref="NodesByProperty"/>'s.
    /// </summary>
    public virtual void ReadNodesByProperty(int label, int key, object value, List<long> into)
    {
        into.Clear();
        into.AddRange(NodesByProperty(label, key, value));
    }
    /// <summary>True when an index (or unique constraint) on (label, key) makes <see cref="NodesByProperty"/> a seek.</summary>
    public abstract bool HasIndex(int label, int key);

    // ---- writes (throw ReadOnlyTransactionException on a read transaction; the engine maps it to AccessMode)
    public abstract long CreateNode(IReadOnlyList<int> labels, IReadOnlyList<KeyValuePair<int, object>> properties);
    /// <summary>Returns true when the label was not there before.</summary>
    public abstract bool AddLabel(long node, int label);
    public abstract bool RemoveLabel(long node, int label);
    /// <summary>value null removes the property. Returns true when something changed.</summary>
    public abstract bool SetNodeProperty(long node, int key, object? value);
    /// <summary>Deletes a node that has no relationships (the engine checks and detaches first).</summary>
    public abstract void DeleteNode(long node);
    public abstract long CreateRelationship(int type, long start, long end, IReadOnlyList<KeyValuePair<int, object>> properties);
    public abstract bool SetRelationshipProperty(long rel, int key, object? value);
    public abstract void DeleteRelationship(long rel);

    public abstract void CreateIndex(IndexDefinition index);
    public abstract void DropIndex(string name);
    /// <summary>Creates a unique constraint and its backing index; fails with <see cref="ConstraintViolationException"/> if existing data violates it.</summary>
    public abstract void CreateUniqueConstraint(ConstraintDefinition constraint);
    public abstract void DropConstraint(string name);

    /// <summary>
    /// Marks a point inside the transaction that <see cref="RollbackToSavepoint"/> returns to.
    /// The engine takes one before every statement so a failing statement leaves no trace.
    /// </summary>
    public abstract int CreateSavepoint();
    public abstract void RollbackToSavepoint(int savepoint);

    /// <summary>Makes the changes durable and visible to transactions that begin afterwards. Unique constraints are checked here at the latest.</summary>
    public abstract void Commit();
    public abstract void Rollback();

    public abstract void Dispose();
}
