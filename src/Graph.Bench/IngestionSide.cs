using System.Diagnostics;
using Graph.Bench.Data;
using Graph.Core.Generation;
using Graph.Engine;
using Graph.Ingestion;
using Graph.Ingestion.Planning;

namespace Graph.Bench;

/// <summary>One step of <see cref="StanceSaves"/>: how long until a query saw it.</summary>
public sealed record StanceSaveTiming(string Step, double Ms);

public sealed class IngestionResult
{
    public double GenerateMs { get; set; }
    public double Ms { get; set; }
    public long Nodes { get; set; }
    public long Relationships { get; set; }
    public long Stances { get; set; }
    public long DerivedRelationships { get; set; }
    public string? NetworkNote { get; set; }
    /// <summary>Loading the same corpus again: every row compared, nothing written.</summary>
    public double ReloadMs { get; set; }
    public long ReloadRowsWritten { get; set; }
    public string ReloadMode { get; set; } = "";
    /// <summary>One stance added, edited, deleted through CodingWorkspace, each timed until a query sees it.</summary>
    public List<StanceSaveTiming> StanceSaves { get; set; } = [];
    public double PeakWorkingSetMb { get; set; }
    /// <summary>Graph.Queries on the ingested graph (positions, shared positions, allies, paths).</summary>
    public List<WorkloadResult> QueryLibrary { get; set; } = [];
}

/// <summary>
/// The full ingestion pipeline (read YAML ► validate quotes ► plan ► batched MERGE ► derive AGREES_WITH and
/// DISAGREES_WITH) on a graph-data corpus of the same size and skew, written by Graph.Core's SyntheticCorpus.
/// </summary>
public static class IngestionSide
{
    /// <summary>
    /// The derived network is quadratic in a claim's participants: the pipeline derives it through the claims with
    /// the most participants that keep it within <paramref name="networkBudget"/> pairs (NetworkLimits.FitToBudget),
    /// and the report says where that limit fell.
    /// </summary>
    public static async Task<IngestionResult> RunAsync(DebateShape shape, string directory, long networkBudget, int runs, double budgetMs, TextWriter log)
    {
        var result = new IngestionResult();
        var clock = Stopwatch.StartNew();
        new SyntheticCorpus(new SyntheticCorpusOptions
        {
            Experts = shape.Experts, Claims = shape.Claims, Stances = shape.Stances, Seed = shape.Seed,
            Skew = (shape.ExpertSkew + shape.ClaimSkew) / 2,
        }).Write(directory);
        result.GenerateMs = clock.Elapsed.TotalMilliseconds;

        await using var driver = EmbeddedDriver.InMemory();
        clock.Restart();
        var report = await new GraphLoader(driver).LoadAsync(directory, new IngestionOptions
        {
            BatchSize = 10_000,
            Network = new NetworkLimits { PairBudget = networkBudget, FitToBudget = true },
        });
        result.Ms = clock.Elapsed.TotalMilliseconds;
        if (!report.Succeeded)
            throw new InvalidOperationException("The synthetic corpus did not validate: " + string.Join("; ", report.Diagnostics.Take(3)));
        result.Nodes = report.NodeCounts.Values.Sum();
        result.Relationships = report.RelationshipCounts.Values.Sum();
        result.Stances = report.RelationshipCounts.GetValueOrDefault("ENDORSES") + report.RelationshipCounts.GetValueOrDefault("CRITICIZES");
        result.DerivedRelationships = report.RelationshipCounts.GetValueOrDefault("AGREES_WITH") + report.RelationshipCounts.GetValueOrDefault("DISAGREES_WITH");
        var network = report.Network;
        result.NetworkNote = network.ClaimsLeftOut == 0
            ? $"AGREES/DISAGREES_WITH derived through every claim: {network.Pairs:N0} pairs"
            : $"AGREES/DISAGREES_WITH derived through the {network.ClaimsUsed:N0} claims with at most {network.MaxClaimParticipants:N0} participants " +
              $"({network.Pairs:N0} pairs; the largest that fits --ingestion-budget {networkBudget:N0}), leaving out {network.ClaimsLeftOut:N0}";
        log.WriteLine($"  ingestion: {result.Nodes:N0} nodes, {result.Relationships:N0} relationships in {result.Ms:N0} ms");

        clock.Restart();
        var reload = await new GraphLoader(driver).LoadAsync(directory, new IngestionOptions
        {
            BatchSize = 10_000,
            Network = new NetworkLimits { PairBudget = networkBudget, FitToBudget = true },
        });
        result.ReloadMs = clock.Elapsed.TotalMilliseconds;
        result.ReloadRowsWritten = reload.RowsWritten;
        result.ReloadMode = reload.Mode.ToString().ToLowerInvariant();
        log.WriteLine($"  ingestion: unchanged reload in {result.ReloadMs:N0} ms ({result.ReloadMode}), {reload.RowsWritten:N0} rows written");

        result.StanceSaves = await StanceSaves.RunAsync(driver, directory, log);

        result.QueryLibrary = await QueryLibrarySide.RunAsync(driver, shape.Experts, runs, budgetMs, log);
        result.PeakWorkingSetMb = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
        return result;
    }
}
