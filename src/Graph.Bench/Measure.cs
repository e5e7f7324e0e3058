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
        double budgetMs, Func<Dictionary<string, object?>, Task<long>> run, Func<RuntimeWork>? runtimeWork = null)
    {
        runtimeWork ??= RuntimeWork.Now;
        var result = new WorkloadResult { Name = name };
        Dictionary<string, object?> At(int i) => parameters.Count > 0 ? parameters[i % parameters.Count] : [];
        try
        {
            // the tiering listener is made before the first call, so that it sees the first tiering delay start
            if (warmup > 0) _ = TieringActivity.Shared;
            // the warm-up calls through the timed runs' own code (TimedCalls), so that the timed loop runs nothing new
            var calls = new TimedCalls(result, runs);
            for (var i = 0; i < warmup; i++) await calls.RunAsync(run, At(i), warming: true);
            if (warmup > 0) await JitSettling.WarmUntilQuietAsync(i => calls.RunAsync(run, At(warmup + i), warming: true));
            calls.StartTiming();
            if (warmup > 0) runtimeWork(); // the reading's own first compilation, not counted in the first workload's timed runs
            var before = runtimeWork();
            for (var i = 0; i < runs && (i == 0 || calls.SpentMs < budgetMs); i++)
                await calls.RunAsync(run, At(i), warming: false);
            var after = runtimeWork();
            result.DuringTimedRuns = (after - before).NamingCompilations(before, after);
        }
        catch (Exception e)
        {
            result.Error = e.GetType().Name + ": " + e.Message;
        }
        return result;
    }

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
