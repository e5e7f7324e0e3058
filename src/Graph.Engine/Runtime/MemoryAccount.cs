namespace Graph.Engine.Runtime;

/// <summary>
/// What one operator keeps while it runs (sorted rows, groups, a distinct set, collected values, search state), reserved
/// against the statement's <see cref="MemoryTracker"/> and released at once when the operator is done (disposed).
/// Large lists, maps and strings are counted once per account however many rows refer to them (a list collected once and
/// unwound into a million rows is not a million lists).
/// </summary>
internal sealed class MemoryAccount : IDisposable
{
    /// <summary>Values at least this large are remembered by reference and counted once.</summary>
    private const int SharedThreshold = 16;

    private readonly MemoryTracker _tracker;
    private readonly string _what;
    private HashSet<object>? _counted;

    internal MemoryAccount(MemoryTracker tracker, string what)
    {
        _tracker = tracker;
        _what = what;
    }

    /// <summary>Bytes this account holds.</summary>
    public long Held { get; private set; }

    public void Reserve(long bytes)
    {
        Held += bytes;
        _tracker.Reserve(bytes, _what);
    }

    public void Release(long bytes)
    {
        bytes = Math.Min(bytes, Held);
        Held -= bytes;
        _tracker.Release(bytes);
    }

    /// <summary>Reserves <paramref name="overhead"/> plus the size of <paramref name="value"/> (shared large parts once); returns what it took.</summary>
    public long Keep(object? value, long overhead = 0)
    {
        var bytes = overhead + ValueSize.Of(value, this);
        Reserve(bytes);
        return bytes;
    }

    /// <summary>Reserves a row kept whole: its slot array and the values in it; returns what it took.</summary>
    public long KeepRow(object?[] row)
    {
        var bytes = ValueSize.Array(row.Length);
        foreach (var v in row) bytes += ValueSize.Of(v, this);
        Reserve(bytes);
        return bytes;
    }

    /// <summary>True the first time a large value is seen by this account (then it is counted; later it costs a reference).</summary>
    internal bool FirstSight(object value, int size)
    {
        if (size < SharedThreshold) return true;
        _counted ??= new HashSet<object>(ReferenceEqualityComparer.Instance);
        if (!_counted.Add(value)) return false;
        Reserve(ValueSize.SetEntry);
        return true;
    }

    public void Dispose()
    {
        _tracker.Release(Held);
        Held = 0;
        _counted = null;
    }
}
