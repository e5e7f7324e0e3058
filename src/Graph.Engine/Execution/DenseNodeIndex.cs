namespace Graph.Engine.Execution;

/// <summary>
/// An int per node (0 until set). Nodes are kept in a dictionary while they are few or sparse among the ids: an
/// anchored walk (one expert's allies) reaches a few thousand nodes with ids up to the whole graph's, and an array
/// indexed by id would allocate and clear 4 bytes per node of the graph in every statement. Once there are at least
/// <see cref="SparseLimit"/> and one per <see cref="IdsPerEntry"/> ids up to the largest, the values move to a growing
/// array indexed by node id: cheaper than a dictionary when most nodes of a scan get an entry (4 bytes each, no
/// hashing). Node ids beyond <see cref="MaxNode"/> are not kept (the caller does without).
/// </summary>
internal sealed class DenseNodeIndex
{
    public const long MaxNode = 1L << 30;

    /// <summary>Entries always kept in the dictionary.</summary>
    public const int SparseLimit = 2048;

    /// <summary>The array is taken when it costs at most this many ids (4 bytes each) per entry: about a dictionary entry.</summary>
    public const int IdsPerEntry = 8;

    /// <summary>Bytes a dictionary entry holds (key, value, hash, next, bucket), for the memory account.</summary>
    private const long SparseEntryBytes = 24;

    private Dictionary<long, int>? _sparse = [];
    private int[] _values = [];
    private long _largestSparse = -1;

    /// <summary>Bytes the index holds (for the memory account).</summary>
    public long Bytes => _sparse is { } sparse ? SparseEntryBytes * sparse.Count : 4L * _values.Length;

    /// <summary>True once the values are in the array indexed by node id (tests).</summary>
    public bool IsDense => _sparse is null;

    public int Get(long node)
    {
        if (_sparse is { } sparse) return sparse.TryGetValue(node, out var v) ? v : 0;
        return node >= 0 && node < _values.Length ? _values[node] : 0;
    }

    /// <summary>Sets a node's value; false (nothing kept) for an id out of range.</summary>
    public bool Set(long node, int value)
    {
        if (node < 0 || node >= MaxNode) return false;
        if (_sparse is { } sparse)
        {
            _largestSparse = Math.Max(_largestSparse, node);
            if (sparse.Count < SparseLimit || (long)sparse.Count * IdsPerEntry < _largestSparse || sparse.ContainsKey(node))
            {
                sparse[node] = value;
                return true;
            }
            MakeDense(sparse);
        }
        if (node >= _values.Length) Grow(node);
        _values[node] = value;
        return true;
    }

    private void MakeDense(Dictionary<long, int> sparse)
    {
        _sparse = null;
        Grow(_largestSparse);
        foreach (var (node, value) in sparse) _values[node] = value;
    }

    private void Grow(long node)
    {
        var size = Math.Max(1024L, _values.Length);
        while (size <= node) size *= 2;
        Array.Resize(ref _values, (int)Math.Min(size, MaxNode));
    }
}
