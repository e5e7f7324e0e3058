using System.Collections;

namespace Graph.Engine.Runtime;

/// <summary>
/// The list <c>range(start, end, step)</c> returns, computed on demand instead of stored: <c>UNWIND range(1, 40000000)</c>
/// streams, and <c>size(range(...))</c> or an index costs nothing. Anything that copies it (collect, list functions, a
/// stored property, a result) pays for the copy against the statement's memory limit.
/// </summary>
public sealed class RangeList : IReadOnlyList<object?>
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

    public IEnumerator<object?> GetEnumerator()
    {
        var v = _start;
        for (var i = 0; i < Count; i++, v += _step) yield return CypherValues.Int(v);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
