using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// The groups of a <see cref="ChainCountOp"/>: tuple of interned key ids to count, in order of first appearance, each
/// new group reserved against the statement's memory limit. An open-addressing table over one flat array of ids: a
/// path's group is found by hashing a few ints in place, with no comparer calls and no array per group.
/// </summary>
internal sealed class TupleCounts(int width, MemoryAccount account) : ITupleSink
{
    private const long GroupBytes = 8 + 4 * 2; // the count, and the bucket (at half load)

    private int[] _ids = new int[Math.Max(1, width) * 16];
    private long[] _counts = new long[16];
    private int[] _buckets = new int[32]; // group index + 1; 0: empty
    private int _count;

    public int Count => _count;

    public void Add(int[] tuple, long count)
    {
        var mask = _buckets.Length - 1;
        var b = Hash(tuple) & mask;
        while (true)
        {
            var at = _buckets[b] - 1;
            if (at < 0) break;
            if (SameAt(at, tuple))
            {
                _counts[at] += count;
                return;
            }
            b = (b + 1) & mask;
        }
        if (_count == _counts.Length) Grow();
        account.Reserve(GroupBytes + 4L * width);
        tuple.AsSpan(0, width).CopyTo(_ids.AsSpan(_count * width));
        _counts[_count] = count;
        _count++;
        if (_count * 2 > _buckets.Length) Rehash();
        else _buckets[b] = _count;
    }

    /// <summary>Group <paramref name="index"/>'s tuple (valid until the next <see cref="Add"/>).</summary>
    public ReadOnlySpan<int> TupleAt(int index) => _ids.AsSpan(index * width, width);

    public long CountAt(int index) => _counts[index];

    private bool SameAt(int at, int[] tuple)
    {
        var start = at * width;
        for (var i = 0; i < width; i++)
            if (_ids[start + i] != tuple[i]) return false;
        return true;
    }

    private int Hash(ReadOnlySpan<int> tuple)
    {
        uint h = 2166136261;
        for (var i = 0; i < width; i++) h = (h ^ (uint)tuple[i]) * 16777619;
        return (int)(h ^ (h >> 15));
    }

    private void Grow()
    {
        Array.Resize(ref _counts, _counts.Length * 2);
        Array.Resize(ref _ids, _counts.Length * Math.Max(1, width));
    }

    private void Rehash()
    {
        _buckets = new int[_buckets.Length * 2];
        var mask = _buckets.Length - 1;
        for (var g = 0; g < _count; g++)
        {
            var b = Hash(TupleAt(g)) & mask;
            while (_buckets[b] != 0) b = (b + 1) & mask;
            _buckets[b] = g + 1;
        }
    }
}
