namespace Graph.Engine.Execution;

/// <summary>
/// An int per node (0 until set). Nodes are kept in a dictionary while they are few or sparse among the ids: an
/// anchored walk (one expert's allies) reaches a few thousand nodes with ids up to the whole graph's, and an array
/// indexed by id would allocate and clear 4 bytes per node of the graph in every statement. Once there are at least
/// <see cref="SparseLimit"/> and one per <see cref="IdsPerEntry"/> ids between the smallest and the largest, the values
/// move to a growing array indexed by node id from the smallest: cheaper than a dictionary when most nodes of a label
/// get an entry (4 bytes each, no hashing), wherever the label's ids lie (the claims of a graph imported after its
/// experts lie in one block of ids far from 0). Node ids beyond <see cref="MaxNode"/> are not kept (the caller does without).
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
    private long _base; // the node of _values[0]
    private long _smallestSparse = long.MaxValue, _largestSparse = -1;

    /// <summary>Bytes the index holds (for the memory account).</summary>
    public long Bytes => _sparse is { } sparse ? SparseEntryBytes * sparse.Count : 4L * _values.Length;

    /// <summary>True once the values are in the array indexed by node id (tests).</summary>
    public bool IsDense => _sparse is null;

    /// <summary>
    /// The values by node id from <paramref name="first"/> (value of node n at n - first; nodes outside have 0), once they
    /// are in the array; false while they are in the dictionary. Valid until the next <see cref="Set"/>: a caller's tight
    /// loop reads them without a call per node.
    /// </summary>
    public bool TryGetArray(out int[] values, out long first)
    {
        values = _values;
        first = _base;
        return _sparse is null;
    }

    public int Get(long node)
    {
        if (_sparse is { } sparse) return sparse.TryGetValue(node, out var v) ? v : 0;
        var at = node - _base;
        return (ulong)at < (ulong)_values.Length ? _values[at] : 0;
    }

    /// <summary>Sets a node's value; false (nothing kept) for an id out of range.</summary>
    public bool Set(long node, int value)
    {
        if (node < 0 || node >= MaxNode) return false;
        if (_sparse is { } sparse)
        {
            _smallestSparse = Math.Min(_smallestSparse, node);
            _largestSparse = Math.Max(_largestSparse, node);
            if (sparse.Count < SparseLimit || (long)sparse.Count * IdsPerEntry < _largestSparse - _smallestSparse + 1 || sparse.ContainsKey(node))
            {
                sparse[node] = value;
                return true;
            }
            MakeDense(sparse);
        }
        if (node < _base || node - _base >= _values.Length) Grow(node);
        _values[node - _base] = value;
        return true;
    }

    private void MakeDense(Dictionary<long, int> sparse)
    {
        _sparse = null;
        _base = _smallestSparse;
        Grow(_largestSparse);
        foreach (var (node, value) in sparse) _values[node - _base] = value;
    }

    /// <summary>Extends the array to hold <paramref name="node"/>: doubled upward, or down to the node (with as much room again below).</summary>
    private void Grow(long node)
    {
        var low = _base;
        var high = _base + _values.Length; // exclusive
        if (node < low) low = Math.Max(0, node - (high - node));
        else
        {
            var size = Math.Max(1024L, _values.Length);
            while (low + size <= node) size *= 2;
            high = Math.Min(low + size, MaxNode);
        }
        var values = new int[high - low];
        Array.Copy(_values, 0, values, _base - low, _values.Length);
        _values = values;
        _base = low;
    }
}
