using System.Globalization;

namespace Graph.Bench;

/// <summary>
/// The fastest wide loop each CPU has read so far in the run (parent and worker alike: the parent probes each CPU at the
/// start, before our worker and between the sides, the plan carries the reference to the worker and its result carries it
/// back), kept as the history of its improvements. A workload's probe on a CPU that reads <see cref="ProbeReport.SlowFactor"/>
/// times that CPU's reference flags the workload as the cross-CPU comparison does, so that a slowing of both vCPUs (which
/// that comparison cannot see) is flagged and measured again too. A run that starts slow has a slow reference until a
/// faster reading comes; the report says what the reference was and when it was read. Also the run's budget for waiting
/// for the machine (<see cref="Measure"/>): what was spent and how much may be.
/// </summary>
public sealed class ProbeReference
{
    /// <summary>Every reading that improved its CPU's reference, oldest first; a CPU's reference is its last entry.</summary>
    public List<ReferenceReading> Readings { get; set; } = [];

    /// <summary>Who probes now ("parent", "ours", "arrays"), for the entries' <see cref="ReferenceReading.Where"/>.</summary>
    public string Side { get; set; } = "parent";

    /// <summary>The most the run may wait, in all, for a CPU to read near its reference before an attempt.</summary>
    public double WaitBudgetMs { get; set; }

    /// <summary>What the run has waited so far.</summary>
    public double WaitedMs { get; set; }

    /// <summary>Each CPU's reference now (the fastest reading so far), by CPU.</summary>
    public List<ReferenceReading> Current() =>
        Readings.GroupBy(r => r.Cpu).Select(g => g.MinBy(r => r.WideLoopMs)!).OrderBy(r => r.Cpu).ToList();

    /// <summary>Takes in a probe's readings (those of one CPU each): a CPU's reading faster than its reference becomes it.</summary>
    public void Fold(IEnumerable<ProbeReading>? readings, string where)
    {
        if (readings is null) return;
        var at = DateTime.UtcNow;
        foreach (var r in readings.Where(r => r.Cpus.Length == 1))
            if (For(Readings, r.Cpus[0]) is not { } known || r.WideLoopMs < known.WideLoopMs)
                Readings.Add(new ReferenceReading(r.Cpus[0], r.WideLoopMs, $"{Side}: {where}", at));
    }

    /// <summary>Whether some CPU of the probe reads within the factor of its reference, or no CPU has one yet (nothing to
    /// wait for): the machine is as fast as the run has seen it.</summary>
    public bool AnyNear(IReadOnlyList<ProbeReading> readings)
    {
        var pinned = readings.Where(r => r.Cpus.Length == 1).ToList();
        if (pinned.Count == 0) return true;
        return pinned.Any(r => For(Readings, r.Cpus[0]) is not { } known || r.WideLoopMs < ProbeReport.SlowFactor * known.WideLoopMs);
    }

    /// <summary>The reference of a CPU among the given entries (the fastest), or null.</summary>
    public static ReferenceReading? For(IEnumerable<ReferenceReading>? entries, int cpu) =>
        entries?.Where(r => r.Cpu == cpu).MinBy(r => r.WideLoopMs);

    /// <summary>"cpu0 1.80 ms (parent: at the start, 04:19:02)", one entry.</summary>
    public static string Describe(ReferenceReading r) =>
        string.Create(CultureInfo.InvariantCulture, $"cpu{r.Cpu} {r.WideLoopMs:0.00} ms ({r.Where}, {r.AtUtc:HH:mm:ss})");
}
