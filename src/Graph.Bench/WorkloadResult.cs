namespace Graph.Bench;

/// <summary>One side's measurement of one workload (the attempt kept, and the earlier ones measured again).</summary>
public sealed class WorkloadResult
{
    public string Name { get; set; } = "";
    public List<double> Ms { get; set; } = [];
    public List<long> Rows { get; set; } = [];
    public string? Error { get; set; }
    /// <summary>The JIT's and the GC's work during the timed runs (null when they did not run).</summary>
    public RuntimeWork? DuringTimedRuns { get; set; }
    /// <summary>The machine probe in this process on each CPU just before the warm-up and just after the timed runs (null: not probed).</summary>
    public List<ProbeReading>? ProbeBefore { get; set; }
    public List<ProbeReading>? ProbeAfter { get; set; }
    /// <summary>The CPU the warm-up and timed runs were pinned to (the one that probed fastest), or null.</summary>
    public int? PinnedCpu { get; set; }
    /// <summary>CPU → timed runs seen on it (every 16th run sampled).</summary>
    public Dictionary<int, int> CpuSamples { get; set; } = [];
    /// <summary>The rows' digest of each parameter set, one untimed call each after the timed runs
    /// (<see cref="RowDigest"/>: "rows:hash"); null when the side did not digest them.</summary>
    public List<string>? RowDigests { get; set; }
    /// <summary>The warm-up's calls (its runs and the settle's: <see cref="JitSettling"/>) and their wall time, in ms.</summary>
    public int WarmUpCalls { get; set; }
    public double WarmUpMs { get; set; }
    /// <summary>The wide loop read between the timed runs of a slow workload (calls of <see cref="Measure.MidRunMinCallMs"/>
    /// or more), about every <see cref="Measure.MidRunEveryMs"/>; null for a fast workload or where not probed.</summary>
    public List<MidRunReading>? ProbeDuring { get; set; }
    /// <summary>The attempts measured before this one and not kept, oldest first, each with why it was measured again
    /// (<see cref="RepeatedBecause"/>): the probe flagged their timed runs as run on a slowed vCPU. Null: measured once.</summary>
    public List<WorkloadResult>? EarlierAttempts { get; set; }
    /// <summary>Set on an earlier attempt: what the probe read that made its timed runs the machine's, not the code's.</summary>
    public string? RepeatedBecause { get; set; }
    /// <summary>Each CPU's probe reference when this attempt began (<see cref="Graph.Bench.ProbeReference"/>: the fastest
    /// wide loop each CPU read earlier in the run, this attempt's own readings not included); null where the run kept none.</summary>
    public List<ReferenceReading>? ProbeReference { get; set; }
    /// <summary>What this attempt waited, before its probe, for a CPU to read near its reference (ms; 0: no wait).</summary>
    public double WaitedForMachineMs { get; set; }
}
