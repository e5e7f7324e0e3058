using System.Text.Json;
using Graph.Bench;
using Graph.Bench.Data;

namespace Graph.Bench.Tests;

/// <summary>
/// The probe reference (<see cref="ProbeReference"/>: each CPU's fastest wide loop read earlier in the run): a workload
/// whose CPU probes <see cref="ProbeReport.SlowFactor"/> times its reference is flagged and measured again even when both
/// CPUs read alike (both slowed, which the cross-CPU comparison cannot see); readings at the reference are not; a run that
/// starts slow has a slow reference, and the report says so. The probe's readings are faked.
/// </summary>
public sealed class ProbeReferenceTests
{
    private static readonly DateTime At = new(2026, 12, 6, 4, 19, 2, DateTimeKind.Utc);

    [Fact]
    public void Readings_that_slow_both_cpus_flag_the_workload_against_the_reference_and_readings_at_it_do_not()
    {
        // as in run Y2 of the eighteenth session: both CPUs' wide loop 2.05–2.30 ms, against 1.80 read earlier in the run
        List<ReferenceReading> reference = [new(0, 1.80, "parent: before our worker", At), new(1, 1.82, "parent: at the start", At)];
        var slow = new WorkloadResult
        {
            Name = "point lookup", ProbeReference = reference, PinnedCpu = 0, CpuSamples = new() { [0] = 188 },
            ProbeBefore = [Reading(0, 2.11), Reading(1, 2.30)], ProbeAfter = [Reading(0, 2.21), Reading(1, 2.04)],
        };
        // the cross-CPU comparison alone sees nothing: the pinned CPU was the faster one before, and within 1.1x after
        Assert.Empty(ProbeReport.SlowCpus(slow, null));
        Assert.Equal([0, 1], ProbeReport.SlowCpus(slow));
        Assert.True(ProbeReport.Touched(slow));
        Assert.Equal("100% of the timed runs on cpu0, whose wide loop probed before 2.11 ms against its reference 1.80 (1.17x; parent: before our worker, 04:19:02), " +
                     "after 2.21 ms against its reference 1.80 (1.23x; parent: before our worker, 04:19:02)", ProbeReport.WhyFlagged(slow));
        Assert.Contains("**timed runs on a slow vCPU** (cpu0, cpu1)", ProbeReport.Describe(slow));
        Assert.Contains("reference cpu0 1.80, cpu1 1.82", ProbeReport.Describe(slow));
        Assert.Contains("ours: point lookup", ProbeReport.Verdict([slow], []));
        Assert.Contains("slower than the other's or than its reference", ProbeReport.Verdict([slow], []));

        // at the reference (within 1.1x: 1.97 < 1.98): not flagged
        var near = new WorkloadResult
        {
            Name = "point lookup", ProbeReference = reference, PinnedCpu = 0, CpuSamples = new() { [0] = 188 },
            ProbeBefore = [Reading(0, 1.84), Reading(1, 1.86)], ProbeAfter = [Reading(0, 1.97), Reading(1, 1.83)],
        };
        Assert.Empty(ProbeReport.SlowCpus(near));
        Assert.False(ProbeReport.Touched(near));
        Assert.Equal("not flagged", ProbeReport.WhyFlagged(near));
        Assert.Contains("no workload's timed runs", ProbeReport.Verdict([near], []));

        // a CPU slow against its reference but not the timed runs' CPU: shown, not flagged
        var elsewhere = new WorkloadResult
        {
            Name = "positions (1 hop)", ProbeReference = reference, PinnedCpu = 0, CpuSamples = new() { [0] = 100 },
            ProbeBefore = [Reading(0, 1.81), Reading(1, 2.30)], ProbeAfter = [Reading(0, 1.80), Reading(1, 2.02)],
        };
        Assert.Equal([1], ProbeReport.SlowCpus(elsewhere));
        Assert.False(ProbeReport.Touched(elsewhere));
    }

    [Fact]
    public void A_reading_between_the_timed_runs_is_judged_against_the_reference_where_it_is_lower_than_the_probe_before()
    {
        var w = new WorkloadResult
        {
            Name = "stances per paradigm per institution", PinnedCpu = 0, CpuSamples = new() { [0] = 3 },
            ProbeReference = [new(0, 1.80, "parent: at the start", At), new(1, 1.81, "parent: at the start", At)],
            // both CPUs within 1.1x of their reference before and after; the middle reading 1.14x the reference
            ProbeBefore = [Reading(0, 1.95), Reading(1, 1.96)], ProbeAfter = [Reading(0, 1.96), Reading(1, 1.97)],
            ProbeDuring = [new(260, 1.96, 0), new(1_210, 2.05, 0)],
        };
        Assert.Empty(ProbeReport.SlowCpus(w));
        Assert.Equal([1_210.0], ProbeReport.SlowDuring(w).Select(r => r.AtMs));
        Assert.Equal("the wide loop read 2.05 ms on cpu0 1,210 ms into the timed runs (1.14x its reference)", ProbeReport.WhyFlagged(w));
        w.ProbeReference = null;
        Assert.Empty(ProbeReport.SlowDuring(w));
    }

    [Fact]
    public void The_reference_keeps_each_cpus_fastest_reading_with_where_and_when_and_says_whether_a_probe_is_near_it()
    {
        var reference = new ProbeReference();
        reference.Fold([Reading(0, 2.20), Reading(1, 2.25)], "at the start");
        reference.Side = "ours";
        reference.Fold([Reading(0, 2.30), Reading(1, 1.85)], "point lookup, after attempt 1");
        reference.Fold([new ProbeReading(1.7, 1.00, 20, [0, 1])], "unpinned: not one CPU's");
        reference.Fold(null, "nothing");

        Assert.Equal(["parent: at the start", "parent: at the start", "ours: point lookup, after attempt 1"], reference.Readings.Select(r => r.Where));
        Assert.Equal([(0, 2.20), (1, 1.85)], reference.Current().Select(r => (r.Cpu, r.WideLoopMs)));
        Assert.True(reference.AnyNear([Reading(0, 2.41), Reading(1, 2.03)]));  // cpu1 1.10x: 2.03 < 2.035
        Assert.False(reference.AnyNear([Reading(0, 2.43), Reading(1, 2.04)]));
        Assert.True(reference.AnyNear([Reading(0, 2.50), Reading(2, 3.00)]));  // cpu2 has no reference yet: nothing to wait for
        Assert.True(new ProbeReference().AnyNear([Reading(0, 9.0)]));

        // carried through the plan to the worker and back as JSON, history and budget included
        var back = JsonSerializer.Deserialize<ProbeReference>(JsonSerializer.Serialize(reference, BenchPlan.Json), BenchPlan.Json)!;
        Assert.Equal(reference.Readings, back.Readings);
        Assert.Equal("ours", back.Side);
    }

    [Fact]
    public void A_run_that_starts_slow_has_a_slow_reference_and_the_report_names_what_a_later_faster_reading_shows()
    {
        // the parent read both CPUs slow at the start; ours ran at that speed, not flagged; the arrays' side read faster later
        var reference = new ProbeReference { WaitBudgetMs = 120_000 };
        reference.Fold([Reading(0, 2.20), Reading(1, 2.22)], "at the start");
        var startReference = reference.Current();
        var ours = new WorkloadResult
        {
            Name = "point lookup", ProbeReference = startReference, PinnedCpu = 0, CpuSamples = new() { [0] = 100 },
            ProbeBefore = [Reading(0, 2.18), Reading(1, 2.25)], ProbeAfter = [Reading(0, 2.21), Reading(1, 2.20)],
        };
        reference.Side = "parent";
        reference.Fold([Reading(0, 1.80), Reading(1, 1.83)], "between ours and the arrays");
        var arrays = new WorkloadResult
        {
            Name = "point lookup", ProbeReference = reference.Current(), PinnedCpu = 0, CpuSamples = new() { [0] = 100 },
            ProbeBefore = [Reading(0, 1.81), Reading(1, 1.84)], ProbeAfter = [Reading(0, 1.82), Reading(1, 1.80)],
        };
        Assert.False(ProbeReport.Touched(ours));
        Assert.False(ProbeReport.Touched(arrays));

        var verdict = ProbeReport.Verdict([ours], [arrays], reference.Current());
        Assert.Contains("no workload's timed runs", verdict);
        Assert.Contains("**Slow against the run's final reference, though not against the reference of their time (so not measured again): ours: point lookup.**", verdict);
        Assert.DoesNotContain("arrays: point lookup", verdict);

        var run = Run([ours], [arrays], reference);
        var markdown = ProbeReport.Markdown(run);
        Assert.Contains("Probe reference (each CPU's fastest wide loop read so far in the run", markdown);
        Assert.Contains($"first cpu0 2.20 ms (parent: at the start, {reference.Readings[0].AtUtc:HH:mm:ss}), cpu1 2.22 ms", markdown);
        Assert.Contains($"at the end cpu0 1.80 ms (parent: between ours and the arrays, {reference.Readings[^1].AtUtc:HH:mm:ss}), cpu1 1.83 ms", markdown);
        Assert.Contains("4 readings set it", markdown);
        Assert.Contains("0.0 s in all (budget 120 s, at most 30 s a wait)", markdown);
    }

    [Fact]
    public async Task An_attempt_whose_cpus_both_read_slow_after_it_is_measured_again_and_the_reference_takes_in_every_reading()
    {
        if (!CanPin(out var fast, out var other)) return;
        var reference = Reference(fast, other, 1.80);
        reference.Side = "ours";
        // attempt 1: near the reference before, both CPUs 1.17x after (equal to each other: the cross-CPU rule sees nothing);
        // attempt 2: near before and after, one CPU faster than ever
        var probe = new FakeProbe(
            [Reading(fast, 1.81), Reading(other, 1.84)],
            [Reading(fast, 2.10), Reading(other, 2.12)],
            [Reading(fast, 1.78), Reading(other, 1.83)],
            [Reading(fast, 1.82), Reading(other, 1.81)]);
        var delays = new List<int>();

        var result = await Measure.RunAsync("point lookup", [new() { ["id"] = 1 }], runs: 20, warmup: 1, budgetMs: 1_000_000, _ => Task.FromResult(1L),
            probe: true, pinFastest: true, probeEachCpu: probe.Next, reference: reference, delay: ms => { delays.Add(ms); return Task.CompletedTask; });

        Assert.Equal(4, probe.Calls);
        Assert.Equal([Measure.RepeatWaitMs], delays);
        var earlier = Assert.Single(result.EarlierAttempts!);
        Assert.Equal([(fast, 1.80), (other, 1.80)], earlier.ProbeReference!.Select(r => (r.Cpu, r.WideLoopMs)));
        Assert.Empty(ProbeReport.SlowCpus(earlier, null));
        Assert.StartsWith($"100% of the timed runs on cpu{fast}, whose wide loop probed after 2.10 ms against its reference 1.80 (1.17x; parent: at the start, ", earlier.RepeatedBecause);
        Assert.Equal(0, earlier.WaitedForMachineMs);
        Assert.False(ProbeReport.Touched(result));
        Assert.Equal(20, result.Ms.Count);
        Assert.Equal(0, result.WaitedForMachineMs);
        // the kept attempt's reference took in attempt 1's readings (none faster); after it, its own faster one
        Assert.Equal([(fast, 1.80), (other, 1.80)], result.ProbeReference!.Select(r => (r.Cpu, r.WideLoopMs)));
        var now = reference.Current().Single(r => r.Cpu == fast);
        Assert.Equal(1.78, now.WideLoopMs);
        Assert.Equal("ours: point lookup, before attempt 2", now.Where);
        Assert.Equal(0, reference.WaitedMs);
    }

    [Fact]
    public async Task Before_an_attempt_the_probe_waits_until_a_cpu_reads_near_its_reference_and_the_wait_is_reported()
    {
        if (!CanPin(out var fast, out var other)) return;
        var reference = Reference(fast, other, 1.80);
        reference.WaitBudgetMs = 120_000;
        // both CPUs slow for two probes (the slowing lasts), then one near: the attempt runs with that probe
        var probe = new FakeProbe(
            [Reading(fast, 2.10), Reading(other, 2.15)],
            [Reading(fast, 2.12), Reading(other, 2.20)],
            [Reading(fast, 1.83), Reading(other, 2.05)],
            [Reading(fast, 1.82), Reading(other, 2.02)]);
        var delays = new List<int>();

        var result = await Measure.RunAsync("point lookup", [new() { ["id"] = 1 }], runs: 20, warmup: 1, budgetMs: 1_000_000, _ => Task.FromResult(1L),
            probe: true, pinFastest: true, probeEachCpu: probe.Next, reference: reference, delay: ms => { delays.Add(ms); return Task.CompletedTask; });

        Assert.Equal(4, probe.Calls);
        Assert.Equal([Measure.MachineWaitPollMs, Measure.MachineWaitPollMs], delays);
        Assert.Null(result.EarlierAttempts);
        Assert.Equal(1.83, result.ProbeBefore![0].WideLoopMs);
        Assert.Equal(fast, result.PinnedCpu);
        Assert.False(ProbeReport.Touched(result));
        Assert.Equal(2.0 * Measure.MachineWaitPollMs, result.WaitedForMachineMs, 0.5);
        Assert.Equal(result.WaitedForMachineMs, reference.WaitedMs);
        Assert.Contains("waited 4.0 s for a CPU near its reference", ProbeReport.Describe(result));
        Assert.Contains("Waited for a CPU to read within 1.1x of its reference before attempts: 4.0 s in all", ProbeReport.ReferenceLine(reference));
    }

    [Fact]
    public async Task With_the_wait_budget_spent_a_slowing_that_lasts_is_measured_the_most_times_and_kept_still_flagged()
    {
        if (!CanPin(out var fast, out var other)) return;
        var reference = Reference(fast, other, 1.80);
        reference.WaitBudgetMs = 3_000; // room for one poll, no more
        List<ProbeReading> Slow() => [Reading(fast, 2.20), Reading(other, 2.25)];
        var probe = new FakeProbe(Slow(), Slow(), Slow(), Slow(), Slow(), Slow(), Slow());
        var delays = new List<int>();

        var result = await Measure.RunAsync("point lookup", [new() { ["id"] = 1 }], runs: 10, warmup: 1, budgetMs: 1_000_000, _ => Task.FromResult(1L),
            probe: true, pinFastest: true, probeEachCpu: probe.Next, reference: reference, delay: ms => { delays.Add(ms); return Task.CompletedTask; });

        // one poll before attempt 1 (the budget then spent), then the re-measures' 1 s waits alone
        Assert.Equal(1 + 2 * Measure.MaxAttempts, probe.Calls);
        Assert.Equal([Measure.MachineWaitPollMs, Measure.RepeatWaitMs, Measure.RepeatWaitMs], delays);
        Assert.Equal(Measure.MaxAttempts - 1, result.EarlierAttempts!.Count);
        Assert.True(ProbeReport.Touched(result));
        Assert.Contains($"ours: point lookup ({Measure.MaxAttempts} attempts, the last kept, still flagged)", ProbeReport.Verdict([result], []));
        Assert.Equal(Measure.MachineWaitPollMs, reference.WaitedMs, 0.5);
    }

    [Fact]
    public async Task A_run_keeps_one_reference_from_the_parents_first_probe_through_ours_to_the_arrays_and_reports_it()
    {
        var options = new BenchOptions
        {
            Scale = "small", Runs = 2, Warmup = 0, InProcess = true, SkipKuzu = true, SkipIngestion = true, SkipUnwind = true,
            WorkloadFilter = ["point lookup"], MachineWaitSeconds = 0,
            WorkDirectory = Path.Combine(Path.GetTempPath(), "graph-bench-reference-test-" + Guid.NewGuid().ToString("N")),
        };
        BenchRun run;
        try { run = await BenchRunner.RunAsync(options, new StringWriter()); }
        finally { Directory.Delete(options.WorkDirectory!, recursive: true); }

        var reference = run.ProbeReference!;
        Assert.Same(reference, run.Ours.ProbeReference);
        Assert.Same(reference, run.Baseline.ProbeReference);
        var cpus = run.Ours.Workloads[0].ProbeBefore!.Where(r => r.Cpus.Length == 1).Select(r => r.Cpus[0]).Order().ToList();
        // the parent's first probe set every CPU's reference; each later entry improved its CPU's
        Assert.Equal(cpus, reference.Readings.Take(cpus.Count).Select(r => r.Cpu).Order());
        Assert.All(reference.Readings.Take(cpus.Count), r => Assert.Equal("parent: at the start", r.Where));
        foreach (var cpu in cpus)
        {
            var times = reference.Readings.Where(r => r.Cpu == cpu).Select(r => r.WideLoopMs).ToList();
            Assert.Equal(times.OrderDescending(), times);
        }
        // each attempt was judged against the reference of its time: ours' never faster than the arrays' (which came later)
        var ours = run.Ours.Workloads.Concat(run.Ours.Workloads.SelectMany(w => w.EarlierAttempts ?? [])).ToList();
        var arrays = run.Baseline.Workloads.Concat(run.Baseline.Workloads.SelectMany(w => w.EarlierAttempts ?? [])).ToList();
        Assert.All(ours.Concat(arrays), w => Assert.Equal(cpus, w.ProbeReference!.Select(r => r.Cpu)));
        foreach (var cpu in cpus)
            Assert.True(ours.Min(w => ProbeReference.For(w.ProbeReference, cpu)!.WideLoopMs) >= arrays.Max(w => ProbeReference.For(w.ProbeReference, cpu)!.WideLoopMs));
        Assert.Equal(reference.Current(), cpus.Select(cpu => ProbeReference.For(reference.Readings, cpu)!));
        Assert.Equal(0, reference.WaitedMs);

        Assert.Contains("Probe reference (each CPU's fastest wide loop", Report.Markdown(run, "test"));
        Assert.Contains("\"probeReference\":{\"readings\":[{\"cpu\":", JsonSerializer.Serialize(run, BenchPlan.Json));
    }

    private static ProbeReference Reference(int a, int b, double ms)
    {
        var reference = new ProbeReference();
        reference.Fold([Reading(a, ms), Reading(b, ms)], "at the start");
        return reference;
    }

    private static ProbeReading Reading(int cpu, double wideMs) => new(1.7, wideMs, 20, [cpu]);

    /// <summary>Two CPUs the thread may be pinned to (Linux, two CPUs or more); else the test has nothing to pin.</summary>
    private static bool CanPin(out int first, out int second)
    {
        var cpus = MachineProbe.ReadEachCpu().Where(r => r.Cpus.Length == 1).Select(r => r.Cpus[0]).ToList();
        (first, second) = cpus.Count >= 2 ? (cpus[0], cpus[1]) : (-1, -1);
        return OperatingSystem.IsLinux() && cpus.Count >= 2;
    }

    private static BenchRun Run(List<WorkloadResult> ours, List<WorkloadResult> arrays, ProbeReference reference) => new()
    {
        Options = new BenchOptions(), Shape = new DebateShape(), TableRows = [], EndorsementPairEstimate = 0, GenerateMs = 0, Workloads = [],
        Ours = new SideResult { Workloads = ours }, Baseline = new SideResult { Workloads = arrays }, Machine = "test", LoadAverages = [],
        ProbeReference = reference,
    };

    /// <summary>The probe's readings in the order given, one list per call.</summary>
    private sealed class FakeProbe(params List<ProbeReading>[] readings)
    {
        public int Calls { get; private set; }

        public List<ProbeReading> Next() => readings[Calls++];
    }
}
