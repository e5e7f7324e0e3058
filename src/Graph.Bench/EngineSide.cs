using System.Diagnostics;
using System.Text.Json;
using Graph.Bench.Data;
using Graph.Client;
using Graph.Engine;
using Graph.Engine.Import;

namespace Graph.Bench;

/// <summary>
/// Our side: loads the CSVs into a fresh in-memory embedded engine twice, once with batched
/// <c>UNWIND $rows AS row CREATE ...</c> through the driver (one auto-commit statement per batch) and once with the
/// CSV importer (the bulk path, one transaction), then runs the workloads on the imported store like the Kùzu script does.
/// </summary>
public static class EngineSide
{
    public static async Task<SideResult> RunAsync(BenchPlan plan, TextWriter log)
    {
        var result = new SideResult { Runtime = $".NET {Environment.Version}", Plans = [] };
        // Each phase's peak is measured on its own (VmHWM reset at its start), so that the import compares with Kùzu's
        // COPY and the queries with Kùzu's queries; the process's peak is the largest of them.
        if (!plan.SkipUnwind)
        {
            var (reset, start) = (PeakMemory.Reset(), PeakMemory.CurrentRssMb());
            await using (var unwound = EmbeddedDriver.InMemory(new EngineOptions { QueryTimeout = TimeSpan.FromMinutes(10) }))
            {
                result.Load = await LoadWithUnwindAsync(unwound, plan, result, log);
                result.Phases.Add(PeakMemory.Measure("UNWIND load", reset, start));
            }
            // The first store is gone before the second is loaded, so peak RSS is the larger of the two, not their sum.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        await using var driver = EmbeddedDriver.InMemory(new EngineOptions { QueryTimeout = TimeSpan.FromMinutes(10) });
        var (importReset, importStart) = (PeakMemory.Reset(), PeakMemory.CurrentRssMb());
        result.ImportLoad = await LoadWithImporterAsync(driver, plan, log);
        result.Phases.Add(PeakMemory.Measure("import", importReset, importStart));
        result.ManagedHeapAfterLoadMb = GC.GetTotalMemory(true) / 1048576.0;

        var (queriesReset, queriesStart) = (PeakMemory.Reset(), PeakMemory.CurrentRssMb());
        await using (var session = driver.AsyncSession(SessionConfig.Read))
        {
            foreach (var w in plan.Workloads)
            {
                result.Plans[w.Name] = Explain(driver, w.Ours);
                result.Workloads.Add(await Measure.RunAsync(w.Name, w.Params, w.Runs > 0 ? w.Runs : plan.Runs, w.Warmup ?? plan.Warmup, plan.BudgetMs,
                    async p => (await session.RunAsync(w.Ours, p)).Records.Count, probe: true, pinFastest: plan.PinFastestCpu, reference: plan.ProbeReference));
                var last = result.Workloads[^1];
                if (last.Error is null) last.RowDigests = await DigestEachAsync(session, w);
                log.WriteLine($"  ours: {w.Name}: {(last.Error ?? $"median {Measure.Median(last.Ms):N5} ms over {last.Ms.Count} runs")}; {ProbeReport.Describe(last)}");
            }
        }
        result.Phases.Add(PeakMemory.Measure("queries", queriesReset, queriesStart));
        result.Process = ProcessFacts.Read();
        result.ProbeReference = plan.ProbeReference;
        result.PeakRssMb = result.Phases.Max(p => p.PeakRssMb);
        foreach (var phase in result.Phases)
            log.WriteLine($"  ours: {phase.Phase}: peak RSS {phase.PeakRssMb:N0} MB (resident at its start {phase.StartRssMb:N0} MB)");
        return result;
    }

    /// <summary>
    /// The rows' digest of each parameter set (<see cref="RowDigest"/>), one untimed call each after the timed runs, so
    /// that the report compares the values the sides return and not only their count.
    /// </summary>
    public static async Task<List<string>> DigestEachAsync(IQueryRunner session, PlanWorkload w)
    {
        var digests = new List<string>();
        foreach (var p in RowDigest.EachParameterSet(w.Params))
            digests.Add(Digest((await session.RunAsync(w.Ours, p)).Records, w.RowsOrdered));
        return digests;
    }

    /// <summary>The digest of records as our engine returns them, cells in column order.</summary>
    public static string Digest(IReadOnlyList<Record> records, bool ordered)
    {
        var digest = new RowDigest(ordered);
        foreach (var record in records)
        {
            for (var i = 0; i < record.Keys.Count; i++) digest.AddValue(record[i]);
            digest.EndRow();
        }
        return digest.ToString();
    }

    private static async Task CreateConstraintsAsync(EmbeddedDriver driver)
    {
        await using var session = driver.AsyncSession();
        foreach (var t in BenchTables.All.Where(t => !t.IsRelationship))
            await session.RunAsync($"CREATE CONSTRAINT {t.Name.ToLowerInvariant()}_id IF NOT EXISTS FOR (n:{t.Name}) REQUIRE n.id IS UNIQUE");
    }

    /// <summary>Batched <c>UNWIND $rows ...</c> statements through the driver, one auto-commit statement per batch.</summary>
    private static async Task<LoadResult> LoadWithUnwindAsync(EmbeddedDriver driver, BenchPlan plan, SideResult result, TextWriter log)
    {
        await CreateConstraintsAsync(driver);
        await using var session = driver.AsyncSession();
        var load = new LoadResult();
        var clock = Stopwatch.StartNew();
        foreach (var t in BenchTables.All)
        {
            var statement = CreateStatement(t);
            result.Plans![$"load {t.Name}"] = driver.Explain(statement);
            var part = Stopwatch.StartNew();
            long rows = 0;
            foreach (var batch in BenchTables.ReadCsv(plan.CsvDir, t).Chunk(plan.BatchSize))
            {
                await session.RunAsync(statement, new Dictionary<string, object?> { ["rows"] = batch });
                rows += batch.Length;
            }
            load.Parts.Add(new LoadPart { Table = t.Name, Ms = part.Elapsed.TotalMilliseconds, Rows = rows });
            log.WriteLine($"  ours (UNWIND): loaded {rows:N0} {t.Name} in {part.Elapsed.TotalMilliseconds:N0} ms");
        }
        load.Ms = clock.Elapsed.TotalMilliseconds;
        return load;
    }

    /// <summary>
    /// The CSV importer on the same files Kùzu reads, all tables in one transaction. The column types come from
    /// <see cref="BenchTables"/>, as Kùzu's come from its DDL; the same unique constraints exist first, as for UNWIND.
    /// </summary>
    private static async Task<LoadResult> LoadWithImporterAsync(EmbeddedDriver driver, BenchPlan plan, TextWriter log)
    {
        await CreateConstraintsAsync(driver);
        var spec = ImportSpecFor(plan.CsvDir);
        var clock = Stopwatch.StartNew();
        var report = await driver.ImportAsync(spec);
        var load = new LoadResult { Ms = clock.Elapsed.TotalMilliseconds };
        foreach (var file in report.Files)
        {
            load.Parts.Add(new LoadPart { Table = file.Name, Ms = file.Elapsed.TotalMilliseconds, Rows = file.Rows });
            log.WriteLine($"  ours (import): read {file.Rows:N0} {file.Name} in {file.Elapsed.TotalMilliseconds:N0} ms");
        }
        // The commit belongs to the load: spread it over the relationship parts by rows, so per-kind rates include it.
        var relRows = load.Parts.Where(p => BenchTables.All.First(t => t.Name == p.Table).IsRelationship).Sum(p => p.Rows);
        foreach (var part in load.Parts.Where(p => BenchTables.All.First(t => t.Name == p.Table).IsRelationship))
            part.Ms += report.CommitElapsed.TotalMilliseconds * part.Rows / Math.Max(1, relRows);
        log.WriteLine($"  ours (import): {report.Nodes:N0} nodes, {report.Relationships:N0} relationships in {load.Ms:N0} ms (commit {report.CommitElapsed.TotalMilliseconds:N0} ms)");
        return load;
    }

    public static ImportSpec ImportSpecFor(string csvDir)
    {
        static Dictionary<string, ImportValueType> Types(Table t) => t.Columns.ToDictionary(c => c.Name, c => c.Type switch
        {
            ColumnType.Int => ImportValueType.Int,
            ColumnType.Double => ImportValueType.Float,
            _ => ImportValueType.String,
        });
        return new ImportSpec
        {
            Nodes = BenchTables.All.Where(t => !t.IsRelationship)
                .Select(t => new NodeFile(t.Name, Path.Combine(csvDir, t.File)) { ColumnTypes = Types(t) }).ToList(),
            Relationships = BenchTables.All.Where(t => t.IsRelationship)
                .Select(t => new RelationshipFile(t.Name, t.From!, t.To!, Path.Combine(csvDir, t.File)) { ColumnTypes = Types(t) }).ToList(),
        };
    }

    private static string Explain(EmbeddedDriver driver, string query)
    {
        try { return driver.Explain(query); }
        catch (GraphException e) { return "EXPLAIN failed: " + e.Message; }
    }

    /// <summary>
    /// <c>UNWIND $rows AS row CREATE (:Label {...})</c>, or MATCH both ends by id then CREATE the relationship. The ends are
    /// matched with <c>WHERE a.id = row.from</c> (the form Neo4j users write for loads); the planner answers it with a seek
    /// of the unique index and no second filter, and the rows' maps reach the engine without a copy.
    /// </summary>
    public static string CreateStatement(Table t)
    {
        var properties = "{" + string.Join(", ", t.Columns.Select(c => $"{c.Name}: row.{c.Name}")) + "}";
        return t.IsRelationship
            ? $"UNWIND $rows AS row MATCH (a:{t.From}) WHERE a.id = row.from MATCH (b:{t.To}) WHERE b.id = row.to CREATE (a)-[:{t.Name} {properties}]->(b)"
            : $"UNWIND $rows AS row CREATE (:{t.Name} {properties})";
    }

    /// <summary>Entry of the worker process: <c>--worker plan.json result.json</c>.</summary>
    public static async Task<int> WorkerMainAsync(string planPath, string resultPath)
    {
        var plan = BenchPlan.Load(planPath);
        foreach (var w in plan.Workloads)
            foreach (var p in w.Params)
                foreach (var key in p.Keys.ToList())
                    p[key] = p[key] is JsonElement e ? FromJson(e) : p[key];
        var result = await RunAsync(plan, Console.Error);
        await File.WriteAllTextAsync(resultPath, JsonSerializer.Serialize(result, BenchPlan.Json));
        return 0;
    }

    private static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
