namespace Graph.Engine.Tests.Limits;

/// <summary>
/// A clock that moves one millisecond each time it is read: a statement's deadline passes after a known number of looks
/// at the clock, whatever the machine's load, so where a timeout is noticed can be asserted exactly.
/// </summary>
internal sealed class SteppingClock : TimeProvider
{
    private long _now;

    public override long TimestampFrequency => 1000;

    public override long GetTimestamp() => Interlocked.Increment(ref _now);

    /// <summary>How many times the engine has looked at the clock.</summary>
    public long Reads => Interlocked.Read(ref _now);
}
