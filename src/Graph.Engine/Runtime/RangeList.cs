using System.Collections;

namespace Graph.Engine.Runtime;

/// <summary>
/// The list <c>range(start, end, step)</c> returns, computed on demand instead of stored: <c>UNWIND range(1, 40000000)</c>
/// streams, and <c>size(range(...))</c> or an index costs nothing. Anything that copies it (collect, list functions, a
/// stored property, a result) pays for the copy against the statement's memory limit.
/// </summary>
internal sealed class RangeList : IReadOnlyList<object?>
{
    private readonly long _start;
    private readonly long _step;

    public RangeList(long start, long step, int count)
    {
        _start = start;
        _step = step;
        Count = count;
    }

    public int Count { get; }

    public object? this[int index] => (uint)index < (uint)Count
        ? CypherValues.Int(_start + index * _step)
        : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Membership without a scan (the IN operator on a range).</summary>
    public bool Contains(long value)
    {
        if (Count == 0) return false;
        var offset = (Int128)value - _start;
        if (offset % _step != 0) return false;
        var index = offset / _step;
        return index >= 0 && index < Count;
    }

    /// <summary>Whether two ranges hold the same integers, without looking at each (equality, equivalence).</summary>
    public static bool SameElements(RangeList a, RangeList b) =>
        a.Count == b.Count && (a.Count == 0 || (a._start == b._start && (a.Count == 1 || a._step == b._step)));

    /// <summary>The lexicographic order of two ranges (as lists of integers), without looking at each element.</summary>
    public static int Compare(RangeList a, RangeList b)
    {
        if (a.Count == 0 || b.Count == 0) return a.Count.CompareTo(b.Count);
        if (a._start != b._start) return a._start.CompareTo(b._start);
        if (a.Count == 1 || b.Count == 1 || a._step == b._step) return a.Count.CompareTo(b.Count);
        // the second elements differ: start + step, and the start is the same
        return a._step.CompareTo(b._step);
    }

    public IEnumerator<object?> GetEnumerator()
    {
        var v = _start;
        for (var i = 0; i < Count; i++, v += _step) yield return CypherValues.Int(v);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
