namespace Graph.Engine.Execution;

/// <summary>
/// An int per node, indexed by node id in a growing array (0 until set): cheaper than a dictionary when most nodes of a
/// scan get an entry (4 bytes each, no hashing). Node ids beyond <see cref="MaxNode"/> are not kept (the caller does
/// without).
/// </summary>
internal sealed class DenseNodeIndex
{
    public const long MaxNode = 1L << 30;

    private int[] _values = new int[1024];

    /// <summary>Bytes the array holds (for the memory account).</summary>
    public long Bytes => 4L * _values.Length;

    public int Get(long node) => node >= 0 && node < _values.Length ? _values[node] : 0;

    /// <summary>Sets a node's value; false (nothing kept) for an id out of range.</summary>
    public bool Set(long node, int value)
    {
        if (node < 0 || node >= MaxNode) return false;
        if (node >= _values.Length)
        {
            var size = (long)_values.Length;
            while (size <= node) size *= 2;
            Array.Resize(ref _values, (int)Math.Min(size, MaxNode));
        }
        _values[node] = value;
        return true;
    }
}
