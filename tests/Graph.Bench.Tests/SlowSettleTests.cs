using Graph.Bench;

namespace Graph.Bench.Tests;

/// <summary>The settle's cap for a slow workload: its time cap ends it only once it made the calls a promotion through
/// both tiers and two quiet windows need; a hard cap in time ends it whatever its calls.</summary>
public sealed class SlowSettleTests
{
    private static JitActivity NeverQuiet(ref long compiled) => new(++compiled, TieringEvents: 0, TieringBusy: false);

    [Fact]
    public async Task A_slow_workload_that_keeps_compiling_is_warmed_past_the_time_cap_until_it_made_the_calls_a_promotion_needs()
    {
        long compiled = 0;
        // 2 ms a call: the time cap (20 ms) is spent after ~10 calls; the settle goes on to MinSettleCalls
        var made = await JitSettling.WarmUntilQuietAsync(async _ => await Task.Delay(2), () => NeverQuiet(ref compiled), maxSettleMs: 20);
        Assert.InRange(made, JitSettling.MinSettleCalls, JitSettling.MinSettleCalls + 1);
        Assert.True(JitSettling.MinSettleCalls >= 2 * 30 + JitSettling.QuietWindowsInARow * 30, "two promotions of 30 calls and two quiet windows");
    }

    [Fact]
    public async Task A_fast_workload_is_still_given_up_on_at_the_time_cap_having_made_the_calls_long_before()
    {
        long compiled = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var made = await JitSettling.WarmUntilQuietAsync(_ => Task.CompletedTask, () => NeverQuiet(ref compiled), maxSettleMs: 400);
        Assert.True(made > JitSettling.MinSettleCalls, $"{made} calls");
        Assert.InRange(clock.Elapsed.TotalMilliseconds, 400, 30_000);
    }

    [Fact]
    public async Task The_hard_cap_ends_a_settle_of_calls_too_slow_to_make_its_calls()
    {
        long compiled = 0;
        var made = await JitSettling.WarmUntilQuietAsync(async _ => await Task.Delay(20), () => NeverQuiet(ref compiled), maxSettleMs: 20, maxSlowSettleMs: 300);
        Assert.InRange(made, 1, 20); // one call may outlast the cap on a loaded machine; far short of MinSettleCalls either way
    }

    [Fact]
    public async Task A_quiet_slow_workload_stops_at_its_quiet_windows_not_at_a_cap()
    {
        // quiet from the start, 5 ms a call, no cap in reach: two windows of MinCallsPerWindow calls (or 300 ms) each
        var made = await JitSettling.WarmUntilQuietAsync(async _ => await Task.Delay(5), () => new JitActivity(7, 0, false), maxSettleMs: 0, minCallsBeforeCap: int.MaxValue);
        Assert.InRange(made, JitSettling.QuietWindowsInARow * JitSettling.MinCallsPerWindow, 2 * JitSettling.QuietWindowsInARow * JitSettling.MinCallsPerWindow);
    }
}
