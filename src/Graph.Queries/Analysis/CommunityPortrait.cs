using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

/// <summary>The communities of a debate, each described, the fault lines between them, and who was left out.</summary>
public sealed record CommunityPortrait(
    ClusterReport Report,
    IReadOnlyList<CommunitySummary> Communities,
    IReadOnlyList<FaultLine> FaultLines,
    IReadOnlyList<string> Unclustered);
