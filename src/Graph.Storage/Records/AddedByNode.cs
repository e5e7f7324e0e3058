namespace Graph.Storage.Records;

/// <summary>
/// The relationships one commit adds, filed by end node without an object per node: (node, relationship id) pairs
/// packed into longs (ids are below 2^31, see <see cref="StoreLimits.MaxIds"/>) and sorted, so each node's additions
/// are one slice, in id order. The commit's graph data keeps one and reuses its array: a load of many small commits
/// touching ~20,000 nodes each then allocates nothing here, where a dictionary entry, a delta and a list per node were
/// old-generation garbage by the time the commit ended (a collection during the statement had promoted them).
/// Only for the single committing thread.
/// </summary>
internal sealed class AddedByNode
{
    private const int IdBits = 31;
    private const long IdMask = (1L << IdBits) - 1;

    /// <summary>Pairs kept between commits at most (1 MB); a bulk commit's larger array is dropped after it.</summary>
    private const int KeepUpTo = 1 << 17;

    private long[] _pairs = new long[256];
    private int _count;
    private bool _sorted = true;
    // Starts of the slices already taken by node (Take), so that the walk over the rest skips them.
    private readonly List<int> _taken = [];
    private long[] _ids = new long[64];

    public bool IsEmpty => _count == 0;

    public void Add(long node, long rel)
    {
        if (_count == _pairs.Length) Array.Resize(ref _pairs, _pairs.Length * 2);
        var pair = node << IdBits | rel;
        if (_count > 0 && pair < _pairs[_count - 1]) _sorted = false;
        _pairs[_count++] = pair;
    }

    /// <summary>Sorts the pairs once all are added, before <see cref="Take"/> and <see cref="NextUntaken"/>.</summary>
    public void Seal()
    {
        if (!_sorted) Array.Sort(_pairs, 0, _count);
        _sorted = true;
    }

    /// <summary>The relationships added at <paramref name="node"/> (empty when none), marked taken.</summary>
    public ReadOnlySpan<long> Take(long node)
    {
        var (start, length) = Find(node);
        if (length == 0) return [];
        _taken.Add(start);
        return Ids(start, length);
    }

    /// <summary>
    /// The next node, from <paramref name="cursor"/> on (start at 0), whose additions were not taken, in node order;
    /// false at the end. The span is valid until the next call.
    /// </summary>
    public bool NextUntaken(ref int cursor, out long node, out ReadOnlySpan<long> rels)
    {
        if (cursor == 0) _taken.Sort();
        while (cursor < _count)
        {
            var start = cursor;
            node = _pairs[start] >> IdBits;
            var end = start + 1;
            while (end < _count && _pairs[end] >> IdBits == node) end++;
            cursor = end;
            if (_taken.BinarySearch(start) < 0)
            {
                rels = Ids(start, end - start);
                return true;
            }
        }
        node = -1;
        rels = [];
        return false;
    }

    /// <summary>Empties it for the next commit, keeping the array unless a bulk commit made it large.</summary>
    public void Clear()
    {
        if (_pairs.Length > KeepUpTo) _pairs = new long[256];
        if (_ids.Length > KeepUpTo) _ids = new long[64];
        _count = 0;
        _sorted = true;
        _taken.Clear();
    }

    private (int Start, int Length) Find(long node)
    {
        var first = LowerBound(node << IdBits);
        var end = first;
        while (end < _count && _pairs[end] >> IdBits == node) end++;
        return (first, end - first);
    }

    private int LowerBound(long value)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_pairs[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>The slice's relationship ids, decoded into a scratch array (the pairs stay sorted for later lookups).</summary>
    private ReadOnlySpan<long> Ids(int start, int length)
    {
        if (_ids.Length < length) _ids = new long[Math.Max(length, _ids.Length * 2)];
        for (var k = 0; k < length; k++) _ids[k] = _pairs[start + k] & IdMask;
        return _ids.AsSpan(0, length);
    }
}
