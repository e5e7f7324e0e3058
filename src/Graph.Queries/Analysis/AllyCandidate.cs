namespace Graph.Queries.Analysis;

/// <summary>One candidate scored from counts alone, before its evidence is read.</summary>
public sealed record AllyCandidate(string ExpertId, string Name, PairCounts Counts);
