namespace Graph.Queries.Analysis;

/// <summary>The stances of an expert on claims aligned with one paradigm; ParadigmId null for the unaligned group.</summary>
public sealed record PositionGroup(string? ParadigmId, string Title, IReadOnlyList<Position> Positions);
