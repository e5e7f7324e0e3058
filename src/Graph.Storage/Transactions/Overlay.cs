using Graph.Storage.Records;
using Graph.Storage.Values;

namespace Graph.Storage.Transactions;

/// <summary>A node as changed by the writing transaction. Label and property arrays are copy-on-write.</summary>
internal sealed class NodeState
{
    public NodeVersion? Base;
    public bool Created;
    public bool Deleted;
    public int[] Labels = [];
    public KeyValuePair<int, object>[] Properties = [];
    /// <summary>
    /// Relationships created here that start or end at this node, in creation order. Filled lazily by
    /// <see cref="Overlay.IndexCreated"/>: read it only after calling that.
    /// </summary>
    public List<long>? AddedRelationships;
    /// <summary>Relationships of this node deleted here (committed or created in this transaction).</summary>
    public HashSet<long>? RemovedRelationships;
}

/// <summary>
/// A relationship as changed by the writing transaction. Relationships created here live in a list of
/// structs indexed by id (their ids are consecutive), so bulk creation costs no object per relationship: 24 bytes each
/// (32-bit node ids, see <see cref="StoreLimits.MaxIds"/>; a committed relationship's old properties are kept apart,
/// in <see cref="Overlay.BaseProperties"/>), which at a million experts is 400 MB less than with 64-bit ends.
/// </summary>
internal struct RelState
{
    public KeyValuePair<int, object>[] Properties;
    public int Type;
    public int Start;
    public int End;
    public bool Created;
    public bool Deleted;
    /// <summary>Created in a statement that was rolled back to a savepoint: it never existed.</summary>
    public bool Absent;
}

/// <summary>
/// The nodes noted under one property value: the first inline, any others in a list. Most values of a bulk load are
/// unique (ids, names), so an entry costs no list of its own.
/// </summary>
internal struct CandidateNodes
{
    public long First;
    public List<long>? More;
}

/// <summary>The transaction's schema: definitions as they will be after commit, and the changes to apply.</summary>
internal sealed record SchemaDraft(IndexDefinition[] Indexes, ConstraintDefinition[] Constraints, SchemaOp[] Ops);

internal enum UndoKind : byte
{
    NodeLabels,
    NodeProperties,
    NodeDeleted,
    RelationshipRemovedFromNode,
    RelationshipProperties,
    RelationshipDeleted,
    Schema,
}

/// <summary>How to reverse one change to an entity that existed when a savepoint was taken.</summary>
internal readonly record struct UndoEntry(UndoKind Kind, long Id, long Other, object? Old);

/// <summary>
/// Creations are undone by id range (ids grow monotonically), everything else by the undo log. A savepoint taken
/// before the transaction's first write stands for "nothing written": rolling back to it releases the write lock.
/// </summary>
internal readonly record struct Savepoint(int UndoCount, long NextNodeId, long NextRelId, bool BeforeFirstWrite);

/// <summary>The uncommitted changes of the single write transaction, read through by that transaction.</summary>
internal sealed class Overlay(Schema committedSchema)
{
    public readonly NodeStates Nodes = new();
    /// <summary>
    /// The nodes the last created relationship started and ended at, known to exist: a bulk load's rows are often sorted
    /// by one end, so the next relationship's end is usually one of them and needs no lookup. <see cref="ForgetEnds"/>
    /// whenever a node may stop existing (a node deleted, a savepoint rolled back, the commit).
    /// </summary>
    public long LastStartId = -1, LastEndId = -1;

    public void ForgetEnds() => (LastStartId, LastEndId) = (-1, -1);
    /// <summary>Committed relationships this transaction changed or deleted.</summary>
    public readonly Dictionary<long, RelState> Relationships = new();
    /// <summary>The committed properties of the relationships in <see cref="Relationships"/>: changed when different.</summary>
    public readonly Dictionary<long, KeyValuePair<int, object>[]> BaseProperties = new();
    /// <summary>Relationships created here: id FirstCreatedRelationship + index.</summary>
    public readonly ChunkedList<RelState> CreatedRelationships = new();
    public long FirstCreatedRelationship = -1;
    // Over-approximate lookups for this transaction's changed nodes; every hit is re-checked.
    public readonly Dictionary<int, List<long>> LabelCandidates = new();
    public readonly Dictionary<(int Key, ValueKey Value), CandidateNodes> PropertyCandidates = new();
    /// <summary>
    /// The keys under which <see cref="PropertyCandidates"/> holds every node created here: at first the first keys of
    /// the indexes and constraints, then each key a lookup asked for (<see cref="NoteCreatedUnder"/>). A bulk load's
    /// names and other unique values would otherwise cost a list and an entry each until the commit (~150 bytes per
    /// property). Nodes changed after their creation are noted under every key.
    /// </summary>
    public readonly HashSet<int> NotedKeys = FirstKeys(committedSchema);

    private static HashSet<int> FirstKeys(Schema schema)
    {
        var keys = new HashSet<int>();
        foreach (var index in schema.Indexes)
            if (index.PropertyKeys.Count > 0) keys.Add(index.PropertyKeys[0]);
        foreach (var constraint in schema.Constraints)
            if (constraint.PropertyKeys.Count > 0) keys.Add(constraint.PropertyKeys[0]);
        return keys;
    }

    /// <summary>Notes the nodes created so far under <paramref name="key"/>, and every later one with it.</summary>
    public void NoteCreatedUnder(int key)
    {
        if (!NotedKeys.Add(key)) return;
        foreach (var (id, state) in Nodes)
            if (state.Created && PropertyArrays.Get(state.Properties, key) is { } value) NoteProperty(key, value, id);
    }
    public readonly List<UndoEntry> Undo = [];
    public readonly List<Savepoint> Savepoints = [];
    public SchemaDraft Schema = new(committedSchema.Indexes, committedSchema.Constraints, []);

    /// <summary>How many of <see cref="CreatedRelationships"/> are filed under their end nodes' AddedRelationships.</summary>
    public int IndexedCreated;

    /// <summary>
    /// Files the relationships created since the last call under their end nodes. Done when a read of this
    /// transaction needs a node's added relationships, not per creation: a bulk load that never reads them back
    /// then builds no per-node lists at all (the commit groups them by endpoint in one pass). A committed end gets its
    /// state here, not when the relationship is created: a load touching ~20,000 committed ends per statement would
    /// otherwise make a state and a dictionary entry for each, alive until the commit (old-generation garbage then).
    /// Call it before looking for a node's state to read its relationships.
    /// </summary>
    public void IndexCreated(GraphData data)
    {
        var created = CreatedRelationships;
        for (; IndexedCreated < created.Count; IndexedCreated++)
        {
            ref var rel = ref created[IndexedCreated];
            if (rel.Absent) continue; // rolled back to a savepoint before it was filed
            var id = FirstCreatedRelationship + IndexedCreated;
            (StateForFiling(data, rel.Start).AddedRelationships ??= []).Add(id);
            if (rel.End != rel.Start) (StateForFiling(data, rel.End).AddedRelationships ??= []).Add(id);
        }
    }

    /// <summary>The end's state, made from its committed head if it has none yet (it existed when the relationship was created).</summary>
    private NodeState StateForFiling(GraphData data, long id)
    {
        if (Nodes.TryGetValue(id, out var state)) return state;
        var head = data.NodeHead(id) ?? throw new StorageCorruptedException($"Node {id}, an end of a relationship created in this transaction, is gone.");
        state = new NodeState { Base = head, Labels = head.Labels, Properties = head.Properties };
        Nodes.Add(id, state);
        return state;
    }

    /// <summary>
    /// Frees the changes once the commit batch holds them (except the created relationships, which the batch reads in
    /// place). The transaction only closes after this (commit or not), so nothing reads the overlay again; it stays
    /// non-null because it also marks the write lock as held.
    /// </summary>
    public void ReleaseCommitted()
    {
        ForgetEnds();
        Nodes.Clear();
        Relationships.Clear();
        Relationships.TrimExcess();
        BaseProperties.Clear();
        BaseProperties.TrimExcess();
        LabelCandidates.Clear();
        PropertyCandidates.Clear();
        PropertyCandidates.TrimExcess();
        Undo.Clear();
        Undo.TrimExcess();
    }

    public bool IsCreatedRelationship(long id) =>
        FirstCreatedRelationship >= 0 && id >= FirstCreatedRelationship && id - FirstCreatedRelationship < CreatedRelationships.Count;

    /// <summary>The state of a relationship this transaction created or touched, by reference (valid until the next creation).</summary>
    public ref RelState RelationshipState(long id)
    {
        if (IsCreatedRelationship(id))
            return ref CreatedRelationships[(int)(id - FirstCreatedRelationship)];
        return ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(Relationships, id);
    }

    public void NoteLabel(int label, long node)
    {
        if (!LabelCandidates.TryGetValue(label, out var list)) LabelCandidates[label] = list = [];
        list.Add(node);
    }

    public void NoteProperty(int key, object value, long node)
    {
        if (!ValueKey.TryCreate(value, out var valueKey)) return;
        ref var nodes = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(PropertyCandidates, (key, valueKey), out var exists);
        if (!exists) nodes.First = node;
        else if (nodes.First != node) (nodes.More ??= []).Add(node);
    }
}
