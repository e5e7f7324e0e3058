using System.Globalization;
using System.Text;

namespace Graph.Bench;

/// <summary>
/// The machine probe's readings in the report: per workload and .NET side, the probe on each CPU before and after the
/// workload, the CPU its runs were pinned to and where its timed runs ran; a workload whose timed runs ran on a CPU that
/// probed <see cref="SlowFactor"/> slower than the other or than that CPU's reference (<see cref="ProbeReference"/>: the
/// fastest it read earlier in the run), or whose readings between its timed runs read that much slower, is marked as touched by a slow vCPU (and was measured again: <see cref="Measure"/>; every attempt in
/// <see cref="Attempts"/>). Then each process's facts.
/// </summary>
public static class ProbeReport
{
    /// <summary>A CPU whose wide loop took this much longer than the fastest CPU's was slowed by the host (in the slow
    /// phases seen, 1.17x–1.40x, while equal CPUs read within 5%). The walk is shown, not judged: on a loaded machine
    /// it moves with other processes' memory traffic.</summary>
    public const double SlowFactor = 1.1;

    public static string Describe(WorkloadResult w)
    {
        var ic = CultureInfo.InvariantCulture;
        var slow = SlowCpus(w);
        var slowDuring = SlowDuring(w);
        return string.Create(ic, $"probe before {Readings(w.ProbeBefore)}; after {Readings(w.ProbeAfter)}; pinned {(w.PinnedCpu is { } c ? "cpu" + c.ToString(ic) : "no")}; warm-up {w.WarmUpCalls:N0} calls in {w.WarmUpMs / 1000:N1} s; timed runs on {Cpus(w)}") +
               Reference(w) +
               During(w, slowDuring) +
               (Touched(w, slow) ? $"; **timed runs on a slow vCPU** (cpu{string.Join(", cpu", slow)})" : slow.Count > 0 ? $"; slow vCPU: cpu{string.Join(", cpu", slow)}, not the timed runs'" : "") +
               (slowDuring.Count > 0 ? "; **slowed during the timed runs**" : "") +
               (w.EarlierAttempts is { Count: > 0 } earlier ? string.Create(ic, $"; attempt {earlier.Count + 1} of {earlier.Count + 1} (measured again: {string.Join("; ", earlier.Select((e, i) => $"attempt {i + 1} {Median(e)}, {e.RepeatedBecause}"))})") : "");
    }

    public static string Markdown(BenchRun run)
    {
        var ic = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        var probed = run.Ours.Workloads.Concat(run.Baseline.Workloads).Any(w => w.ProbeBefore is not null);
        if (!probed) return "";
        b.AppendLine("| machine probe on each CPU before / after the workload: wide loop (ms) / memory walk (ns a step); the CPU pinned to; the warm-up's calls and time; CPUs of the timed runs (sampled) | ours | arrays |");
        b.AppendLine("|---|---|---|");
        Report.AppendOursAndArrays(b, run, Cell);
        b.AppendLine();
        b.AppendLine(Verdict(run.Ours.Workloads, run.Baseline.Workloads, run.ProbeReference?.Current()));
        b.AppendLine();
        if (run.ProbeReference is { Readings.Count: > 0 } reference)
        {
            b.AppendLine(ReferenceLine(reference));
            b.AppendLine();
        }
        b.Append(Attempts(run));
        var facts = (run.Ours.Process ?? []).Keys.Union((run.Baseline.Process ?? []).Keys).ToList();
        if (facts.Count > 0)
        {
            b.AppendLine("| process facts after the workloads | ours (worker) | arrays (parent) |");
            b.AppendLine("|---|---|---|");
            foreach (var key in facts)
                b.AppendLine(ic, $"| {key} | {run.Ours.Process?.GetValueOrDefault(key)} | {run.Baseline.Process?.GetValueOrDefault(key)} |");
            b.AppendLine();
        }
        return b.ToString();
    }

    /// <summary>Which workloads of which side had their timed runs on a vCPU the probe found slow.</summary>
    public static string Verdict(IEnumerable<WorkloadResult> ours, IEnumerable<WorkloadResult> arrays, List<ReferenceReading>? final = null)
    {
        var sides = ours.Select(w => (Side: "ours", W: w)).Concat(arrays.Select(w => (Side: "arrays", W: w))).ToList();
        var touched = sides.Where(x => Touched(x.W)).Select(x => $"{x.Side}: {x.W.Name}").ToList();
        var repeated = sides.Where(x => x.W.EarlierAttempts is { Count: > 0 })
            .Select(x => $"{x.Side}: {x.W.Name} ({x.W.EarlierAttempts!.Count + 1} attempts, the last kept{(Touched(x.W) ? ", still flagged" : "")})").ToList();
        var again = repeated.Count == 0 ? "" : $" Measured again after a flagged attempt: {string.Join("; ", repeated)}.";
        // judged afterwards against the run's final reference: a run that started slow judged its first workloads against a
        // slow reference; they are named here (not measured again: the faster reading came after them)
        var later = final is not { Count: > 0 } ? [] : sides.Where(x => !Touched(x.W) && Touched(x.W, SlowCpus(x.W, final)))
            .Select(x => $"{x.Side}: {x.W.Name}").ToList();
        var afterwards = later.Count == 0 ? "" : $" **Slow against the run's final reference, though not against the reference of their time (so not measured again): {string.Join("; ", later)}.**";
        return (touched.Count == 0
            ? "Machine probe: no workload's timed runs (the attempts kept) ran on a vCPU that probed slow."
            : $"**Machine probe: timed runs on a vCPU whose wide loop probed ≥ {SlowFactor:0.0#}x slower than the other's or than its reference, or read that much slower between them (times slowed by the machine, not the code): {string.Join("; ", touched)}.**") + again + afterwards;
    }

    /// <summary>Every attempt of each workload measured more than once, the kept one last: its median, the probe's
    /// readings, and why the one before it was measured again. Empty when every workload was measured once.</summary>
    public static string Attempts(BenchRun run)
    {
        var ic = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        foreach (var (side, results) in new[] { ("ours", run.Ours.Workloads), ("arrays", run.Baseline.Workloads) })
            foreach (var w in results.Where(w => w.EarlierAttempts is { Count: > 0 }))
            {
                if (b.Length == 0)
                    b.AppendLine("| measured again: side, workload, attempt | median (runs) | probe before / after (wide loop ms / walk ns), pinned, timed runs on, readings between the timed runs | why measured again |")
                     .AppendLine("|---|---:|---|---|");
                var all = w.EarlierAttempts!.Append(w).ToList();
                for (var i = 0; i < all.Count; i++)
                {
                    var a = all[i];
                    var kept = i == all.Count - 1 ? (Touched(a) ? " (kept: the last, still flagged)" : " (kept)") : "";
                    b.AppendLine(ic, $"| {side}, {w.Name}, {i + 1} of {all.Count}{kept} | {Median(a)} ({a.Ms.Count}) | before {Readings(a.ProbeBefore)}; after {Readings(a.ProbeAfter)}; pinned {(a.PinnedCpu is { } c ? "cpu" + c.ToString(ic) : "no")}; on {Cpus(a)}{Reference(a)}{During(a, SlowDuring(a))} | {a.RepeatedBecause ?? ""} |");
                }
            }
        if (b.Length > 0) b.AppendLine();
        return b.ToString();
    }

    /// <summary>Why an attempt is not the code's time: the slow CPU its timed runs ran on and what the probe read there
    /// against the fastest CPU or against that CPU's reference, and the readings between its timed runs that read slow.</summary>
    public static string WhyFlagged(WorkloadResult w)
    {
        var ic = CultureInfo.InvariantCulture;
        var reasons = new List<string>();
        var slow = SlowCpus(w);
        if (Touched(w, slow))
        {
            var total = w.CpuSamples.Values.Sum();
            var probes = new[] { ("before", w.ProbeBefore), ("after", w.ProbeAfter) };
            foreach (var cpu in slow.Where(w.CpuSamples.ContainsKey))
            {
                // the probe (before or after the timed runs) in which this CPU read slow, against that probe's fastest CPU
                var readings = probes
                    .Where(x => x.Item2 is { Count: > 1 } && x.Item2.All(r => r.Cpus.Length == 1))
                    .Select(x => (When: x.Item1, Slow: x.Item2!.First(r => r.Cpus[0] == cpu), Fastest: x.Item2!.MinBy(r => r.WideLoopMs)!))
                    .Where(x => x.Slow.WideLoopMs >= SlowFactor * x.Fastest.WideLoopMs)
                    .Select(x => string.Create(ic, $"{x.When} {x.Slow.WideLoopMs:0.00} ms against cpu{x.Fastest.Cpus[0]}'s {x.Fastest.WideLoopMs:0.00} ({x.Slow.WideLoopMs / x.Fastest.WideLoopMs:0.00}x)"))
                    .ToList();
                // and against the CPU's reference: the fastest it read earlier in the run (a slowing of both CPUs)
                if (ProbeReference.For(w.ProbeReference, cpu) is { } reference)
                    readings.AddRange(probes
                        .SelectMany(x => (x.Item2 ?? []).Where(r => r.Cpus is [var only] && only == cpu).Select(r => (When: x.Item1, Slow: r)))
                        .Where(x => x.Slow.WideLoopMs >= SlowFactor * reference.WideLoopMs)
                        .Select(x => string.Create(ic, $"{x.When} {x.Slow.WideLoopMs:0.00} ms against its reference {reference.WideLoopMs:0.00} ({x.Slow.WideLoopMs / reference.WideLoopMs:0.00}x; {reference.Where}, {reference.AtUtc:HH:mm:ss})")));
                reasons.Add(string.Create(ic, $"{100.0 * w.CpuSamples[cpu] / total:0}% of the timed runs on cpu{cpu}, whose wide loop probed {string.Join(", ", readings)}"));
            }
        }
        foreach (var r in SlowDuring(w))
        {
            var (baseline, what) = DuringBaseline(w, r.Cpu);
            reasons.Add(string.Create(ic, $"the wide loop read {r.WideLoopMs:0.00} ms on cpu{r.Cpu} {r.AtMs:N0} ms into the timed runs ({r.WideLoopMs / baseline:0.00}x {what})"));
        }
        return reasons.Count == 0 ? "not flagged" : string.Join("; ", reasons);
    }

    /// <summary>The readings between the timed runs whose wide loop took <see cref="SlowFactor"/> times the fastest CPU's
    /// in the probe before them, or that CPU's reference where it is lower: the measuring CPU slowed during the timed runs.</summary>
    public static List<MidRunReading> SlowDuring(WorkloadResult w)
    {
        if (w.ProbeDuring is not { Count: > 0 } during || w.ProbeBefore is not { Count: > 0 }) return [];
        return during.Where(r => r.WideLoopMs >= SlowFactor * DuringBaseline(w, r.Cpu).Ms).ToList();
    }

    /// <summary>What a reading between the timed runs on a CPU is judged against: the probe's fastest before them, or the
    /// CPU's reference where lower (the probe before read both CPUs slow).</summary>
    private static (double Ms, string What) DuringBaseline(WorkloadResult w, int cpu)
    {
        var fastest = Fastest(w);
        return ProbeReference.For(w.ProbeReference, cpu) is { } reference && reference.WideLoopMs < fastest
            ? (reference.WideLoopMs, "its reference")
            : (fastest, "the probe's fastest before");
    }

    private static double Fastest(WorkloadResult w) => (w.ProbeBefore ?? []).Select(r => r.WideLoopMs).DefaultIfEmpty(double.NaN).Min();

    /// <summary>The CPUs whose wide loop, before or after the workload, took <see cref="SlowFactor"/> times the fastest CPU's
    /// in the same probe, or that CPU's reference (the attempt's own, or the one given: the run's final one).</summary>
    public static List<int> SlowCpus(WorkloadResult w) => SlowCpus(w, w.ProbeReference);

    public static List<int> SlowCpus(WorkloadResult w, List<ReferenceReading>? reference)
    {
        static IEnumerable<int> Slow(List<ProbeReading>? readings)
        {
            if (readings is not { Count: > 1 } || readings.Any(r => r.Cpus.Length != 1)) return [];
            var wide = readings.Min(r => r.WideLoopMs);
            return readings.Where(r => r.WideLoopMs >= SlowFactor * wide).Select(r => r.Cpus[0]);
        }
        IEnumerable<int> SlowAgainstReference(List<ProbeReading>? readings) =>
            (readings ?? []).Where(r => r.Cpus.Length == 1 && ProbeReference.For(reference, r.Cpus[0]) is { } known
                                        && r.WideLoopMs >= SlowFactor * known.WideLoopMs).Select(r => r.Cpus[0]);
        return Slow(w.ProbeBefore).Union(Slow(w.ProbeAfter)).Union(SlowAgainstReference(w.ProbeBefore)).Union(SlowAgainstReference(w.ProbeAfter))
            .Distinct().Order().ToList();
    }

    /// <summary>Most of the timed runs' samples on a CPU the probe found slow, or a reading between the timed runs slow.</summary>
    public static bool Touched(WorkloadResult w) => Touched(w, SlowCpus(w)) || SlowDuring(w).Count > 0;

    private static bool Touched(WorkloadResult w, List<int> slow)
    {
        var total = w.CpuSamples.Values.Sum();
        return slow.Count > 0 && total > 0 && w.CpuSamples.Where(kv => slow.Contains(kv.Key)).Sum(kv => kv.Value) * 2 > total;
    }

    /// <summary>The reference the run kept: each CPU's at the start and at the end with where and when each was read, how
    /// often it moved, and what waiting for the machine cost.</summary>
    public static string ReferenceLine(ProbeReference reference)
    {
        var ic = CultureInfo.InvariantCulture;
        var first = reference.Readings.GroupBy(r => r.Cpu).Select(g => g.First()).OrderBy(r => r.Cpu);
        var final = reference.Current();
        return string.Create(ic, $"Probe reference (each CPU's fastest wide loop read so far in the run, parent and worker; a workload is judged against the reference when its attempt began, its own readings not included): first {string.Join(", ", first.Select(ProbeReference.Describe))}; at the end {string.Join(", ", final.Select(ProbeReference.Describe))}; {reference.Readings.Count} readings set it. ") +
               string.Create(ic, $"Waited for a CPU to read within {SlowFactor:0.0#}x of its reference before attempts: {reference.WaitedMs / 1000:N1} s in all (budget {reference.WaitBudgetMs / 1000:N0} s, at most {Measure.MachineWaitMaxMs / 1000} s a wait).");
    }

    /// <summary>The attempt's reference in its cell: each CPU's, and the wait before its probe.</summary>
    private static string Reference(WorkloadResult w) =>
        (w.ProbeReference is { Count: > 0 } r
            ? "; reference " + string.Join(", ", r.Select(x => string.Create(CultureInfo.InvariantCulture, $"cpu{x.Cpu} {x.WideLoopMs:0.00}")))
            : "") +
        (w.WaitedForMachineMs > 0 ? string.Create(CultureInfo.InvariantCulture, $"; waited {w.WaitedForMachineMs / 1000:N1} s for a CPU near its reference") : "");

    private static string Cell(WorkloadResult? w) => w?.ProbeBefore is null ? "" : Describe(w);

    private static string Median(WorkloadResult w) =>
        w.Ms.Count == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{Measure.Median(w.Ms):0.00000} ms");

    /// <summary>The readings between the timed runs: how many, on which CPU, their range against the probe's fastest.</summary>
    private static string During(WorkloadResult w, List<MidRunReading> slow)
    {
        if (w.ProbeDuring is not { Count: > 0 } during) return "";
        var fastest = Fastest(w);
        var max = during.Max(r => r.WideLoopMs);
        return string.Create(CultureInfo.InvariantCulture,
            $"; {during.Count} wide-loop readings between the timed runs on cpu{string.Join("/cpu", during.Select(r => r.Cpu).Distinct().Order())}, {during.Min(r => r.WideLoopMs):0.00}–{max:0.00} ms (at most {max / fastest:0.00}x the probe's fastest before{(slow.Count > 0 ? $"; {slow.Count} read ≥ {SlowFactor:0.0#}x" : "")})");
    }

    private static string Readings(List<ProbeReading>? readings) =>
        readings is null ? "–" : string.Join(", ", readings.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{(r.Cpus.Length == 1 ? "cpu" + r.Cpus[0] : "cpus " + string.Join("/", r.Cpus))} {r.WideLoopMs:0.00}/{r.WalkNsPerStep:0.0}")));

    private static string Cpus(WorkloadResult w)
    {
        var total = w.CpuSamples.Values.Sum();
        return total == 0 ? "–" : string.Join(", ", w.CpuSamples.OrderBy(kv => kv.Key).Select(kv => string.Create(CultureInfo.InvariantCulture, $"cpu{kv.Key} {100.0 * kv.Value / total:0}%")));
    }
}
