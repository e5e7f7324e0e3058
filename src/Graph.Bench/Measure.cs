using System.Diagnostics;

namespace Graph.Bench;

/// <summary>
/// Warm-up (the given runs, then until the JIT and the runtime's tiering are quiet: <see cref="JitSettling"/>), then timed
/// runs cycling through the parameter sets until the run count or the time budget is used. The runtime's own work during the timed runs (JIT, GC:
/// <see cref="RuntimeWork"/>) is recorded with them. Warm-up and timed runs call through the same code (<see cref="TimedCalls"/>).
/// </summary>
public static class Measure
{
    public static async Task<WorkloadResult> RunAsync(string name, IReadOnlyList<Dictionary<string, object?>> parameters, int runs, int warmup,
        double budgetMs, Func<Dictionary<string, object?>, Task<long>> run, Func<RuntimeWork>? runtimeWork = null, bool probe = false, bool pinFastest = false)
    {
        runtimeWork ??= RuntimeWork.Now;
        var result = new WorkloadResult { Name = name };
        Dictionary<string, object?> At(int i) => parameters.Count > 0 ? parameters[i % parameters.Count] : [];
        // the machine probe on each CPU before the warm-up (which then refills the caches the probe's walk evicted) and after
        // the timed runs; with pinFastest the warm-up and the timed runs run on the CPU that probed fastest
        if (probe || pinFastest) result.ProbeBefore = MachineProbe.ReadEachCpu();
        result.PinnedCpu = pinFastest ? MachineProbe.Fastest(result.ProbeBefore!) : null;
        // released before the after-probe, which pins to each CPU in turn (every exception is caught below)
        var pin = result.PinnedCpu is { } cpu ? MachineProbe.PinTo(cpu) : null;
        if (pin is null) result.PinnedCpu = null;
        try
        {
            // the tiering listener is made before the first call, so that it sees the first tiering delay start
            if (warmup > 0) _ = TieringActivity.Shared;
            // the warm-up calls through the timed runs' own code (TimedCalls, and the CPU sampling), so that the timed loop runs nothing new
            var calls = new TimedCalls(result, runs);
            var sampling = probe || pinFastest;
            async Task Call(int i, bool warming)
            {
                await calls.RunAsync(run, At(i), warming);
                // which CPU the timed runs ran on, sampled between runs (outside the timing)
                if (sampling && i % CpuSampleEvery == 0) Count(result.CpuSamples, MachineProbe.CurrentCpu());
            }
            for (var i = 0; i < warmup; i++) await Call(i, warming: true);
            if (warmup > 0) await JitSettling.WarmUntilQuietAsync(i => Call(warmup + i, warming: true));
            calls.StartTiming();
            result.CpuSamples.Clear();
            if (warmup > 0) runtimeWork(); // the reading's own first compilation, not counted in the first workload's timed runs
            var before = runtimeWork();
            for (var i = 0; i < runs && (i == 0 || calls.SpentMs < budgetMs); i++)
                await Call(i, warming: false);
            var after = runtimeWork();
            result.DuringTimedRuns = (after - before).NamingCompilations(before, after);
        }
        catch (Exception e)
        {
            result.Error = e.GetType().Name + ": " + e.Message;
        }
        pin?.Dispose();
        if (probe || pinFastest) result.ProbeAfter = MachineProbe.ReadEachCpu();
        return result;
    }

    private const int CpuSampleEvery = 16;

    private static void Count(Dictionary<int, int> counts, int key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    public static double Median(IReadOnlyList<double> xs) => Percentile(xs, 0.5);

    /// <summary>Linear interpolation between the closest ranks.</summary>
    public static double Percentile(IReadOnlyList<double> xs, double p)
    {
        if (xs.Count == 0) return double.NaN;
        var sorted = xs.Order().ToArray();
        var rank = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
