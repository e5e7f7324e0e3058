using System.Diagnostics;

namespace Graph.Engine.Execution;

/// <summary>What one operator did during one PROFILE execution.</summary>
internal sealed class OperatorStatistics
{
    /// <summary>Rows the operator produced.</summary>
    public long Rows { get; internal set; }

    /// <summary>Store accesses made while the operator itself (not its children) was working.</summary>
    public long DbHits { get; internal set; }

    /// <summary>For an index seek: how many of its seeks went through a real index (else it scanned the label).</summary>
    public long IndexedSeeks { get; internal set; }

    /// <summary>Time spent in the operator itself, children excluded (Stopwatch ticks).</summary>
    public long ElapsedTicks { get; internal set; }

    public long TimeNanoseconds => (long)(ElapsedTicks * (1_000_000_000.0 / Stopwatch.Frequency));
}
