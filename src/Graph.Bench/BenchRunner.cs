using System.Diagnostics;
using System.Text.Json;
using Graph.Bench.Data;

namespace Graph.Bench;

/// <summary>Everything one run measured, for the report.</summary>
public sealed class BenchRun
{
    public required BenchOptions Options { get; init; }
    public required DebateShape Shape { get; init; }
    public required Dictionary<string, long> TableRows { get; init; }
    public required long EndorsementPairEstimate { get; init; }
    public required double GenerateMs { get; init; }
    public required List<Workload> Workloads { get; init; }
    public required SideResult Ours { get; init; }
    public required SideResult Baseline { get; init; }
    public SideResult? Kuzu { get; init; }
    public string? KuzuSkipped { get; init; }
    public IngestionResult? Ingestion { get; init; }
    public string? IngestionSkipped { get; init; }
    public required string Machine { get; init; }
    /// <summary>1-minute load average at the start, before Kùzu, before ours, at the end.</summary>
    public required List<string> LoadAverages { get; init; }
    /// <summary>The probe reference at the end of the run, with its history (<see cref="Graph.Bench.ProbeReference"/>).</summary>
    public ProbeReference? ProbeReference { get; init; }
}

/// <summary>Generates the debate, runs Kùzu (Node), our engine (worker process) and the array baseline, one after the other.</summary>
public static class BenchRunner
{
    public static async Task<BenchRun> RunAsync(BenchOptions options, TextWriter log)
    {
        var shape = options.Shape;
        var work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), $"graph-bench-{options.Scale}-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        var loads = new List<string> { MachineInfo.LoadAverage() };
        try
        {
            log.WriteLine($"generating {shape.Experts:N0} experts, {shape.Claims:N0} claims, {shape.Stances:N0} stances (seed {shape.Seed}) in {work}");
            var clock = Stopwatch.StartNew();
            var debate = new SyntheticDebate(shape);
            var generateMs = clock.Elapsed.TotalMilliseconds;
            var csvDir = Path.Combine(work, "csv");
            var rows = BenchTables.WriteCsv(debate, csvDir);
            log.WriteLine($"  {debate.Agreements.Length:N0} AGREES_WITH pairs (claims with ≤ {shape.AgreementCap} participants of a polarity); " +
                          $"full ENDORSES network ~{debate.EndorsementPairEstimate:N0} pairs; CSVs written in {clock.Elapsed.TotalSeconds:N1} s");

            var workloads = Workloads.Create(debate, options.Runs, options.NetworkBudget).Where(w => options.Selects(w.Name)).ToList();
            if (options.WorkloadFilter.FirstOrDefault(f => !workloads.Any(w => w.Name.StartsWith(f, StringComparison.OrdinalIgnoreCase))) is { } unknown)
                throw new InvalidOperationException($"--workloads: no workload's name starts with '{unknown}'.");
            var plan = new BenchPlan
            {
                CsvDir = csvDir,
                Schema = BenchTables.All.Select(BenchTables.KuzuDdl).ToList(),
                Copies = BenchTables.All.Select(t => new PlanCopy(t.Name, t.File)).ToList(),
                Workloads = workloads.Where(w => w.Skipped is null)
                    .Select(w => new PlanWorkload { Name = w.Name, Cypher = w.Kuzu, Ours = w.Ours, Params = w.Params.ToList(), Runs = w.Runs, Warmup = w.Global ? Math.Min(1, options.Warmup) : null, RowsOrdered = w.RowsOrdered }).ToList(),
                Runs = options.Runs,
                Warmup = options.Warmup,
                BudgetMs = options.BudgetMs,
                BatchSize = options.BatchSize,
                SkipUnwind = options.SkipUnwind,
                PinFastestCpu = options.PinFastestCpu,
            };
            var planPath = Path.Combine(work, "plan.json");
            plan.Save(planPath);
            // the reference the .NET sides' probes are judged against: the parent reads each CPU now, before our worker and
            // between the sides; our worker continues it (through the plan) and returns it
            var reference = new ProbeReference { WaitBudgetMs = options.MachineWaitSeconds * 1000.0 };
            reference.Fold(MachineProbe.ReadEachCpu(), "at the start");

            SideResult? kuzu = null;
            var kuzuDir = KuzuSide.FindScriptDirectory();
            var kuzuSkipped = options.SkipKuzu ? "--no-kuzu" : KuzuSide.WhyNotRunnable(kuzuDir);
            loads.Add(MachineInfo.LoadAverage());
            if (kuzuSkipped is null)
            {
                log.WriteLine("Kùzu: COPY FROM and workloads (node bench.mjs)");
                var kuzuClock = Stopwatch.StartNew();
                kuzu = await KuzuSide.RunAsync(kuzuDir!, planPath, log);
                foreach (var part in kuzu.Load!.Parts) part.Rows = rows.GetValueOrDefault(part.Table);
                log.WriteLine($"  Kùzu: loaded in {kuzu.Load.Ms:N0} ms, peak RSS {kuzu.PeakRssMb:N0} MB");
                // the next side starts on a settled machine (KuzuSide.SettleAfter)
                var settle = KuzuSide.SettleAfter(kuzuClock.Elapsed);
                log.WriteLine($"  settling {settle.TotalSeconds:N0} s after Kùzu's process exited");
                await Task.Delay(settle);
            }
            else log.WriteLine($"Kùzu side skipped: {kuzuSkipped}");

            loads.Add(MachineInfo.LoadAverage());
            reference.Fold(MachineProbe.ReadEachCpu(), "before our worker");
            reference.Side = "ours";
            plan.ProbeReference = reference;
            plan.Save(planPath);
            log.WriteLine($"ours: bulk load through the driver and workloads ({(options.InProcess ? "in this process" : "worker process")})");
            var ours = options.InProcess ? await EngineSide.RunAsync(plan, log) : await RunWorkerAsync(planPath, work, log);
            log.WriteLine($"  ours: imported in {ours.ImportLoad!.Ms:N0} ms, peak RSS {ours.PeakRssMb:N0} MB");

            // the worker's reference continues the parent's (in process it is the same object)
            reference = ours.ProbeReference ?? reference;
            reference.Side = "parent";
            reference.Fold(MachineProbe.ReadEachCpu(), "between ours and the arrays");
            reference.Side = "arrays";
            log.WriteLine($"  probe reference: {string.Join(", ", reference.Current().Select(ProbeReference.Describe))}; waited {reference.WaitedMs / 1000:N1} s for the machine");
            log.WriteLine("array baseline (CSR, hand-coded)");
            var baseline = await RunBaselineAsync(debate, plan, reference);

            IngestionResult? ingestion = null;
            string? ingestionSkipped = options.SkipIngestion ? "--no-ingestion" : null;
            if (ingestionSkipped is null)
            {
                log.WriteLine("ingestion pipeline (graph-data YAML of the same size)");
                ingestion = await IngestionSide.RunAsync(shape, Path.Combine(work, "graph-data"), options.IngestionBudget, plan.Runs, plan.BudgetMs, log);
            }
            else log.WriteLine($"ingestion pipeline skipped: {ingestionSkipped}");

            loads.Add(MachineInfo.LoadAverage());
            return new BenchRun
            {
                LoadAverages = loads,
                Options = options, Shape = shape, TableRows = rows, EndorsementPairEstimate = debate.EndorsementPairEstimate, GenerateMs = generateMs,
                Workloads = workloads, Ours = ours, Baseline = baseline, Kuzu = kuzu, KuzuSkipped = kuzuSkipped,
                Ingestion = ingestion, IngestionSkipped = ingestionSkipped, Machine = MachineInfo.Describe(kuzu?.Runtime),
                ProbeReference = reference,
            };
        }
        finally
        {
            if (!options.Keep && options.WorkDirectory is null) Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<SideResult> RunBaselineAsync(SyntheticDebate debate, BenchPlan plan, ProbeReference reference)
    {
        var baseline = new ArrayBaseline(debate);
        var result = new SideResult { Runtime = $".NET {Environment.Version}" };
        foreach (var w in plan.Workloads)
        {
            var run = baseline.For(w.Name);
            if (run is null) continue;
            result.Workloads.Add(await Measure.RunAsync(w.Name, w.Params, w.Runs, w.Warmup ?? plan.Warmup, plan.BudgetMs, p => Task.FromResult(run(p)), probe: true, pinFastest: plan.PinFastestCpu, reference: reference));
            // the rows' values of each parameter set, untimed, after the timed runs (as on the other sides)
            if (result.Workloads[^1].Error is null) result.Workloads[^1].RowDigests = baseline.DigestEach(run, w.Params, w.RowsOrdered);
        }
        result.Process = ProcessFacts.Read();
        result.ProbeReference = reference;
        return result;
    }

    /// <summary>Our engine in its own process, so that its peak memory is its own (not the generator's or the baseline's).</summary>
    private static async Task<SideResult> RunWorkerAsync(string planPath, string work, TextWriter log)
    {
        var resultPath = Path.Combine(work, "ours.json");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.ArgumentList.Add(typeof(BenchRunner).Assembly.Location);
        start.ArgumentList.Add("--worker");
        start.ArgumentList.Add(planPath);
        start.ArgumentList.Add(resultPath);
        start.Environment["DOTNET_TieredPGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start the worker process.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        while (await process.StandardError.ReadLineAsync() is { } line) log.WriteLine(line);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"The worker process failed (exit {process.ExitCode}): {await stdout}");
        return JsonSerializer.Deserialize<SideResult>(await File.ReadAllTextAsync(resultPath), BenchPlan.Json)!;
    }
}
