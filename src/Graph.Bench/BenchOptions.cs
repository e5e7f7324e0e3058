using System.Globalization;
using Graph.Bench.Data;

namespace Graph.Bench;

/// <summary>Command-line options of the bench. Every option has a default; <c>--scale</c> picks the size.</summary>
public sealed record BenchOptions
{
    public string Scale { get; init; } = "small";
    /// <summary>3000 timed runs, at most 3 s of them, by default: fewer runs of a µs workload time the first touch of fresh
    /// heap pages rather than the statement (docs/benchmarks.md, "A statement's allocations, and what the µs workloads'
    /// medians measure"); the docs' tables use these.</summary>
    public int Runs { get; init; } = 3000;
    public int Warmup { get; init; } = 3;
    public double BudgetMs { get; init; } = 3_000;
    public long NetworkBudget { get; init; } = 20_000_000;
    /// <summary>Skip the ingestion pipeline when its quadratic AGREES_WITH/DISAGREES_WITH derivation would visit more pairs than this.</summary>
    public long IngestionBudget { get; init; } = 2_000_000;
    public int Seed { get; init; } = 42;
    public int BatchSize { get; init; } = 10_000;
    public bool SkipKuzu { get; init; }
    public bool SkipIngestion { get; init; }
    /// <summary>Our side only imports: no UNWIND load first (the import's time and memory alone, and a 1m run in minutes, not 10).</summary>
    public bool SkipUnwind { get; init; }
    /// <summary>Run our engine inside this process instead of a worker process (peak memory then includes the harness).</summary>
    public bool InProcess { get; init; }
    /// <summary>Each side's warm-up and timed runs of a workload on the CPU that probed fastest just before (the host
    /// slows one vCPU at times: docs/decisions.md, 28).</summary>
    public bool PinFastestCpu { get; init; } = true;
    /// <summary>The most the run waits, in all, for a CPU to read near the probe reference before an attempt (both vCPUs
    /// slowed: docs/decisions.md, 28); 0: never waits.</summary>
    public int MachineWaitSeconds { get; init; } = 120;
    public bool Keep { get; init; }
    public string? Output { get; init; }
    public string? WorkDirectory { get; init; }
    /// <summary>Only the workloads whose names start with one of these (case-insensitive), on every side alike; empty: all.</summary>
    public IReadOnlyList<string> WorkloadFilter { get; init; } = [];

    /// <summary>Whether <see cref="WorkloadFilter"/> selects the workload of this name.</summary>
    public bool Selects(string workload) =>
        WorkloadFilter.Count == 0 || WorkloadFilter.Any(f => workload.StartsWith(f, StringComparison.OrdinalIgnoreCase));

    public const string Usage = """
        graph bench: our embedded engine and ingestion side by side with Kùzu on a synthetic debate.
        usage: dotnet run -c Release --project src/Graph.Bench -- [options]
          --scale small|10k|100k|1m   size (small = the shipped graph-data's size: 37 experts, 93 claims, 254 stances)
          --runs N                    timed runs per point workload (default 3000; global workloads run N/4, the network N/8)
          --warmup N                  untimed runs first (default 3)
          --budget-ms MS              stop repeating a workload after this much timed work (default 3000)
          --network-budget ROWS       skip the network workload above this many estimated pair rows (default 20000000)
          --ingestion-budget PAIRS    most AGREES/DISAGREES_WITH pairs the ingestion pipeline derives; it leaves out the claims
                                      with the most participants to fit (default 2000000)
          --seed N                    generator seed (default 42)
          --batch N                   rows per UNWIND batch on our bulk path (default 10000)
          --no-kuzu                   our side only
          --no-ingestion              skip the graph-data ingestion pipeline
          --no-unwind                 our side loads with the importer only (no UNWIND load before it)
          --in-process                run our engine in this process (no worker process)
          --no-pin                    do not pin each workload's warm-up and timed runs to the CPU that probed fastest
                                      before it (both .NET sides; the machine probe is read either way)
          --machine-wait S            the most the run waits in all (seconds, default 120; 0: never) before attempts for a CPU
                                      whose probe reads within 1.1x of its reference (the fastest it read earlier in the run):
                                      a slowing of both vCPUs passes before the workload is measured (again)
          --out FILE                  also write the report (markdown) to FILE, and FILE.json with the raw numbers
          --work-dir DIR              where the CSVs go (default: a new temp directory, deleted afterwards)
          --keep                      keep the work directory
          --workloads NAME,NAME       only the workloads whose names start with one of these (case-insensitive; e.g.
                                      "point lookup,positions"), for every side alike (default: all)
        """;

    public DebateShape Shape => Scale.ToLowerInvariant() switch
    {
        "small" => new DebateShape { Experts = 37, Claims = 93, Stances = 254, Seed = Seed },
        "10k" => new DebateShape { Experts = 10_000, Claims = 1_000, Stances = 100_000, Seed = Seed },
        "100k" => new DebateShape { Experts = 100_000, Claims = 10_000, Stances = 1_000_000, Seed = Seed },
        "1m" => new DebateShape { Experts = 1_000_000, Claims = 100_000, Stances = 10_000_000, Seed = Seed },
        _ => throw new ArgumentException($"Unknown scale '{Scale}': use small, 10k, 100k or 1m."),
    };

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            List<string> Names()
            {
                var names = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                return names.Count > 0 ? names : throw new ArgumentException($"{args[i - 1]} needs at least one workload name.");
            }
            int Int() { var v = Value(); return int.TryParse(v, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ArgumentException($"{args[i - 1]} needs a whole number, not '{v}'."); }
            o = args[i] switch
            {
                "--scale" => o with { Scale = Value() },
                "--runs" => o with { Runs = Math.Max(1, Int()) },
                "--warmup" => o with { Warmup = Int() },
                "--budget-ms" => o with { BudgetMs = Int() },
                "--network-budget" => o with { NetworkBudget = long.Parse(Value(), CultureInfo.InvariantCulture) },
                "--ingestion-budget" => o with { IngestionBudget = long.Parse(Value(), CultureInfo.InvariantCulture) },
                "--seed" => o with { Seed = Int() },
                "--batch" => o with { BatchSize = Math.Max(1, Int()) },
                "--no-kuzu" => o with { SkipKuzu = true },
                "--no-ingestion" => o with { SkipIngestion = true },
                "--no-unwind" => o with { SkipUnwind = true },
                "--in-process" => o with { InProcess = true },
                "--no-pin" => o with { PinFastestCpu = false },
                "--machine-wait" => o with { MachineWaitSeconds = Int() },
                "--keep" => o with { Keep = true },
                "--out" => o with { Output = Value() },
                "--work-dir" => o with { WorkDirectory = Value() },
                "--workloads" => o with { WorkloadFilter = Names() },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }
        _ = o.Shape; // validates the scale
        return o;
    }
}
