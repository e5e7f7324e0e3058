using Graph.Bench;
using Xunit.Abstractions;

namespace Graph.Bench.Tests;

/// <summary>The whole bench at the small scale, our engine in this process: it must run, and both engines and the arrays must agree.</summary>
public sealed class SmokeTests(ITestOutputHelper output)
{
    /// <summary>No waiting for the machine: beside the other test classes both CPUs read slow against the run's reference,
    /// and the runs' times are not what these tests check (ProbeReferenceTests test the wait).</summary>
    private const int NoMachineWait = 0;

    [Fact]
    public async Task Small_scale_runs_end_to_end_and_every_side_returns_the_same_rows()
    {
        var skipKuzu = KuzuSide.WhyNotRunnable(KuzuSide.FindScriptDirectory());
        if (skipKuzu is not null) output.WriteLine($"Kùzu side skipped in this smoke test: {skipKuzu}. Our side and the arrays still run.");
        var options = new BenchOptions { Scale = "small", Runs = 3, Warmup = 1, InProcess = true, SkipKuzu = skipKuzu is not null, MachineWaitSeconds = NoMachineWait };
        var log = new StringWriter();

        var run = await BenchRunner.RunAsync(options, log);
        output.WriteLine(log.ToString());

        Assert.Equal(run.TableRows.Values.Sum(), run.Ours.Load!.Parts.Sum(p => p.Rows));
        // The bulk importer reads the same CSV files; the workloads (whose rows agree with the arrays below) run on its store.
        Assert.Equal(run.TableRows, run.Ours.ImportLoad!.Parts.ToDictionary(p => p.Table, p => p.Rows));
        Assert.Contains("ours: bulk import", Report.Markdown(run, "test"));
        Assert.NotNull(run.Ingestion);
        Assert.True(run.Ingestion!.Stances > 0);
        Assert.Equal(0, run.Ingestion.ReloadRowsWritten);   // idempotent: the unchanged reload writes nothing
        Assert.Equal(6, run.Ingestion.QueryLibrary.Count);
        foreach (var q in run.Ingestion.QueryLibrary)
        {
            Assert.True(q.Error is null, $"{q.Name}: {q.Error}");
            Assert.NotEmpty(q.Ms);
        }
        // Lookups by name find their expert and the prolific experts have positions.
        Assert.All(run.Ingestion.QueryLibrary[0].Rows, found => Assert.True(found >= 1));
        Assert.True(run.Ingestion.QueryLibrary[1].Rows.Sum() > 0);
        foreach (var w in run.Workloads.Where(w => w.Skipped is null))
        {
            var ours = run.Ours.Workloads.Single(x => x.Name == w.Name);
            Assert.True(ours.Error is null, $"{w.Name}: {ours.Error}");
            Assert.NotEmpty(ours.Ms);
            var arrays = run.Baseline.Workloads.Single(x => x.Name == w.Name);
            Assert.Equal(arrays.Rows, ours.Rows);
            // the rows' values too: each parameter set's digest, taken after the timed runs on every side
            Assert.NotNull(ours.RowDigests);
            Assert.Equal(ours.RowDigests, arrays.RowDigests);
            if (run.Kuzu is { } kuzu)
            {
                var theirs = kuzu.Workloads.Single(x => x.Name == w.Name);
                Assert.True(theirs.Error is null, $"Kùzu {w.Name}: {theirs.Error}");
                Assert.Equal(theirs.Rows, ours.Rows);
                Assert.Equal(ours.RowDigests, theirs.RowDigests);
            }
        }
        Assert.Contains(run.Workloads, w => w.Name == "agreement network (materialize)" && w.Skipped is null);
        var markdown = Report.Markdown(run, "test");
        Assert.Contains("| point lookup |", markdown);
        Assert.Contains("ours / arrays", markdown);
        Assert.Contains("values too", markdown);
        Assert.DoesNotContain("values NO", markdown);
        var runtimeWork = markdown.IndexOf("the runtime's work during the timed runs", StringComparison.Ordinal);
        Assert.True(runtimeWork > 0, "the report has no table of the runtime's work");
        Assert.Matches(@"\| point lookup \| [\d.,]+ ms: JIT [\d,]+ methods [\d.,]+ ms, [\d,]+ first calls; GC \d+/\d+/\d+ paused [\d.,]+ ms \| [\d.,]+ ms: JIT", markdown[runtimeWork..]);

        // Memory per phase: each phase measured on its own (VmHWM reset where /proc allows), the process's peak their largest.
        Assert.Equal(["UNWIND load", "import", "queries"], run.Ours.Phases.Select(p => p.Phase));
        Assert.All(run.Ours.Phases, p => Assert.True(p.PeakRssMb >= p.StartRssMb && p.StartRssMb > 0, $"{p.Phase}: {p.StartRssMb} -> {p.PeakRssMb}"));
        Assert.Equal(run.Ours.Phases.Max(p => p.PeakRssMb), run.Ours.PeakRssMb);
        Assert.Contains("| load: our bulk import / Kùzu's COPY FROM", markdown);
        if (run.Kuzu is { } k) Assert.Equal(["load", "queries"], k.Phases.Select(p => p.Phase));
    }

    [Fact]
    public async Task Without_the_unwind_load_our_side_only_imports_and_the_report_says_so()
    {
        var options = new BenchOptions { Scale = "small", Runs = 1, Warmup = 0, InProcess = true, SkipKuzu = true, SkipIngestion = true, SkipUnwind = true, MachineWaitSeconds = NoMachineWait };
        var run = await BenchRunner.RunAsync(options, new StringWriter());
        Assert.Null(run.Ours.Load);
        Assert.Equal(run.TableRows, run.Ours.ImportLoad!.Parts.ToDictionary(p => p.Table, p => p.Rows));
        Assert.Equal(["import", "queries"], run.Ours.Phases.Select(p => p.Phase));
        Assert.Contains("skipped: --no-unwind", Report.Markdown(run, "test"));
    }
}
