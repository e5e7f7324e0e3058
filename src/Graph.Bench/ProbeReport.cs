using System.Globalization;
using System.Text;

namespace Graph.Bench;

/// <summary>
/// The machine probe's readings in the report: per workload and .NET side, the probe on each CPU before and after the
/// workload, the CPU its runs were pinned to and where its timed runs ran; a workload whose timed runs ran on a CPU that
/// probed <see cref="SlowFactor"/> slower than the other is marked as touched by a slow vCPU. Then each process's facts.
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
        return string.Create(ic, $"probe before {Readings(w.ProbeBefore)}; after {Readings(w.ProbeAfter)}; pinned {(w.PinnedCpu is { } c ? "cpu" + c.ToString(ic) : "no")}; timed runs on {Cpus(w)}") +
               (Touched(w, slow) ? $"; **timed runs on a slow vCPU** (cpu{string.Join(", cpu", slow)})" : slow.Count > 0 ? $"; slow vCPU: cpu{string.Join(", cpu", slow)}, not the timed runs'" : "");
    }

    public static string Markdown(BenchRun run)
    {
        var ic = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        var probed = run.Ours.Workloads.Concat(run.Baseline.Workloads).Any(w => w.ProbeBefore is not null);
        if (!probed) return "";
        b.AppendLine("| machine probe on each CPU before / after the workload: wide loop (ms) / memory walk (ns a step); the CPU pinned to; CPUs of the timed runs (sampled) | ours | arrays |");
        b.AppendLine("|---|---|---|");
        Report.AppendOursAndArrays(b, run, Cell);
        b.AppendLine();
        b.AppendLine(Verdict(run.Ours.Workloads, run.Baseline.Workloads));
        b.AppendLine();
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
    public static string Verdict(IEnumerable<WorkloadResult> ours, IEnumerable<WorkloadResult> arrays)
    {
        var touched = ours.Where(Touched).Select(w => "ours: " + w.Name).Concat(arrays.Where(Touched).Select(w => "arrays: " + w.Name)).ToList();
        return touched.Count == 0
            ? "Machine probe: no workload's timed runs ran on a vCPU that probed slow."
            : $"**Machine probe: timed runs on a vCPU whose wide loop probed ≥ {SlowFactor:0.0#}x slower than the other's (times slowed by the machine, not the code): {string.Join("; ", touched)}.**";
    }

    /// <summary>The CPUs whose wide loop, before or after the workload, took <see cref="SlowFactor"/> times the fastest CPU's.</summary>
    public static List<int> SlowCpus(WorkloadResult w)
    {
        static IEnumerable<int> Slow(List<ProbeReading>? readings)
        {
            if (readings is not { Count: > 1 } || readings.Any(r => r.Cpus.Length != 1)) return [];
            var wide = readings.Min(r => r.WideLoopMs);
            return readings.Where(r => r.WideLoopMs >= SlowFactor * wide).Select(r => r.Cpus[0]);
        }
        return Slow(w.ProbeBefore).Union(Slow(w.ProbeAfter)).Order().ToList();
    }

    /// <summary>Most of the timed runs' samples on a CPU the probe found slow.</summary>
    public static bool Touched(WorkloadResult w) => Touched(w, SlowCpus(w));

    private static bool Touched(WorkloadResult w, List<int> slow)
    {
        var total = w.CpuSamples.Values.Sum();
        return slow.Count > 0 && total > 0 && w.CpuSamples.Where(kv => slow.Contains(kv.Key)).Sum(kv => kv.Value) * 2 > total;
    }

    private static string Cell(WorkloadResult? w) => w?.ProbeBefore is null ? "" : Describe(w);

    private static string Readings(List<ProbeReading>? readings) =>
        readings is null ? "–" : string.Join(", ", readings.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{(r.Cpus.Length == 1 ? "cpu" + r.Cpus[0] : "cpus " + string.Join("/", r.Cpus))} {r.WideLoopMs:0.00}/{r.WalkNsPerStep:0.0}")));

    private static string Cpus(WorkloadResult w)
    {
        var total = w.CpuSamples.Values.Sum();
        return total == 0 ? "–" : string.Join(", ", w.CpuSamples.OrderBy(kv => kv.Key).Select(kv => string.Create(CultureInfo.InvariantCulture, $"cpu{kv.Key} {100.0 * kv.Value / total:0}%")));
    }
}
