namespace Graph.Queries.Analysis;

/// <summary>One community in plain words: size, leaning, what it agrees on and where it splits from the others.</summary>
public sealed record CommunitySummary(
    int Number,
    IReadOnlyList<ClusterMember> Members,
    string? MainParadigm,
    string? MainParadigmName,
    CommunityConsensus? Consensus,
    FaultLine? SharpestSplit,
    string Caption);
