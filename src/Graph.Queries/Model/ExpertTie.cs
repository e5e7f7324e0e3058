namespace Graph.Queries.Model;

/// <summary>A derived AGREES_WITH or DISAGREES_WITH relationship: stored once per pair, read undirected.</summary>
public sealed record ExpertTie(string A, string B, TieKind Kind, int Weight, IReadOnlyList<string> Claims);
