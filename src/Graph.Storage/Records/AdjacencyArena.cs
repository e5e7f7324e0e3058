namespace Graph.Storage.Records;

/// <summary>
/// Hands out slices of large int arrays for the packed adjacency lists of one bulk commit or snapshot load (see
/// <see cref="RelGroup"/>). The arrays are 2 MB: large-object-heap allocations that go straight to the old generation
/// (nothing to promote) and fit in the holes the commit's freed relationship chunks leave there, where a few hundred
/// thousand small per-node arrays would be allocated young, copied on promotion and unable to use those holes.
/// </summary>
internal sealed class AdjacencyArena
{
    /// <summary>Ints per shared array (2 MB).</summary>
    public const int ArrayLength = 1 << 19;

    /// <summary>Lists longer than this get an array of their own (the space left at the end of a shared array stays small).</summary>
    public const int SharedUpTo = ArrayLength / 16;

    private int[] _current = [];
    private int _used;
    private byte[] _kinds = new byte[64];
    private int[] _others = new int[64];
    private int[] _types = new int[64];

    /// <summary>Scratch for one node's entries while its groups are built: at least <paramref name="length"/> each, valid until the next call.</summary>
    public (byte[] Kinds, int[] Others, int[] Types) Scratch(int length)
    {
        if (length > _kinds.Length)
        {
            var size = Math.Max(length, _kinds.Length * 2);
            (_kinds, _others, _types) = (new byte[size], new int[size], new int[size]);
        }
        return (_kinds, _others, _types);
    }

    /// <summary>Room for <paramref name="length"/> ints: an array and where in it they go.</summary>
    public (int[] Array, int Start) Take(int length)
    {
        if (length == 0) return ([], 0);
        if (length > SharedUpTo) return (new int[length], 0);
        if (_used + length > _current.Length)
        {
            _current = new int[ArrayLength];
            _used = 0;
        }
        var start = _used;
        _used += length;
        return (_current, start);
    }
}
