namespace Graph.Storage.Records;

/// <summary>
/// One committed version of a node. Versions are immutable once published; a commit publishes a new
/// version whose <see cref="Older"/> points at the previous one for as long as an open reader may need it.
/// </summary>
internal sealed class NodeVersion
{
    public long Version;
    public NodeVersion? Older;
    public bool Deleted;
    public int[] Labels = [];
    public KeyValuePair<int, object>[] Properties = [];
    /// <summary>Adjacency grouped by relationship type; expanding by type touches only that group.</summary>
    public RelGroup[] Groups = [];

    public bool HasLabel(int label) => Array.IndexOf(Labels, label) >= 0;
}

/// <summary>
/// The relationships of one node with one type: three lists of 32-bit ids (a store holds at most
/// <see cref="StoreLimits.MaxIds"/> node and relationship ids), each a slice <c>[Start, Start + Length)</c> of an array.
/// <para>
/// A group built by a commit that adds relationships to it is <em>owned</em>: its lists start at 0 of arrays of their
/// own, which may be longer and shared with newer versions. A commit that only adds relationships appends behind the
/// head's lengths and publishes a new group over the same arrays (readers of the older group never look past their
/// lengths), so adding k relationships to a node costs O(k), not O(degree). Removals copy.
/// </para>
/// <para>
/// A group built by a bulk commit for a node that had no relationships is <em>packed</em>: its lists are slices of
/// large arrays shared by many nodes (<see cref="AdjacencyArena"/>), so a load of millions of relationships allocates a
/// few large arrays instead of two or three small ones per node. Nothing is ever written behind a packed list (its
/// neighbour's entries are there): the first append copies it into arrays of its own.
/// </para>
/// <para>
/// A group is immutable while any reader may hold it. Only a commit applied while no reader is open may extend an owned
/// group in place (<see cref="ExtendInPlace"/>): nobody can see the old lengths, and a load of many small commits then
/// replaces no group objects (each replaced one was old-generation garbage).
/// </para>
/// </summary>
internal sealed class RelGroup
{
    public RelGroup(int type, int[] outgoing, int outgoingLength, int[] incoming, int incomingLength, int[] loops, int loopCount)
        : this(type, outgoing, 0, outgoingLength, incoming, 0, incomingLength, loops, 0, loopCount, packed: false) { }

    public RelGroup(int type, int[] outgoing, int[] incoming, int[] loops)
        : this(type, outgoing, outgoing.Length, incoming, incoming.Length, loops, loops.Length) { }

    public RelGroup(int type, int[] outgoingArray, int outgoingStart, int outgoingLength, int[] incomingArray, int incomingStart, int incomingLength,
        int[] loopsArray, int loopsStart, int loopCount, bool packed)
    {
        Type = type;
        OutgoingArray = outgoingArray;
        OutgoingStart = outgoingStart;
        OutgoingLength = outgoingLength;
        IncomingArray = incomingArray;
        IncomingStart = incomingStart;
        IncomingLength = incomingLength;
        LoopsArray = loopsArray;
        LoopsStart = loopsStart;
        LoopCount = loopCount;
        Packed = packed;
    }

    public readonly int Type;
    /// <summary>Pairs (relationship id, other node id) for relationships starting here, at <see cref="OutgoingStart"/>.</summary>
    public int[] OutgoingArray;
    public readonly int OutgoingStart;
    /// <summary>Ints of the outgoing list that belong to this version (two per relationship).</summary>
    public int OutgoingLength;
    /// <summary>Pairs (relationship id, other node id) for relationships ending here, at <see cref="IncomingStart"/>.</summary>
    public int[] IncomingArray;
    public readonly int IncomingStart;
    public int IncomingLength;
    /// <summary>Ids of self-loops, kept apart so that Direction.Both reports them once.</summary>
    public int[] LoopsArray;
    public readonly int LoopsStart;
    public int LoopCount;
    /// <summary>The lists are slices of arrays shared with other nodes: never written behind.</summary>
    public readonly bool Packed;

    /// <summary>
    /// Gives an owned group the lists <see cref="Adjacency"/> appended to (the same arrays or larger copies, each holding
    /// the old entries first). Only while no reader is open: see the remarks on the type.
    /// </summary>
    public void ExtendInPlace(int[] outgoing, int outgoingLength, int[] incoming, int incomingLength, int[] loops, int loopCount)
    {
        if (Packed) throw new InvalidOperationException("A packed group shares its arrays: it is never extended in place.");
        OutgoingArray = outgoing;
        OutgoingLength = outgoingLength;
        IncomingArray = incoming;
        IncomingLength = incomingLength;
        LoopsArray = loops;
        LoopCount = loopCount;
    }

    public ReadOnlySpan<int> Outgoing => OutgoingArray.AsSpan(OutgoingStart, OutgoingLength);
    public ReadOnlySpan<int> Incoming => IncomingArray.AsSpan(IncomingStart, IncomingLength);
    public ReadOnlySpan<int> Loops => LoopsArray.AsSpan(LoopsStart, LoopCount);

    public int Count(Direction direction) => direction switch
    {
        Direction.Outgoing => OutgoingLength / 2 + LoopCount,
        Direction.Incoming => IncomingLength / 2 + LoopCount,
        _ => OutgoingLength / 2 + IncomingLength / 2 + LoopCount,
    };
}

/// <summary>A relationship as read from the committed columns.</summary>
internal readonly record struct RelRecord(int Type, long Start, long End, KeyValuePair<int, object>[] Properties);

/// <summary>
/// Committed relationships as columns indexed by id (no object per relationship: a million relationships
/// cost a few arrays, not a million objects for the garbage collector to trace). Type and ends never change.
/// Visibility is by version: a relationship exists for readers whose version is in [Created, Deleted).
/// A commit that grows the columns publishes a new instance; readers holding the old one still see
/// everything up to their version.
/// </summary>
internal sealed class RelColumns
{
    public readonly Column<int> Type;
    /// <summary>Node ids, 32-bit (see <see cref="StoreLimits.MaxIds"/>).</summary>
    public readonly Column<int> Start;
    public readonly Column<int> End;
    /// <summary>Version of the commit that created the relationship; 0 = no relationship with this id (4 bytes each, see <see cref="CreationColumn"/>).</summary>
    public readonly CreationColumn Created;
    /// <summary>Version of the commit that deleted it; long.MaxValue while it exists (no memory for the ones never deleted).</summary>
    public readonly DeletionColumn Deleted;
    /// <summary>The properties: a KeyValuePair array, or a <see cref="PropertyHistory"/> while old readers need older values.</summary>
    public readonly RelPropertyColumn Properties;

    public RelColumns(long capacity)
        : this(new(capacity), new(capacity), new(capacity), new(capacity), new(capacity), new(capacity)) { }

    private RelColumns(Column<int> type, Column<int> start, Column<int> end, CreationColumn created, DeletionColumn deleted, RelPropertyColumn properties)
    {
        Type = type;
        Start = start;
        End = end;
        Created = created;
        Deleted = deleted;
        Properties = properties;
    }

    public long Capacity => Type.Capacity;

    public RelColumns Grow(long needed) =>
        new(Type.Grow(needed), Start.Grow(needed), End.Grow(needed), Created.Grow(needed), Deleted.Grow(needed), Properties.Grow(needed));

    public KeyValuePair<int, object>[] PropertiesAt(long id, long version) => PropertiesAt(Properties.Read(id), version);

    public static KeyValuePair<int, object>[] PropertiesAt(object? stored, long version)
    {
        if (stored is KeyValuePair<int, object>[] current) return current;
        for (var h = stored as PropertyHistory; h is not null; h = h.Older)
            if (h.Version <= version) return h.Properties;
        return [];
    }
}

/// <summary>Property versions of a relationship, newest first, kept only while an open reader may need them.</summary>
internal sealed class PropertyHistory(long version, KeyValuePair<int, object>[] properties, PropertyHistory? older)
{
    public readonly long Version = version;
    public readonly KeyValuePair<int, object>[] Properties = properties;
    public PropertyHistory? Older = older;
}

internal static class PropertyArrays
{
    public static object? Get(KeyValuePair<int, object>[] properties, int key)
    {
        foreach (var p in properties)
            if (p.Key == key) return p.Value;
        return null;
    }

    /// <summary>Copy-on-write set; value null removes. Returns the same array when nothing changes.</summary>
    public static KeyValuePair<int, object>[] With(KeyValuePair<int, object>[] properties, int key, object? value)
    {
        var index = -1;
        for (var i = 0; i < properties.Length; i++)
            if (properties[i].Key == key) { index = i; break; }
        if (value is null)
        {
            if (index < 0) return properties;
            var removed = new KeyValuePair<int, object>[properties.Length - 1];
            Array.Copy(properties, 0, removed, 0, index);
            Array.Copy(properties, index + 1, removed, index, properties.Length - index - 1);
            return removed;
        }
        var copy = new KeyValuePair<int, object>[index < 0 ? properties.Length + 1 : properties.Length];
        Array.Copy(properties, copy, properties.Length);
        copy[index < 0 ? properties.Length : index] = new KeyValuePair<int, object>(key, value);
        return copy;
    }
}
