using Graph.Bench;

namespace Graph.Bench.Tests;

public sealed class JitSettlingTests
{
    [Fact]
    public async Task Warming_goes_on_while_methods_are_compiled_and_stops_at_the_first_quiet_window()
    {
        var calls = 0;
        // The "JIT" compiles one method per call for the first 5 calls, then nothing.
        var made = await JitSettling.WarmUntilQuietAsync(_ => { calls++; return Task.CompletedTask; }, () => Math.Min(calls, 5));
        Assert.Equal(calls, made);
        Assert.True(made > 5, $"stopped after {made} calls, while the count still changed");
    }

    [Fact]
    public async Task A_quiet_jit_ends_warming_after_one_window()
    {
        var reads = 0;
        var made = await JitSettling.WarmUntilQuietAsync(_ => Task.CompletedTask, () => { reads++; return 42; });
        Assert.True(made >= 1);
        Assert.Equal(2, reads); // before and after the single window
    }

    [Fact]
    public async Task A_jit_that_never_settles_is_given_up_on_after_the_limit()
    {
        long compiled = 0;
        var made = await JitSettling.WarmUntilQuietAsync(_ => { compiled++; return Task.CompletedTask; }, () => compiled, maxSettleMs: 700);
        Assert.True(made >= 2, "at least one call per window");
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
}
