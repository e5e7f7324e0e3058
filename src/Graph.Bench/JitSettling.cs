using System.Diagnostics;

namespace Graph.Bench;

/// <summary>
/// Under tiered compilation a method is first run from its ReadyToRun image (or quick-jitted) and recompiled,
/// optimized with its profile, in the background after it was called often enough. A warm measurement therefore keeps
/// warming up until a whole window of calls was quiet; a cold one (no warm-up) never waits. Quiet is more than "the JIT
/// compiled nothing": while methods are still being called for the first time the runtime delays call counting and
/// holds back the promotions already due, so the window must also have seen no tiering event and end with no delay
/// active and no background compilation under way (<see cref="TieringActivity"/>; docs/decisions.md, 26).
/// </summary>
public static class JitSettling
{
    /// <summary>Longer than the runtime's call-counting delay (100 ms) plus a background compilation of a few methods.</summary>
    public const double QuietWindowMs = 300;

    /// <summary>
    /// Calls a quiet window must also hold: a method is promoted after 30 calls once the tiering delay is over, and with
    /// TieredPGO a ReadyToRun method goes through an instrumented tier first (30 calls more). A workload of 50 ms a call
    /// makes 6 calls in 300 ms, so a method it calls once per call would be promoted during its timed runs (seen: stances'
    /// counting methods compiled 1.2 s into its timed runs). Bounded by the settle's cap like the rest.
    /// </summary>
    public const int MinCallsPerWindow = 64;

    /// <summary>
    /// Quiet windows needed in a row. The tiering events come through the runtime's event pipe a little late, so a
    /// promotion queued in a window's last moments can be heard only after that window was judged quiet, then compiled
    /// during the timed runs (seen: the timed loop's own methods promoted at the end of positions' timed runs). The
    /// second window hears it.
    /// </summary>
    public const int QuietWindowsInARow = 2;

    /// <summary>A workload whose path keeps compiling is measured anyway after this long, once it also made
    /// <see cref="MinSettleCalls"/> calls.</summary>
    public const double MaxSettleMs = 10_000;

    /// <summary>
    /// Calls the settle makes before <see cref="MaxSettleMs"/> may end it: a method called once per call goes through both
    /// promotions (ReadyToRun, 30 calls, instrumented tier, 30 calls, tier 1) in some 60 calls after the last tiering
    /// delay, and two quiet windows need <see cref="MinCallsPerWindow"/> calls each. A fast workload makes them well
    /// within the time cap; a slow global one (stances at 1M, ~0.9 s a call: 11 calls in 10 s) used to be measured with
    /// its promotions still to come (16–17 methods compiled in its timed runs). Bounded by <see cref="MaxSlowSettleMs"/>.
    /// </summary>
    public const int MinSettleCalls = QuietWindowsInARow * MinCallsPerWindow;

    /// <summary>The settle ends after this long whatever its calls (a workload of seconds a call).</summary>
    public const double MaxSlowSettleMs = 150_000;

    /// <summary>Runs <paramref name="run"/> until <see cref="QuietWindowsInARow"/> windows in a row of at least
    /// <see cref="QuietWindowMs"/> and <see cref="MinCallsPerWindow"/> calls each were quiet
    /// (<see cref="JitActivity.QuietSince"/>), or the cap: <paramref name="maxSettleMs"/> spent and
    /// <paramref name="minCallsBeforeCap"/> calls made, or <paramref name="maxSlowSettleMs"/> spent. Returns the number of calls it made.</summary>
    public static async Task<int> WarmUntilQuietAsync(Func<int, Task> run, Func<JitActivity>? activity = null, double maxSettleMs = MaxSettleMs,
        int minCallsBeforeCap = MinSettleCalls, double maxSlowSettleMs = MaxSlowSettleMs)
    {
        activity ??= TieringActivity.Shared.Now;
        var calls = 0;
        var settling = Stopwatch.StartNew();
        bool Capped()
        {
            var spent = settling.Elapsed.TotalMilliseconds;
            return spent >= maxSlowSettleMs || (spent >= maxSettleMs && calls >= minCallsBeforeCap);
        }
        var quietInARow = 0;
        var before = activity();
        while (!Capped())
        {
            var window = Stopwatch.StartNew();
            var windowCalls = 0;
            do
            {
                await run(calls++);
                windowCalls++;
            }
            while ((window.Elapsed.TotalMilliseconds < QuietWindowMs || windowCalls < MinCallsPerWindow) && !Capped());
            var now = activity();
            quietInARow = now.QuietSince(before) ? quietInARow + 1 : 0;
            if (quietInARow >= QuietWindowsInARow) break;
            before = now;
        }
        return calls;
    }
}
