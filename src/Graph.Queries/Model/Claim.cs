namespace Graph.Queries.Model;

public sealed record Claim(string Id, string Text, string? Topic, IReadOnlyList<ParadigmAlignment> Paradigms);
