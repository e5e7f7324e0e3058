using Graph.Bench;

namespace Graph.Bench.Tests;

/// <summary><c>--workloads</c> (the same workloads on every side) and the machine probe in both processes.</summary>
public sealed class WorkloadSelectionAndProbeTests
{
    [Fact]
    public void Workloads_option_selects_by_case_insensitive_name_prefix_and_defaults_to_all()
    {
        var all = BenchOptions.Parse([]);
        Assert.Empty(all.WorkloadFilter);
        Assert.True(all.Selects("stances per paradigm per institution"));

        var some = BenchOptions.Parse(["--workloads", "Point lookup, positions"]);
        Assert.Equal(["Point lookup", "positions"], some.WorkloadFilter);
        Assert.True(some.Selects("point lookup"));
        Assert.True(some.Selects("positions (1 hop)"));
        Assert.False(some.Selects("shared positions (2 hops)"));
        Assert.Contains("--workloads", Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--workloads", " , "])).Message);
        Assert.Contains("--workloads", Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--workloads"])).Message);
    }

    [Fact]
    public async Task A_run_with_selected_workloads_runs_only_those_on_every_side_and_probes_both_processes()
    {
        var options = new BenchOptions
        {
            Scale = "small", Runs = 20, Warmup = 1, InProcess = true, SkipKuzu = true, SkipIngestion = true, SkipUnwind = true,
            WorkloadFilter = ["point lookup", "positions"], WorkDirectory = WorkDirectory(),
            MachineWaitSeconds = 0, // beside the other test classes both CPUs read slow against the reference: no waiting here
        };
        BenchRun run;
        try { run = await BenchRunner.RunAsync(options, new StringWriter()); }
        finally { Directory.Delete(options.WorkDirectory!, recursive: true); }

        Assert.Equal(["point lookup", "positions (1 hop)"], run.Workloads.Select(w => w.Name));
        Assert.Equal(["point lookup", "positions (1 hop)"], run.Ours.Workloads.Select(w => w.Name));
        Assert.Equal(["point lookup", "positions (1 hop)"], run.Baseline.Workloads.Select(w => w.Name));
        foreach (var w in run.Ours.Workloads.Concat(run.Baseline.Workloads))
        {
            Assert.Equal(run.Baseline.Workloads.Single(b => b.Name == w.Name).Rows, w.Rows);
            Assert.All(w.ProbeBefore!.Concat(w.ProbeAfter!), p => Assert.True(p is { LoopMs: > 0, WideLoopMs: > 0, WalkNsPerStep: > 0 }, $"{w.Name}: {p}"));
            if (OperatingSystem.IsLinux() && Environment.ProcessorCount > 1)
            {
                // pinned by default to the CPU that probed fastest: every sampled timed run ran there
                Assert.Equal(Environment.ProcessorCount, w.ProbeBefore!.Count);
                Assert.NotNull(w.PinnedCpu);
                Assert.Equal([w.PinnedCpu!.Value], w.CpuSamples.Keys);
            }
            Assert.NotEmpty(w.CpuSamples);
            Assert.Equal((w.Ms.Count + 15) / 16, w.CpuSamples.Values.Sum());
        }
        Assert.Contains("gc", run.Ours.Process!.Keys);
        Assert.Contains("tiering", run.Baseline.Process!.Keys);

        var markdown = Report.Markdown(run, "test");
        Assert.Contains("| machine probe on each CPU", markdown);
        Assert.Contains("Machine probe:", markdown);
        Assert.Contains("| process facts after the workloads |", markdown);
    }

    [Fact]
    public async Task A_workload_name_that_selects_nothing_is_refused_with_the_name()
    {
        var options = new BenchOptions { Scale = "small", Runs = 1, Warmup = 0, InProcess = true, SkipKuzu = true, SkipIngestion = true, SkipUnwind = true, WorkloadFilter = ["point lookup", "no such workload"], WorkDirectory = WorkDirectory() };
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => BenchRunner.RunAsync(options, new StringWriter()));
        Directory.Delete(options.WorkDirectory!, recursive: true);
        Assert.Contains("'no such workload'", e.Message);
    }

    /// <summary>A work directory of this test's own: the smoke tests run beside these in the same process, and the
    /// default directory is named after the process.</summary>
    private static string WorkDirectory() => Path.Combine(Path.GetTempPath(), "graph-bench-probe-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_probe_reads_positive_times_and_the_cpu_it_ran_on()
    {
        var reading = MachineProbe.Read();
        Assert.True(reading.LoopMs > 0 && reading.WideLoopMs > 0 && reading.WalkNsPerStep > 0, reading.ToString());
        Assert.NotEmpty(reading.Cpus);
        var each = MachineProbe.ReadEachCpu();
        if (!OperatingSystem.IsLinux() || Environment.ProcessorCount < 2) return;
        Assert.Equal(Enumerable.Range(0, Environment.ProcessorCount), each.Select(r => Assert.Single(r.Cpus)));
    }

    [Fact]
    public void Pinning_moves_the_thread_to_the_cpu_and_disposing_gives_its_cpus_back()
    {
        if (!OperatingSystem.IsLinux() || Environment.ProcessorCount < 2) return;
        var last = Environment.ProcessorCount - 1;
        using (var pin = MachineProbe.PinTo(last))
        {
            Assert.NotNull(pin);
            for (var i = 0; i < 100; i++) Assert.Equal(last, MachineProbe.CurrentCpu());
        }
        static string Allowed() => File.ReadLines("/proc/thread-self/status").First(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        var before = Allowed();
        using (MachineProbe.PinTo(last)) Assert.EndsWith($"\t{last}", Allowed());
        Assert.Equal(before, Allowed());
        Assert.Null(MachineProbe.PinTo(-1));
    }

    [Fact]
    public void The_fastest_cpu_is_the_one_with_the_fastest_wide_loop_whatever_the_noisy_walk()
    {
        List<ProbeReading> readings = [new(1.7, 2.4, 80, [0]), new(1.7, 1.8, 35, [1])];
        Assert.Equal(1, MachineProbe.Fastest(readings));
        Assert.Equal(0, MachineProbe.Fastest([new(1.7, 1.8, 180, [0]), new(1.7, 2.3, 35, [1])]));
        Assert.Null(MachineProbe.Fastest([new(1.7, 1.8, 35, [0])]));
        Assert.Null(MachineProbe.Fastest([new(1.7, 2.4, 80, [0, 1]), new(1.7, 1.8, 35, [1])]));
    }

    [Fact]
    public void A_workload_whose_timed_runs_ran_on_a_cpu_that_probed_slow_is_marked_and_named()
    {
        // as in a slow-mode worker: cpu1's wide loop 1.23x and walk 2x cpu0's, the timed runs all on cpu1
        var slow = new WorkloadResult
        {
            Name = "point lookup",
            ProbeBefore = [new(1.72, 1.72, 37, [0]), new(1.70, 2.11, 77, [1])],
            ProbeAfter = [new(1.72, 1.72, 38, [0]), new(1.70, 2.41, 85, [1])],
            CpuSamples = new() { [1] = 188 },
        };
        var elsewhere = new WorkloadResult { Name = "positions (1 hop)", ProbeBefore = slow.ProbeBefore, ProbeAfter = slow.ProbeAfter, CpuSamples = new() { [0] = 188 }, PinnedCpu = 0 };
        var even = new WorkloadResult { Name = "point lookup", ProbeBefore = [new(1.8, 1.83, 27, [0]), new(1.8, 1.83, 30, [1])], CpuSamples = new() { [0] = 100, [1] = 88 } };
        Assert.Equal([1], ProbeReport.SlowCpus(slow));
        Assert.True(ProbeReport.Touched(slow));
        Assert.False(ProbeReport.Touched(elsewhere));
        Assert.Empty(ProbeReport.SlowCpus(even));
        // a walk slowed by other processes' memory traffic alone does not make a CPU slow; a wide loop 1.2x does
        Assert.Empty(ProbeReport.SlowCpus(new WorkloadResult { ProbeBefore = [new(1.8, 1.85, 140, [0]), new(1.8, 1.82, 60, [1])] }));
        Assert.Equal([0], ProbeReport.SlowCpus(new WorkloadResult { ProbeBefore = [new(1.8, 2.10, 37, [0]), new(1.8, 1.74, 100, [1])] }));
        Assert.Contains("ours: point lookup", ProbeReport.Verdict([slow, elsewhere], [even]));
        Assert.DoesNotContain("positions", ProbeReport.Verdict([slow, elsewhere], [even]));
        Assert.Contains("no workload", ProbeReport.Verdict([elsewhere], [even]));
        Assert.Contains("not the timed runs'", ProbeReport.Describe(elsewhere));
        Assert.Contains("**timed runs on a slow vCPU** (cpu1)", ProbeReport.Describe(slow));
    }
}
