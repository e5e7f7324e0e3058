using System.Globalization;
using System.Text;
using Graph.Bench.Data;

namespace Graph.Bench;

/// <summary>The markdown report of one run: load, queries with ratios and targets, memory, machine, plans.</summary>
public static class Report
{
    private static readonly Dictionary<string, double> Targets = new()
    {
        ["point lookup"] = 0.5, ["positions (1 hop)"] = 0.5, ["shared positions (2 hops)"] = 0.5,
        ["top-10 allies (2 hops + agg)"] = 0.5, ["shortest agreement path (≤4 hops)"] = 0.5,
        ["shared positions, ends matched first"] = 0.5, ["shortest path, ends matched first"] = 0.5,
        ["endorsements per claim (global)"] = 1.0, ["stances per paradigm per institution"] = 1.0, ["agreement network (materialize)"] = 1.0,
    };

    public static string Markdown(BenchRun run, string command)
    {
        var s = run.Shape;
        var b = new StringBuilder();
        var ic = CultureInfo.InvariantCulture;
        b.AppendLine(ic, $"## Scale {run.Options.Scale}: {s.Experts:N0} experts, {s.Claims:N0} claims, {s.Stances:N0} stances");
        b.AppendLine();
        b.AppendLine(ic, $"- Command: `{command}`");
        b.AppendLine(ic, $"- Machine: {run.Machine}; 1-minute load average (start, before Kùzu, before ours, end): {string.Join(", ", run.LoadAverages)} (shared machine)");
        b.AppendLine($"- Data (seed {s.Seed}, Zipf exponents experts {s.ExpertSkew}, claims {s.ClaimSkew}): " +
            string.Join(", ", run.TableRows.Select(kv => $"{kv.Key} {kv.Value:N0}")) +
            $"; AGREES_WITH derived through claims with ≤ {s.AgreementCap} participants of a polarity; full ENDORSES network ~{run.EndorsementPairEstimate:N0} pairs");
        b.AppendLine(ic, $"- Runs: {run.Options.Runs} timed per point workload (global ones fewer), {run.Options.Warmup} warm-up, " +
            $"{Workloads.ParameterSets} parameter sets cycled, budget {run.Options.BudgetMs / 1000:N0} s per workload; times in ms");
        if (run.KuzuSkipped is not null) b.AppendLine(ic, $"- Kùzu side not run: {run.KuzuSkipped}");
        b.AppendLine();

        b.AppendLine("| load path | nodes | relationships | time (ms) | nodes/s | relationships/s | / Kùzu COPY | target |");
        b.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var kuzuLoad = run.Kuzu?.Load?.Ms;
        if (run.Kuzu?.Load is { } kl) b.AppendLine(LoadRow("Kùzu COPY FROM CSV", kl, null, null));
        if (run.Ours.Load is { } unwound) b.AppendLine(LoadRow($"ours: UNWIND batches of {run.Options.BatchSize:N0} through the driver", unwound, kuzuLoad, null));
        else b.AppendLine("| ours: UNWIND batches through the driver | | | skipped: --no-unwind | | | | |");
        if (run.Ours.ImportLoad is { } imported)
            b.AppendLine(LoadRow("ours: bulk import (CSV, one transaction; the workloads below run on this store)", imported, kuzuLoad, 1.0));
        if (run.Ingestion is { } ing)
        {
            var ratio = kuzuLoad is { } k ? Ratio(ing.Ms / k) : "";
            var what = ing.NetworkNote;
            b.AppendLine(ic, $"| ours: ingestion pipeline (graph-data YAML, same size; {what}) | {ing.Nodes:N0} | {ing.Relationships:N0} | {ing.Ms:N0} | {ing.Nodes / (ing.Ms / 1000):N0} | {ing.Relationships / (ing.Ms / 1000):N0} | {ratio} | ≤ 4.0 |");
        }
        else b.AppendLine(ic, $"| ours: ingestion pipeline | | | skipped: {run.IngestionSkipped} | | | | ≤ 4.0 |");
        b.AppendLine();

        b.AppendLine("| workload | ours median (p10–p90) | Kùzu median (p10–p90) | ours / Kùzu | target | arrays median | ours / arrays | rows agree |");
        b.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var w in run.Workloads)
        {
            if (w.Skipped is not null)
            {
                b.AppendLine(ic, $"| {w.Name} | skipped: {w.Skipped} | | | | | | |");
                continue;
            }
            var ours = run.Ours.Workloads.FirstOrDefault(x => x.Name == w.Name);
            var kuzu = run.Kuzu?.Workloads.FirstOrDefault(x => x.Name == w.Name);
            var arrays = run.Baseline.Workloads.FirstOrDefault(x => x.Name == w.Name);
            var target = Targets.TryGetValue(w.Name, out var t) ? $"≤ {t:0.0}" : "";
            b.AppendLine(ic, $"| {w.Name} | {Cell(ours)} | {Cell(kuzu)} | {RatioOf(ours, kuzu)} | {target} | {Fmt(Median(arrays))} | {RatioOf(ours, arrays)} | {RowsAgree(ours, kuzu, arrays)} |");
        }
        b.AppendLine();
        b.AppendLine(RuntimeWorkTable(run));
        b.AppendLine(ProbeReport.Markdown(run));
        b.Append(CompiledDuringTimedRuns(run));

        if (run.Ingestion is { } ingested)
        {
            b.AppendLine("| incremental ingestion (same store, already open) | ms | target |");
            b.AppendLine("|---|---:|---:|");
            b.AppendLine(ic, $"| unchanged reload ({ingested.ReloadMode}; {ingested.ReloadRowsWritten:N0} rows written) | {ingested.ReloadMs:N0} ({ingested.ReloadMs / ingested.Ms:P1} of the first load) | ≤ 10% of the first load |");
            foreach (var (step, ms) in ingested.StanceSaves)
                b.AppendLine(ic, $"| one stance {step}, until a query sees it | {ms:N0} | ≤ 1,000 |");
            b.AppendLine();
            b.AppendLine(ic, $"Peak working set of the harness process after ingestion and the query library: {ingested.PeakWorkingSetMb:N0} MB.");
            b.AppendLine();
            b.AppendLine("| query library on the ingested graph (Graph.Queries, end to end) | median (p10–p90) | max | answers (sum over runs) |");
            b.AppendLine("|---|---:|---:|---:|");
            foreach (var q in ingested.QueryLibrary)
                b.AppendLine(ic, $"| {q.Name} | {Cell(q)} | {(q.Ms.Count == 0 ? "" : Fmt(q.Ms.Max()))} | {q.Rows.Sum():N0} |");
            b.AppendLine();
        }

        b.AppendLine(MemoryTable(run));
        return b.ToString();
    }

    /// <summary>
    /// Peak resident memory per phase, each side's phase against the same phase of the other (VmHWM reset at each
    /// phase's start, so a phase's peak includes what was resident when it began: the runtime, and for the queries the store).
    /// </summary>
    private static string MemoryTable(BenchRun run)
    {
        var ic = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        var ours = run.Ours.Phases;
        var kuzu = run.Kuzu?.Phases ?? [];
        PhasePeak? Ours(string phase) => ours.FirstOrDefault(p => p.Phase == phase);
        PhasePeak? Kuzu(string phase) => kuzu.FirstOrDefault(p => p.Phase == phase);
        string Mb(PhasePeak? p) => p is null ? "" : string.Create(ic, $"{p.PeakRssMb:N0} (from {p.StartRssMb:N0}{(p.SinceStart ? "; not reset, since the process started" : "")})");
        string Versus(PhasePeak? a, PhasePeak? k) => a is null || k is null || k.PeakRssMb <= 0 ? "" : Ratio(a.PeakRssMb / k.PeakRssMb);

        b.AppendLine("| phase: peak RSS in MB (resident at the phase's start) | ours | Kùzu | ours / Kùzu | target |");
        b.AppendLine("|---|---:|---:|---:|---:|");
        b.AppendLine(ic, $"| load: our bulk import / Kùzu's COPY FROM (fresh store, same CSVs) | {Mb(Ours("import"))} | {Mb(Kuzu("load"))} | {Versus(Ours("import"), Kuzu("load"))} | ≤ 1.0 |");
        b.AppendLine(ic, $"| queries: the workloads above on the loaded store | {Mb(Ours("queries"))} | {Mb(Kuzu("queries"))} | {Versus(Ours("queries"), Kuzu("queries"))} | ≤ 1.0 |");
        if (Ours("UNWIND load") is { } unwind)
            b.AppendLine(ic, $"| ours only: UNWIND load (its store is gone before the import) | {Mb(unwind)} | | | |");
        var process = run.Kuzu is null ? "" : Ratio(run.Ours.PeakRssMb / run.Kuzu.PeakRssMb);
        b.AppendLine(ic, $"| whole process ({(run.Options.InProcess ? "ours: harness process, includes generator and baseline" : "ours: worker process")}; our managed heap after the import {run.Ours.ManagedHeapAfterLoadMb:N0} MB) | {run.Ours.PeakRssMb:N0} | {(run.Kuzu is { } k ? k.PeakRssMb.ToString("N0", ic) : "")} | {process} | ≤ 1.0 |");
        return b.ToString();
    }

    /// <summary>
    /// What the runtime did during each workload's timed runs, on our side and the arrays' (both .NET): in a cold run the
    /// share of the first run that was compilation or collection, in a warm one a check that the warm-up had ended the
    /// compilation. GC pauses stop every thread; JIT time includes the background recompilation of other threads.
    /// </summary>
    private static string RuntimeWorkTable(BenchRun run)
    {
        var ic = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        string Cell(WorkloadResult? w) => w?.DuringTimedRuns is not { } r || w.Ms.Count == 0 ? "" :
            string.Create(ic, $"{w.Ms.Sum():N1} ms: JIT {r.CompiledMethods:N0} methods {r.CompilationMs:N1} ms, {r.MethodsFirstCalled:N0} first calls; GC {r.Gen0Collections}/{r.Gen1Collections}/{r.Gen2Collections} paused {r.GcPauseMs:N1} ms");
        b.AppendLine("| workload: the runtime's work during the timed runs (JIT on all threads; methods first called, counted when a tiering delay ends, warm runs only; GC gen0/gen1/gen2 collections, pauses) | ours | arrays |");
        b.AppendLine("|---|---:|---:|");
        AppendOursAndArrays(b, run, Cell);
        return b.ToString();
    }

    /// <summary>One table row per measured workload: its name, then our cell and the arrays' cell (both .NET sides).</summary>
    internal static void AppendOursAndArrays(StringBuilder b, BenchRun run, Func<WorkloadResult?, string> cell)
    {
        foreach (var w in run.Workloads.Where(w => w.Skipped is null))
        {
            var ours = run.Ours.Workloads.FirstOrDefault(x => x.Name == w.Name);
            var arrays = run.Baseline.Workloads.FirstOrDefault(x => x.Name == w.Name);
            b.AppendLine(CultureInfo.InvariantCulture, $"| {w.Name} | {cell(ours)} | {cell(arrays)} |");
        }
    }

    /// <summary>
    /// The methods the JIT compiled during each warm workload's timed runs, by side (those the listener heard, at most
    /// <see cref="RuntimeWork.MaxNamed"/>): name, tier, code size and when, in ms after the timed runs began. Empty when
    /// no warm workload compiled anything.
    /// </summary>
    private static string CompiledDuringTimedRuns(BenchRun run)
    {
        var ic = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        foreach (var (side, results) in new[] { ("ours", run.Ours.Workloads), ("arrays", run.Baseline.Workloads) })
            foreach (var w in results)
            {
                if (w.DuringTimedRuns?.Compiled is not { Count: > 0 } compiled) continue;
                if (b.Length == 0) b.AppendLine("Methods compiled during the timed runs (name, tier, code bytes, ms after the timed runs began):").AppendLine();
                b.AppendLine(string.Create(ic, $"- {side}, {w.Name} ({w.DuringTimedRuns.CompiledMethods:N0} compiled; timed runs {w.Ms.Sum():N1} ms, {w.DuringTimedRuns.NamedWindowMs:N1} ms between the readings): ") +
                    string.Join("; ", compiled.Select(m => string.Create(ic, $"`{m.Name}` {m.Tier} {m.CodeBytes:N0} B at {m.AtMs:N1}"))));
            }
        if (b.Length > 0) b.AppendLine();
        return b.ToString();
    }

    public static string Plans(BenchRun run)
    {
        var b = new StringBuilder();
        foreach (var (name, plan) in run.Ours.Plans ?? [])
        {
            b.AppendLine($"{name}:");
            foreach (var line in plan.Split('\n')) b.AppendLine("    " + line.TrimEnd());
        }
        return b.ToString();
    }

    private static string LoadRow(string name, LoadResult load, double? kuzuMs, double? target)
    {
        var nodes = load.Parts.Where(p => !IsRel(p.Table)).ToArray();
        var rels = load.Parts.Where(p => IsRel(p.Table)).ToArray();
        double Rate(LoadPart[] parts) => parts.Sum(p => p.Rows) / (parts.Sum(p => p.Ms) / 1000);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {nodes.Sum(p => p.Rows):N0} | {rels.Sum(p => p.Rows):N0} | {load.Ms:N0} | {Rate(nodes):N0} | {Rate(rels):N0} | {(kuzuMs is { } k ? Ratio(load.Ms / k) : "")} | {(target is { } t ? $"≤ {t:0.0}" : "")} |");
    }

    private static bool IsRel(string table) => BenchTables.All.First(t => t.Name == table).IsRelationship;

    private static double Median(WorkloadResult? w) => w is null || w.Ms.Count == 0 ? double.NaN : Measure.Median(w.Ms);

    private static string Cell(WorkloadResult? w)
    {
        if (w is null) return "";
        if (w.Error is not null) return "error: " + w.Error.Replace("|", "/").ReplaceLineEndings(" ");
        return string.Create(CultureInfo.InvariantCulture,
            $"{Fmt(Measure.Median(w.Ms))} ({Fmt(Measure.Percentile(w.Ms, 0.1))}–{Fmt(Measure.Percentile(w.Ms, 0.9))}, n={w.Ms.Count}{Attempt(w)})");
    }

    /// <summary>Which attempt a workload measured again kept (the probe section lists them all).</summary>
    private static string Attempt(WorkloadResult w)
    {
        if (w.EarlierAttempts is not { Count: > 0 } earlier) return "";
        return string.Create(CultureInfo.InvariantCulture, $", attempt {earlier.Count + 1}{(ProbeReport.Touched(w) ? ", still flagged" : "")}");
    }

    private static string RatioOf(WorkloadResult? ours, WorkloadResult? other)
    {
        var (a, b) = (Median(ours), Median(other));
        return double.IsNaN(a) || double.IsNaN(b) || b <= 0 ? "" : Ratio(a / b);
    }

    private static string Ratio(double r) => r.ToString(r < 10 ? "0.00" : "N0", CultureInfo.InvariantCulture) + "x";

    private static string Fmt(double ms) =>
        double.IsNaN(ms) ? "" : ms.ToString(ms < 0.01 ? "0.00000" : ms < 1 ? "0.000" : ms < 100 ? "0.00" : "N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// Row counts of the same runs (same parameter sets) compared across the sides that ran; then
    /// the rows' values: each side's digest of each parameter set's rows (<see cref="RowDigest"/>), taken after the timed runs.
    /// </summary>
    public static string RowsAgree(WorkloadResult? ours, WorkloadResult? kuzu, WorkloadResult? arrays)
    {
        if (ours is null || ours.Rows.Count == 0) return "";
        var others = new[] { ("Kùzu", kuzu), ("arrays", arrays) }.Where(x => x.Item2 is { Rows.Count: > 0 }).ToArray();
        var differ = others.Where(x => !ours.Rows.Zip(x.Item2!.Rows).All(p => p.First == p.Second)).ToArray();
        var total = ours.Rows.Sum();
        if (differ.Length > 0)
            return "NO: ours " + string.Join("/", ours.Rows.Take(4)) + "… vs " +
                   string.Join("; ", differ.Select(d => $"{d.Item1} {string.Join("/", d.Item2!.Rows.Take(4))}…"));
        return $"yes ({total:N0} rows over {ours.Rows.Count} runs){ValuesAgree(ours, others)}";
    }

    /// <summary>", values too (…)" when every digesting side's digests equal ours; "; values NO: …" naming the parameter sets that differ.</summary>
    private static string ValuesAgree(WorkloadResult ours, (string Side, WorkloadResult? Result)[] others)
    {
        if (ours.RowDigests is not { } mine) return "; values not compared (ours not digested)";
        var digested = others.Where(o => o.Result!.RowDigests is not null).ToArray();
        var notDigested = others.Where(o => o.Result!.RowDigests is null).Select(o => o.Side).ToArray();
        var missing = notDigested.Length > 0 ? $"; {string.Join(", ", notDigested)} not digested" : "";
        if (digested.Length == 0) return "; values not compared" + missing;
        var wrong = digested.Select(o => (o.Side, Sets: RowDigest.Differing(mine, o.Result!.RowDigests!).ToArray(), Theirs: o.Result!.RowDigests!))
            .Where(o => o.Sets.Length > 0).ToArray();
        if (wrong.Length == 0)
            return $", values too ({string.Join(", ", digested.Select(o => o.Side))}; {mine.Count} parameter set{(mine.Count == 1 ? "" : "s")}){missing}";
        return "; values NO: " + string.Join("; ", wrong.Select(o =>
        {
            var i = o.Sets[0];
            string At(IReadOnlyList<string> d) => i < d.Count ? d[i] : "none";
            return $"{o.Side} differ at parameter sets {string.Join(", ", o.Sets.Select(x => x + 1))} of {mine.Count} (set {i + 1}: ours {At(mine)}, {o.Side} {At(o.Theirs)})";
        })) + missing;
    }
}
