using Graph.Bench;

namespace Graph.Bench.Tests;

public sealed class JitSettlingTests
{
    [Fact]
    public async Task Warming_goes_on_while_methods_are_compiled_and_stops_at_the_first_quiet_window()
    {
        var calls = 0;
        // The "JIT" compiles one method per call for the first 5 calls, then nothing.
        var made = await JitSettling.WarmUntilQuietAsync(_ => { calls++; return Task.CompletedTask; }, () => Compiled(Math.Min(calls, 5)));
        Assert.Equal(calls, made);
        Assert.True(made > 5, $"stopped after {made} calls, while the count still changed");
    }

    [Fact]
    public async Task A_quiet_jit_ends_warming_after_the_quiet_windows_in_a_row()
    {
        var reads = 0;
        var made = await JitSettling.WarmUntilQuietAsync(_ => Task.CompletedTask, () => { reads++; return Compiled(42); });
        Assert.True(made >= 1);
        Assert.Equal(1 + JitSettling.QuietWindowsInARow, reads); // before the first window and after each
    }

    [Fact]
    public async Task A_compilation_heard_after_a_quiet_window_starts_the_count_of_quiet_windows_again()
    {
        var reads = 0;
        // Reads: before, window 1 quiet, window 2 hears a compilation (late event of window 1), then two quiet windows.
        var made = await JitSettling.WarmUntilQuietAsync(_ => Task.CompletedTask, () => { reads++; return Compiled(reads >= 3 ? 43 : 42); });
        Assert.True(made >= 1);
        Assert.Equal(5, reads);
    }

    [Fact]
    public async Task A_quiet_window_holds_enough_calls_for_a_promotion_however_long_each_call()
    {
        // A slow workload (here 10 ms a call: 30 calls in a 300 ms window) still makes the calls a tier-1 promotion needs
        // (through an instrumented tier: 2 × 30) within the window before it may count as quiet.
        var made = await JitSettling.WarmUntilQuietAsync(async _ => await Task.Delay(10), () => Compiled(42));
        Assert.True(made >= JitSettling.MinCallsPerWindow, $"{made} calls in the quiet window");
    }

    [Fact]
    public async Task The_warm_up_calls_through_the_timed_runs_code_and_leaves_only_the_timed_runs_recorded()
    {
        var calls = 0;
        // rows = the call's number: the recorded rows are those of the timed runs only, the last calls made
        var result = await Measure.RunAsync("same code", [new() { ["id"] = 1 }], runs: 5, warmup: 2, budgetMs: 1_000_000, _ => Task.FromResult((long)++calls));
        Assert.Equal(Enumerable.Range(calls - 4, 5).Select(i => (long)i), result.Rows);
        Assert.Equal(5, result.Ms.Count);
        // made with room for every timed run, and the warm-up's entries dropped without shrinking it: no timed call grows them
        Assert.Equal(5, result.Ms.Capacity);
        Assert.Equal(5, result.Rows.Capacity);
    }

    [Fact]
    public async Task A_budget_ends_the_timed_runs_after_the_call_that_used_it()
    {
        var result = await Measure.RunAsync("budget", [new() { ["id"] = 1 }], runs: 1000, warmup: 0, budgetMs: 15,
            async _ => { await Task.Delay(10); return 1L; });
        Assert.InRange(result.Ms.Count, 1, 2);
    }

    [Fact]
    public async Task A_jit_that_never_settles_is_given_up_on_after_the_limit()
    {
        long compiled = 0;
        var made = await JitSettling.WarmUntilQuietAsync(_ => { compiled++; return Task.CompletedTask; }, () => Compiled(compiled), maxSettleMs: 700);
        Assert.True(made >= 2, "at least one call per window");
    }

    [Fact]
    public async Task Warming_goes_on_while_the_tiering_delay_holds_promotions_back_though_nothing_compiles()
    {
        var calls = 0;
        // Nothing is compiled, but the runtime's tiering delay stays active for the first 5 calls (methods still called for
        // the first time): the promotions it holds back would be compiled during the timed runs.
        var made = await JitSettling.WarmUntilQuietAsync(_ => { calls++; return Task.CompletedTask; },
            () => new JitActivity(CompiledMethods: 7, TieringEvents: 0, TieringBusy: calls <= 5));
        Assert.Equal(calls, made);
        Assert.True(made > 5, $"stopped after {made} calls, while the tiering delay was active");
    }

    [Fact]
    public async Task Warming_goes_on_while_tiering_events_arrive_though_nothing_compiles()
    {
        var calls = 0;
        // A delay that started and ended within a window (or a background compilation the count has not caught up with)
        // is seen as events: the window is not quiet.
        var made = await JitSettling.WarmUntilQuietAsync(_ => { calls++; return Task.CompletedTask; },
            () => new JitActivity(CompiledMethods: 7, TieringEvents: Math.Min(calls, 5), TieringBusy: false));
        Assert.True(made > 5, $"stopped after {made} calls, while tiering events arrived");
    }

    [Fact]
    public async Task Warming_goes_on_while_a_background_compilation_batch_is_under_way_though_the_count_has_not_moved()
    {
        var calls = 0;
        // On a loaded machine one batch of tier-1 compilations can outlast a window: its start was an event of an earlier
        // window, the count moves only when a method is done. Busy at the window's end is not quiet.
        var made = await JitSettling.WarmUntilQuietAsync(_ => { calls++; return Task.CompletedTask; },
            () => new JitActivity(CompiledMethods: 7, TieringEvents: 1, TieringBusy: calls <= 5));
        Assert.True(made > 5, $"stopped after {made} calls, while a background compilation was under way");
    }

    [Fact]
    public void Quiet_means_nothing_compiled_no_tiering_event_and_tiering_not_busy()
    {
        var before = new JitActivity(10, 4, false);
        Assert.True(new JitActivity(10, 4, false).QuietSince(before));
        Assert.False(new JitActivity(11, 4, false).QuietSince(before));
        Assert.False(new JitActivity(10, 5, false).QuietSince(before));
        Assert.False(new JitActivity(10, 4, true).QuietSince(before));
    }

    [Fact]
    public async Task The_runtime_listener_sees_a_tiering_delay_start_and_end_when_new_methods_are_called()
    {
        var activity = TieringActivity.Shared;
        // The event session starts asynchronously and sends nothing to say it has: first calls of other new framework
        // code until one of its events arrives, so that the listener is known to be listening before the calls counted.
        var enabling = System.Diagnostics.Stopwatch.StartNew();
        var primed = activity.Events;
        while (activity.Events == primed && enabling.ElapsedMilliseconds < 10_000)
        {
            Assert.Equal(2, Primer.Run());
            await Task.Delay(20);
        }
        while (activity.DelayActive && enabling.ElapsedMilliseconds < 10_000) await Task.Delay(20);
        var before = activity.Now();
        // Framework code called for the first time (a generic instantiation over a type of this test: no other code calls
        // it) starts or extends the tiering delay; the delay ends 100 ms after the last such call. (Methods of this Debug
        // assembly would not do: debuggable code is not tiered.) The events arrive through the runtime's event pipe, so wait for them (bounded).
        Assert.Equal(3, NewlyCalled.Run());
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((activity.Events == before.TieringEvents || activity.DelayActive) && waited.ElapsedMilliseconds < 10_000)
            await Task.Delay(20);
        Assert.True(activity.Events > before.TieringEvents, "no tiering event after a method's first call");
        Assert.False(activity.DelayActive, "the tiering delay did not end");
        Assert.True(activity.NewMethodsCalled > 0);
    }

    [Fact]
    public async Task A_cold_measurement_runs_only_its_timed_runs()
    {
        var calls = 0;
        var result = await Measure.RunAsync("cold", [new() { ["id"] = 1 }], runs: 3, warmup: 0, budgetMs: 1_000_000, _ => Task.FromResult((long)++calls));
        Assert.Equal(3, calls);
        Assert.Equal(3, result.Ms.Count);
    }

    [Fact]
    public async Task A_warm_measurement_warms_up_past_its_warmup_runs_before_timing()
    {
        var calls = 0;
        var result = await Measure.RunAsync("warm", [new() { ["id"] = 1 }], runs: 3, warmup: 2, budgetMs: 1_000_000, _ => Task.FromResult((long)++calls));
        Assert.Equal(3, result.Ms.Count);
        Assert.True(calls > 2 + 3, $"{calls} calls: no settling after the warm-up runs");
    }

    [Fact]
    public async Task What_the_runtime_did_during_the_timed_runs_is_recorded_with_them()
    {
        var work = new RuntimeWork();
        var calls = 0;
        // Each call "compiles" one method in 2 ms and collects gen0 once; the reading is taken before and after the timed runs.
        var result = await Measure.RunAsync("counted", [new() { ["id"] = 1 }], runs: 4, warmup: 0, budgetMs: 1_000_000,
            _ =>
            {
                calls++;
                work = work with { CompiledMethods = work.CompiledMethods + 1, CompilationMs = work.CompilationMs + 2, Gen0Collections = work.Gen0Collections + 1 };
                return Task.FromResult(1L);
            },
            () => work);
        Assert.Equal(4, calls);
        Assert.Equal(new RuntimeWork { CompiledMethods = 4, CompilationMs = 8, Gen0Collections = 4 }, result.DuringTimedRuns);
    }

    private static JitActivity Compiled(long methods) => new(methods, TieringEvents: 0, TieringBusy: false);

    /// <summary>Other framework generics over a type of its own, first called to learn that the listener listens.</summary>
    private static class Primer
    {
        private readonly record struct Probe(long Value);

        public static int Run() => new HashSet<Probe> { new(1), new(2), new(1) }.Count;
    }

    /// <summary>Framework generics over a type of its own, so that their first calls here are first calls for the runtime.</summary>
    private static class NewlyCalled
    {
        private readonly record struct Probe(int Value);

        public static int Run()
        {
            var list = new List<Probe> { new(3), new(1), new(2) };
            list.Sort((a, b) => a.Value.CompareTo(b.Value));
            var byValue = list.ToDictionary(p => p.Value);
            return byValue.Count;
        }
    }
}
