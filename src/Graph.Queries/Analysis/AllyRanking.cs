namespace Graph.Queries.Analysis;

/// <summary>The best allies or opponents with their evidence, and how many there are in all.</summary>
public sealed record AllyRanking(IReadOnlyList<AllyEntry> Entries, int Total);
