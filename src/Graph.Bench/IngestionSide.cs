using System.Diagnostics;
using Graph.Bench.Data;
using Graph.Core.Generation;
using Graph.Engine;
using Graph.Ingestion;

namespace Graph.Bench;

public sealed class IngestionResult
{
    public double GenerateMs { get; set; }
    public double Ms { get; set; }
    public long Nodes { get; set; }
    public long Relationships { get; set; }
    public long Stances { get; set; }
    public long DerivedRelationships { get; set; }
    /// <summary>False when the derivation was left out because it would visit too many pairs.</summary>
    public bool DerivedNetwork { get; set; }
    public string? NetworkNote { get; set; }
}

/// <summary>
/// The full ingestion pipeline (read YAML ► validate quotes ► plan ► batched MERGE ► derive AGREES_WITH and
/// DISAGREES_WITH) on a graph-data corpus of the same size and skew, written by Graph.Core's SyntheticCorpus.
/// </summary>
public static class IngestionSide
{
    /// <summary>
    /// The derivation step is quadratic in a claim's participants: above the budget the pipeline runs without it
    /// (IngestionOptions.DeriveNetwork = false), and the report says so.
    /// </summary>
    public static bool ShouldDerive(SyntheticDebate debate, long budget) => debate.ParticipantPairEstimate <= budget;

    public static async Task<IngestionResult> RunAsync(DebateShape shape, string directory, bool deriveNetwork, TextWriter log)
    {
        var result = new IngestionResult { DerivedNetwork = deriveNetwork };
        var clock = Stopwatch.StartNew();
        new SyntheticCorpus(new SyntheticCorpusOptions
        {
            Experts = shape.Experts, Claims = shape.Claims, Stances = shape.Stances, Seed = shape.Seed,
            Skew = (shape.ExpertSkew + shape.ClaimSkew) / 2,
        }).Write(directory);
        result.GenerateMs = clock.Elapsed.TotalMilliseconds;

        await using var driver = EmbeddedDriver.InMemory();
        clock.Restart();
        var report = await new GraphLoader(driver).LoadAsync(directory, new IngestionOptions { DeriveNetwork = deriveNetwork });
        result.Ms = clock.Elapsed.TotalMilliseconds;
        if (!report.Succeeded)
            throw new InvalidOperationException("The synthetic corpus did not validate: " + string.Join("; ", report.Diagnostics.Take(3)));
        result.Nodes = report.NodeCounts.Values.Sum();
        result.Relationships = report.RelationshipCounts.Values.Sum();
        result.Stances = report.RelationshipCounts.GetValueOrDefault("ENDORSES") + report.RelationshipCounts.GetValueOrDefault("CRITICIZES");
        result.DerivedRelationships = report.RelationshipCounts.GetValueOrDefault("AGREES_WITH") + report.RelationshipCounts.GetValueOrDefault("DISAGREES_WITH");
        log.WriteLine($"  ingestion: {result.Nodes:N0} nodes, {result.Relationships:N0} relationships in {result.Ms:N0} ms");
        return result;
    }
}
