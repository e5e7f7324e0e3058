using System.Diagnostics;
using System.Runtime;

namespace Graph.Bench;

/// <summary>
/// Under tiered compilation a method is first run from its ReadyToRun image (or quick-jitted) and recompiled,
/// optimized with its profile, in the background after it was called often enough. A warm measurement therefore keeps
/// warming up until a whole window of calls compiled no method; a cold one (no warm-up) never waits.
/// </summary>
public static class JitSettling
{
    /// <summary>Longer than the runtime's call-counting delay (100 ms) plus a background compilation of a few methods.</summary>
    public const double QuietWindowMs = 300;

    /// <summary>A workload whose path keeps compiling is measured anyway after this long.</summary>
    public const double MaxSettleMs = 10_000;

    /// <summary>Runs <paramref name="run"/> until one window of at least <see cref="QuietWindowMs"/> compiled nothing;
    /// returns the number of calls it made.</summary>
    public static async Task<int> WarmUntilQuietAsync(Func<int, Task> run, Func<long>? compiledMethods = null, double maxSettleMs = MaxSettleMs)
    {
        compiledMethods ??= () => JitInfo.GetCompiledMethodCount(currentThread: false);
        var calls = 0;
        var settling = Stopwatch.StartNew();
        while (settling.Elapsed.TotalMilliseconds < maxSettleMs)
        {
            var before = compiledMethods();
            var window = Stopwatch.StartNew();
            do await run(calls++);
            while (window.Elapsed.TotalMilliseconds < QuietWindowMs);
            if (compiledMethods() == before) break;
        }
        return calls;
    }
}
