using System.Text.Json;
using System.Text.Json.Serialization;

namespace Graph.Bench;

/// <summary>What each side loads and runs; written as JSON for the Kùzu script and our worker process.</summary>
public sealed class BenchPlan
{
    public required string CsvDir { get; init; }
    /// <summary>Kùzu's DDL (node tables with PRIMARY KEY, rel tables).</summary>
    public required List<string> Schema { get; init; }
    public required List<PlanCopy> Copies { get; init; }
    public required List<PlanWorkload> Workloads { get; init; }
    public int Runs { get; init; }
    public int Warmup { get; init; }
    /// <summary>A workload stops repeating once its timed runs have used this much.</summary>
    public double BudgetMs { get; init; }
    /// <summary>Rows per UNWIND batch on our bulk path.</summary>
    public int BatchSize { get; init; } = 10_000;
    public int Threads { get; init; } = 2;
    /// <summary>Our side skips the UNWIND load and only imports (its peak memory and time then are the import's alone).</summary>
    public bool SkipUnwind { get; init; }
    /// <summary>Each side's warm-up and timed runs of a workload run on the CPU that probed fastest just before.</summary>
    public bool PinFastestCpu { get; init; }
    /// <summary>The run's probe reference so far (the parent's readings), which our worker continues and returns.</summary>
    public ProbeReference? ProbeReference { get; set; }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static BenchPlan Load(string path) =>
        JsonSerializer.Deserialize<BenchPlan>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} holds no plan.");
}

public sealed record PlanCopy(string Table, string File);

public sealed class PlanWorkload
{
    public required string Name { get; init; }
    /// <summary>Kùzu's text (the script reads this field).</summary>
    public required string Cypher { get; init; }
    public required string Ours { get; init; }
    public required List<Dictionary<string, object?>> Params { get; init; }
    public int Runs { get; init; }
    /// <summary>Untimed runs first; global workloads use one, since a warm-up of a multi-second query teaches the caches nothing more.</summary>
    public int? Warmup { get; init; }
    /// <summary>The rows' digests compare in order (the Cypher has ORDER BY) or as a multiset (<see cref="RowDigest"/>).</summary>
    public bool RowsOrdered { get; init; }
}

/// <summary>What one side measured (the same shape from the Kùzu script, our worker and the array baseline).</summary>
public sealed class SideResult
{
    public LoadResult? Load { get; set; }
    /// <summary>Our second load path: the CSV importer (one transaction); the workloads run on the store it loaded.</summary>
    public LoadResult? ImportLoad { get; set; }
    public List<WorkloadResult> Workloads { get; set; } = [];
    public double PeakRssMb { get; set; }
    public string? Runtime { get; set; }
    /// <summary>Operator trees of our statements (EXPLAIN), for the profiling notes.</summary>
    public Dictionary<string, string>? Plans { get; set; }
    public double? ManagedHeapAfterLoadMb { get; set; }
    /// <summary>Peak resident memory per phase (ours: UNWIND load, import, queries; Kùzu: load, queries), in order.</summary>
    public List<PhasePeak> Phases { get; set; } = [];
    /// <summary>The process's runtime settings and memory facts after its workloads (.NET sides; <see cref="ProcessFacts"/>).</summary>
    public Dictionary<string, string>? Process { get; set; }
    /// <summary>The run's probe reference after this side's workloads (our worker returns the plan's, continued).</summary>
    public ProbeReference? ProbeReference { get; set; }
}

public sealed class LoadResult
{
    public double Ms { get; set; }
    public List<LoadPart> Parts { get; set; } = [];
}

public sealed class LoadPart
{
    public string Table { get; set; } = "";
    public double Ms { get; set; }
    public long Rows { get; set; }
}
