using Graph.Bench;
using Graph.Bench.Data;
using Graph.Client;
using Graph.Engine;

namespace Graph.Bench.Tests;

/// <summary>
/// A workload whose timed runs the machine probe flags as run on a slowed vCPU is measured again (at most
/// <see cref="Measure.MaxAttempts"/> attempts in all), the first attempt not flagged kept, every attempt reported; a slow
/// workload's CPU is read between its timed runs. The probe's readings are faked (a slow vCPU cannot be ordered); the
/// workload is a real statement of our engine.
/// </summary>
public sealed class RemeasureTests
{
    [Fact]
    public async Task A_flagged_attempt_is_measured_again_and_the_attempt_not_flagged_is_kept_with_the_earlier_one_reported()
    {
        if (!CanPin(out var fast, out var other)) return;
        // attempt 1: fast probes fastest before (pinned there), then 1.33x slower after its timed runs: flagged;
        // attempt 2: both CPUs equal before and after: not flagged, kept
        var probe = new FakeProbe(
            [Reading(fast, 1.80), Reading(other, 1.85)],
            [Reading(fast, 2.40), Reading(other, 1.80)],
            [Reading(fast, 1.80), Reading(other, 1.81)],
            [Reading(fast, 1.81), Reading(other, 1.80)]);
        await using var engine = await PointLookupAsync();

        var result = await Measure.RunAsync("point lookup", engine.Params, runs: 50, warmup: 2, budgetMs: 1_000_000, engine.Run,
            probe: true, pinFastest: true, probeEachCpu: probe.Next);

        Assert.Null(result.Error);
        Assert.Equal(4, probe.Calls);
        var earlier = Assert.Single(result.EarlierAttempts!);
        Assert.Equal(fast, earlier.PinnedCpu);
        Assert.Equal([fast], earlier.CpuSamples.Keys);
        Assert.True(ProbeReport.Touched(earlier));
        Assert.Equal($"100% of the timed runs on cpu{fast}, whose wide loop probed after 2.40 ms against cpu{other}'s 1.80 (1.33x)", earlier.RepeatedBecause);
        Assert.Equal(50, earlier.Ms.Count);
        Assert.Equal(Enumerable.Repeat(1L, 50), earlier.Rows);
        // the kept attempt: its own probe readings, timed runs and rows, not flagged
        Assert.False(ProbeReport.Touched(result));
        Assert.Null(result.RepeatedBecause);
        Assert.Equal(1.81, result.ProbeAfter![0].WideLoopMs);
        Assert.Equal(50, result.Ms.Count);
        Assert.Equal(Enumerable.Repeat(1L, 50), result.Rows);
        Assert.True(result.WarmUpCalls >= 2 && result.WarmUpMs >= JitSettling.QuietWindowMs, $"re-warm: {result.WarmUpCalls} calls in {result.WarmUpMs} ms");
        Assert.Contains("attempt 2 of 2 (measured again: attempt 1 ", ProbeReport.Describe(result));
        Assert.Contains("Measured again after a flagged attempt: ours: point lookup (2 attempts, the last kept)", ProbeReport.Verdict([result], []));
        Assert.Contains("no workload's timed runs (the attempts kept)", ProbeReport.Verdict([result], []));

        var table = ProbeReport.Attempts(Run(ours: [result], arrays: []));
        Assert.Contains("| ours, point lookup, 1 of 2 |", table);
        Assert.Contains("| ours, point lookup, 2 of 2 (kept) |", table);
        Assert.Contains(earlier.RepeatedBecause!, table);
    }

    [Fact]
    public async Task When_every_attempt_is_flagged_the_last_is_kept_still_flagged_after_the_most_attempts()
    {
        if (!CanPin(out var fast, out var other)) return;
        // every probe: the CPU that read fastest before reads 1.3x slower after
        var probe = new FakeProbe(
            [Reading(fast, 1.80), Reading(other, 1.90)], [Reading(fast, 2.34), Reading(other, 1.80)],
            [Reading(fast, 1.80), Reading(other, 1.90)], [Reading(fast, 2.34), Reading(other, 1.80)],
            [Reading(fast, 1.80), Reading(other, 1.90)], [Reading(fast, 2.34), Reading(other, 1.80)]);
        await using var engine = await PointLookupAsync();

        var result = await Measure.RunAsync("point lookup", engine.Params, runs: 20, warmup: 1, budgetMs: 1_000_000, engine.Run,
            probe: true, pinFastest: true, probeEachCpu: probe.Next);

        Assert.Equal(2 * Measure.MaxAttempts, probe.Calls);
        Assert.Equal(Measure.MaxAttempts - 1, result.EarlierAttempts!.Count);
        Assert.All(result.EarlierAttempts, e => Assert.StartsWith($"100% of the timed runs on cpu{fast}", e.RepeatedBecause));
        Assert.True(ProbeReport.Touched(result));
        Assert.Contains($"ours: point lookup ({Measure.MaxAttempts} attempts, the last kept, still flagged)", ProbeReport.Verdict([result], []));
        Assert.Contains($"| ours, point lookup, {Measure.MaxAttempts} of {Measure.MaxAttempts} (kept: the last, still flagged) |", ProbeReport.Attempts(Run([result], [])));
    }

    [Fact]
    public async Task An_attempt_not_flagged_is_measured_once_and_an_unprobed_one_never_again()
    {
        if (!CanPin(out var fast, out var other)) return;
        var probe = new FakeProbe([Reading(fast, 1.80), Reading(other, 1.82)], [Reading(fast, 1.81), Reading(other, 1.80)]);
        await using var engine = await PointLookupAsync();

        var once = await Measure.RunAsync("point lookup", engine.Params, runs: 20, warmup: 1, budgetMs: 1_000_000, engine.Run,
            probe: true, pinFastest: true, probeEachCpu: probe.Next);
        Assert.Equal(2, probe.Calls);
        Assert.Null(once.EarlierAttempts);
        Assert.DoesNotContain("attempt", ProbeReport.Describe(once));
        Assert.Equal("", ProbeReport.Attempts(Run([once], [])));

        var unprobed = await Measure.RunAsync("point lookup", engine.Params, runs: 20, warmup: 1, budgetMs: 1_000_000, engine.Run);
        Assert.Null(unprobed.ProbeBefore);
        Assert.Null(unprobed.EarlierAttempts);
    }

    [Fact]
    public async Task A_slow_workload_has_its_cpu_read_between_its_timed_runs_and_a_fast_one_not()
    {
        // 12 ms a call (≥ MidRunMinCallMs), 60 timed runs: some 720 ms, so a reading or two
        var slow = await Measure.RunAsync("slow", [new() { ["id"] = 1 }], runs: 60, warmup: 1, budgetMs: 1_000_000,
            async _ => { await Task.Delay(12); return 1L; },
            probe: true, pinFastest: true, probeEachCpu: NeverSlow);
        Assert.Null(slow.EarlierAttempts);
        Assert.NotNull(slow.ProbeDuring);
        // a reading at most every MidRunEveryMs of the timed runs' wall time
        Assert.InRange(slow.ProbeDuring!.Count, 1, 1 + slow.Ms.Sum() / Measure.MidRunEveryMs);
        Assert.All(slow.ProbeDuring, r => Assert.True(r.WideLoopMs > 0 && r.AtMs > 0, r.ToString()));
        Assert.Equal(slow.ProbeDuring.Select(r => r.AtMs).Order(), slow.ProbeDuring.Select(r => r.AtMs));
        Assert.Contains("wide-loop readings between the timed runs", ProbeReport.Describe(slow));

        // a fast workload whose first (cold) warm-up calls are slow: judged on its settle's warm calls, not read between its runs
        var calls = 0;
        var fast = await Measure.RunAsync("fast", [new() { ["id"] = 1 }], runs: 200, warmup: 3, budgetMs: 1_000_000,
            async _ => { if (++calls <= 3) await Task.Delay(400); return 1L; },
            probe: true, pinFastest: true, probeEachCpu: NeverSlow);
        Assert.Null(fast.EarlierAttempts);
        Assert.True(fast.WarmUpMs >= 3 * 400, $"{fast.WarmUpCalls} calls in {fast.WarmUpMs} ms");
        Assert.Null(fast.ProbeDuring);
    }

    [Fact]
    public void A_reading_between_the_timed_runs_slower_than_the_probe_flags_the_workload_and_says_when()
    {
        var w = new WorkloadResult
        {
            Name = "stances per paradigm per institution",
            ProbeBefore = [new(1.72, 1.80, 20, [0]), new(1.72, 1.83, 21, [1])],
            ProbeAfter = [new(1.72, 1.81, 20, [0]), new(1.72, 1.82, 21, [1])],
            CpuSamples = new() { [0] = 3 },
            PinnedCpu = 0,
            ProbeDuring = [new(260, 1.84, 0), new(1_210, 2.07, 0), new(2_300, 1.85, 0)],
        };
        Assert.Empty(ProbeReport.SlowCpus(w));
        Assert.Equal([1_210.0], ProbeReport.SlowDuring(w).Select(r => r.AtMs));
        Assert.True(ProbeReport.Touched(w));
        Assert.Equal("the wide loop read 2.07 ms on cpu0 1,210 ms into the timed runs (1.15x the probe's fastest before)", ProbeReport.WhyFlagged(w));
        Assert.Contains("**slowed during the timed runs**", ProbeReport.Describe(w));
        Assert.Contains("3 wide-loop readings between the timed runs on cpu0, 1.84–2.07 ms (at most 1.15x the probe's fastest before; 1 read ≥ 1.1x)", ProbeReport.Describe(w));

        // readings within the factor: not flagged
        w.ProbeDuring = [new(260, 1.84, 0), new(1_210, 1.97, 0)];
        Assert.False(ProbeReport.Touched(w));
        Assert.Equal("not flagged", ProbeReport.WhyFlagged(w));
    }

    /// <summary>One reading whose wide loop no real reading exceeds 1.1x of: no attempt is flagged, on a loaded machine either
    /// (the real probe flagged these workloads' first attempts while the other test classes ran beside them).</summary>
    private static List<ProbeReading> NeverSlow() => [new ProbeReading(1.8, 1_000, 20, [MachineProbe.CurrentCpu()])];

    private static ProbeReading Reading(int cpu, double wideMs) => new(1.7, wideMs, 20, [cpu]);

    /// <summary>Two CPUs the thread may be pinned to (Linux, two CPUs or more); else the test has nothing to pin.</summary>
    private static bool CanPin(out int first, out int second)
    {
        var cpus = MachineProbe.ReadEachCpu().Where(r => r.Cpus.Length == 1).Select(r => r.Cpus[0]).ToList();
        (first, second) = cpus.Count >= 2 ? (cpus[0], cpus[1]) : (-1, -1);
        return OperatingSystem.IsLinux() && cpus.Count >= 2;
    }

    private static BenchRun Run(List<WorkloadResult> ours, List<WorkloadResult> arrays) => new()
    {
        Options = new BenchOptions(), Shape = new DebateShape(), TableRows = [], EndorsementPairEstimate = 0, GenerateMs = 0, Workloads = [],
        Ours = new SideResult { Workloads = ours }, Baseline = new SideResult { Workloads = arrays }, Machine = "test", LoadAverages = [],
    };

    /// <summary>The probe's readings in the order given, one list per call.</summary>
    private sealed class FakeProbe(params List<ProbeReading>[] readings)
    {
        public int Calls { get; private set; }

        public List<ProbeReading> Next() => readings[Calls++];
    }

    private static async Task<PointLookup> PointLookupAsync()
    {
        var driver = EmbeddedDriver.InMemory(new EngineOptions());
        await using (var session = driver.AsyncSession())
            await session.RunAsync("UNWIND range(1, 5) AS i CREATE (:Expert {id: 'e' + toString(i), name: 'Expert ' + toString(i)})");
        return new PointLookup(driver);
    }

    /// <summary>A real statement of our engine, run the way the bench's worker runs it (a read session, the records counted).</summary>
    private sealed class PointLookup(EmbeddedDriver driver) : IAsyncDisposable
    {
        private readonly IAsyncSession _session = driver.AsyncSession(SessionConfig.Read);

        public List<Dictionary<string, object?>> Params { get; } = [new() { ["id"] = "e1" }, new() { ["id"] = "e4" }];

        public async Task<long> Run(Dictionary<string, object?> p) =>
            (await _session.RunAsync("MATCH (e:Expert {id: $id}) RETURN e.id, e.name", p)).Records.Count;

        public async ValueTask DisposeAsync()
        {
            await _session.DisposeAsync();
            await driver.DisposeAsync();
        }
    }
}
