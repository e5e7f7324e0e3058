namespace Graph.Storage;

/// <summary>
/// The far ends of a node's relationships only (<see cref="StorageTransaction.ReadNeighbourNodes"/>), in one array reused
/// from node to node: a caller that needs neither the relationships' ids nor their types (a breadth-first search over node
/// ids) gets 8 bytes written per relationship instead of the 20 of a <see cref="NeighbourList"/>.
/// </summary>
public sealed class NeighbourNodes
{
    private long[] _nodes = new long[16];

    public int Count { get; private set; }

    /// <summary>Entries the array holds (for a caller that counts memory).</summary>
    public int Capacity => _nodes.Length;

    /// <summary>The node at the other end of each relationship (the node itself for a self-loop).</summary>
    public ReadOnlySpan<long> Nodes => _nodes.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void Add(long node)
    {
        // the index first: Extend may replace the array
        var at = Extend(1);
        _nodes[at] = node;
    }

    /// <summary>Makes room for <paramref name="count"/> more entries and counts them; returns the first one's index.</summary>
    internal int Extend(int count)
    {
        var at = Count;
        if (at + count > _nodes.Length)
        {
            var size = _nodes.Length;
            while (size < at + count) size *= 2;
            Array.Resize(ref _nodes, size);
        }
        Count = at + count;
        return at;
    }

    internal Span<long> From(int at, int count) => _nodes.AsSpan(at, count);
}
