namespace Graph.Queries.Model;

public sealed record Paradigm(string Id, string Name, string? Description);
