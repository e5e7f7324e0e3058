namespace Graph.Storage;

/// <summary>
/// A node's relationships as ids only (<see cref="StorageTransaction.ReadNeighbours"/>): per relationship its id, its
/// type and the node at its other end, in three parallel arrays reused from node to node. A caller that only needs the
/// far nodes and types reads 20 bytes per relationship instead of a 32-byte <see cref="RelationshipRef"/>, and reads
/// no end it already knows.
/// </summary>
public sealed class NeighbourList
{
    private long[] _relationships = new long[16];
    private long[] _others = new long[16];
    private int[] _types = new int[16];

    public int Count { get; private set; }

    /// <summary>Entries the arrays hold (for a caller that counts memory).</summary>
    public int Capacity => _others.Length;

    public ReadOnlySpan<long> Relationships => _relationships.AsSpan(0, Count);

    /// <summary>The node at the other end of each relationship (the node itself for a self-loop).</summary>
    public ReadOnlySpan<long> Others => _others.AsSpan(0, Count);

    public ReadOnlySpan<int> Types => _types.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void Add(long relationship, int type, long other)
    {
        var at = Extend(1);
        _relationships[at] = relationship;
        _types[at] = type;
        _others[at] = other;
    }

    /// <summary>Makes room for <paramref name="count"/> more entries and counts them; returns the first one's index.</summary>
    internal int Extend(int count)
    {
        var at = Count;
        if (at + count > _others.Length)
        {
            var size = _others.Length;
            while (size < at + count) size *= 2;
            Array.Resize(ref _relationships, size);
            Array.Resize(ref _others, size);
            Array.Resize(ref _types, size);
        }
        Count = at + count;
        return at;
    }

    internal Span<long> RelationshipsFrom(int at, int count) => _relationships.AsSpan(at, count);

    internal Span<long> OthersFrom(int at, int count) => _others.AsSpan(at, count);

    internal Span<int> TypesFrom(int at, int count) => _types.AsSpan(at, count);
}
