using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Graph.Bench;

/// <summary>
/// Warm-up (the given runs, then until the JIT and the runtime's tiering are quiet: <see cref="JitSettling"/>), then timed
/// runs cycling through the parameter sets until the run count or the time budget is used. The runtime's own work during the timed runs (JIT, GC:
/// <see cref="RuntimeWork"/>) is recorded with them. Warm-up and timed runs call through the same code (<see cref="TimedCalls"/>).
/// Where the machine probe flags the timed runs as run on a slowed vCPU (<see cref="ProbeReport.Touched(WorkloadResult)"/>),
/// they are measured again, at most <see cref="MaxAttempts"/> times in all (docs/decisions.md, 28).
/// </summary>
public static class Measure
{
    /// <summary>Attempts at most: the first and two more. The attempt kept is the first one not flagged, or the last.</summary>
    public const int MaxAttempts = 3;

    /// <summary>The wait before an attempt again: a short disturbance passes, and the probe then reads the CPUs afresh
    /// (a slow phase lasts minutes; the new probe pins the attempt to the CPU that is fast now).</summary>
    public const int RepeatWaitMs = 1_000;

    /// <summary>A workload whose settle (<see cref="JitSettling"/>) took this long a call (wall time) has the wide loop read between its timed
    /// runs (<see cref="WorkloadResult.ProbeDuring"/>); a µs workload's loop is never interrupted.</summary>
    public const double MidRunMinCallMs = 10;

    /// <summary>Wall time between two mid-run readings (each ~6 ms: 2% of the timed runs' wall time at most).</summary>
    public const double MidRunEveryMs = 250;

    /// <summary>The longest one wait for the machine before an attempt: a slowing of both vCPUs lasted minutes (run Y2 of the
    /// eighteenth session: its whole worker), so a wait in seconds would only move the attempt into the same slowing.</summary>
    public const int MachineWaitMaxMs = 30_000;

    /// <summary>Between two probes while waiting for the machine (a probe on each CPU takes ~0.2 s).</summary>
    public const int MachineWaitPollMs = 2_000;

    public static async Task<WorkloadResult> RunAsync(string name, IReadOnlyList<Dictionary<string, object?>> parameters, int runs, int warmup,
        double budgetMs, Func<Dictionary<string, object?>, Task<long>> run, Func<RuntimeWork>? runtimeWork = null, bool probe = false, bool pinFastest = false,
        Func<List<ProbeReading>>? probeEachCpu = null, ProbeReference? reference = null, Func<int, Task>? delay = null)
    {
        runtimeWork ??= RuntimeWork.Now;
        probeEachCpu ??= MachineProbe.ReadEachCpu;
        delay ??= Task.Delay;
        // each attempt is a result of its own; the one kept is returned with the earlier ones in EarlierAttempts
        var result = new WorkloadResult { Name = name };
        var earlier = new List<WorkloadResult>();
        Dictionary<string, object?> At(int i) => parameters.Count > 0 ? parameters[i % parameters.Count] : [];
        var probed = probe || pinFastest;
        // the tiering listener is made before the first call, so that it sees the first tiering delay start
        if (warmup > 0) _ = TieringActivity.Shared;
        // the warm-up calls through the timed runs' own code (TimedCalls, the CPU sampling, the mid-run reading), so that
        // the timed loop runs nothing new
        var calls = new TimedCalls(result, runs);
        // the mid-run readings' clock in timestamps (the timed calls' own clock: nothing tiering would promote later)
        var readDuring = false;
        var timedStart = Stopwatch.GetTimestamp();
        var lastReading = timedStart;
        var readEvery = (long)(MidRunEveryMs * Stopwatch.Frequency / 1000);
        // compiled optimized once: called every 250 ms of slow workloads, a tiered one reached its promotion inside some
        // workload's timed runs (seen at 1M: tier1-instrumented 1.1 s into allies')
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void ReadDuring()
        {
            var now = Stopwatch.GetTimestamp();
            (result.ProbeDuring ??= []).Add(MachineProbe.ReadWideLoopHere((now - timedStart) * 1000.0 / Stopwatch.Frequency));
            lastReading = Stopwatch.GetTimestamp();
        }
        async Task Call(int i, bool warming)
        {
            await calls.RunAsync(run, At(i), warming);
            // which CPU the timed runs ran on, sampled between runs (outside the timing)
            if (probed && i % CpuSampleEvery == 0) Count(result.CpuSamples, MachineProbe.CurrentCpu());
            if (readDuring && Stopwatch.GetTimestamp() - lastReading >= readEvery) ReadDuring();
        }

        async Task AttemptAsync(int attempt)
        {
            // the machine probe on each CPU before the warm-up (which then refills the caches the probe's walk evicted) and
            // after the timed runs; with pinFastest the warm-up and the timed runs run on the CPU that probed fastest. With a
            // reference, the probe before waits (within the run's budget) until some CPU reads near its reference.
            result.ProbeReference = reference?.Current();
            if (probed) (result.ProbeBefore, result.WaitedForMachineMs) = await ProbeBeforeAsync(probeEachCpu, reference, delay, $"{name}, waiting before attempt {attempt}");
            result.PinnedCpu = pinFastest ? MachineProbe.Fastest(result.ProbeBefore!) : null;
            // released before the after-probe, which pins to each CPU in turn (every exception is caught below)
            var pin = result.PinnedCpu is { } cpu ? MachineProbe.PinTo(cpu) : null;
            if (pin is null) result.PinnedCpu = null;
            try
            {
                if (attempt == 1)
                {
                    var warming = Stopwatch.StartNew();
                    for (var i = 0; i < warmup; i++) await Call(i, warming: true);
                    var settling = Stopwatch.StartNew();
                    var settleCalls = warmup > 0 ? await JitSettling.WarmUntilQuietAsync(i => Call(warmup + i, warming: true)) : 0;
                    var settleMs = settling.Elapsed.TotalMilliseconds;
                    (result.WarmUpCalls, result.WarmUpMs) = (warmup + settleCalls, warming.Elapsed.TotalMilliseconds);
                    // a slow workload is read between its timed runs; its reading made once here, so its first call is not timed-run
                    // work. Decided on the settle's wall time a call: warm calls (the warm-up's first runs are cold: allies' first
                    // call at 1M under load made a 0.1 ms workload's mean 10 ms), and not its recorded times: reading the list here
                    // (a median's sort, even a loop over its indexer) was new code whose promotions landed in the timed runs that
                    // follow (seen at 1M: 7 sorting methods at 200 ms into the arrays' allies; List<double>.get_Item in stances').
                    readDuring = probed && settleCalls > 0 && settleMs / settleCalls >= MidRunMinCallMs;
                    if (readDuring) ReadDuring();
                }
                else if (warmup > 0)
                {
                    // the same warm state: the JIT settled in the first attempt; the calls refill the caches the probe's walk
                    // evicted (as the first attempt's warm-up did), the warm-up's runs and a quiet window's time at least
                    var rewarm = Stopwatch.StartNew();
                    var i = 0;
                    for (; i < warmup || rewarm.Elapsed.TotalMilliseconds < JitSettling.QuietWindowMs; i++)
                        await Call(i, warming: true);
                    (result.WarmUpCalls, result.WarmUpMs) = (i, rewarm.Elapsed.TotalMilliseconds);
                }
                calls.StartTiming();
                result.CpuSamples.Clear();
                result.ProbeDuring = null;
                if (warmup > 0) runtimeWork(); // the reading's own first compilation, not counted in the first workload's timed runs
                var before = runtimeWork();
                timedStart = lastReading = Stopwatch.GetTimestamp();
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
            if (probed) result.ProbeAfter = probeEachCpu();
            // this attempt's readings join the reference the next attempts and workloads are judged against
            reference?.Fold(result.ProbeBefore, $"{name}, before attempt {attempt}");
            reference?.Fold(result.ProbeAfter, $"{name}, after attempt {attempt}");
        }

        for (var attempt = 1; ; attempt++)
        {
            await AttemptAsync(attempt);
            if (result.Error is not null || !probed || attempt == MaxAttempts || !ProbeReport.Touched(result)) break;
            // measured again: this attempt is kept as it was, with why; the next one starts afresh in a result of its own
            result.RepeatedBecause = ProbeReport.WhyFlagged(result);
            earlier.Add(result);
            result = new WorkloadResult { Name = name };
            calls = new TimedCalls(result, runs);
            await delay(RepeatWaitMs);
        }
        if (earlier.Count > 0) result.EarlierAttempts = earlier;
        return result;
    }

    /// <summary>
    /// The probe on each CPU before an attempt. With a reference whose CPUs all read <see cref="ProbeReport.SlowFactor"/>
    /// times slower than it (both vCPUs slowed, or the machine loaded), the probe is read again every
    /// <see cref="MachineWaitPollMs"/> until some CPU reads near its reference, <see cref="MachineWaitMaxMs"/> at most and
    /// within what is left of the run's budget; the last probe read is the attempt's (it says whether the wait helped).
    /// </summary>
    public static async Task<(List<ProbeReading> Readings, double WaitedMs)> ProbeBeforeAsync(Func<List<ProbeReading>> probeEachCpu,
        ProbeReference? reference, Func<int, Task> delay, string where)
    {
        var readings = probeEachCpu();
        var clock = Stopwatch.StartNew();
        var waited = 0.0;
        while (reference is not null && !reference.AnyNear(readings)
               && waited + MachineWaitPollMs <= MachineWaitMaxMs && reference.WaitedMs + MachineWaitPollMs <= reference.WaitBudgetMs)
        {
            reference.Fold(readings, where);
            var before = clock.Elapsed.TotalMilliseconds;
            await delay(MachineWaitPollMs);
            readings = probeEachCpu();
            // the wall time, the probe's own included (a fake delay in tests counts its nominal wait)
            var spent = Math.Max(MachineWaitPollMs, clock.Elapsed.TotalMilliseconds - before);
            waited += spent;
            reference.WaitedMs += spent;
        }
        return (readings, waited);
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
