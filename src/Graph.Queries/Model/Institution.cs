namespace Graph.Queries.Model;

public sealed record Institution(string Id, string Name, string? Acronym, string? Type, string? Country, string? Parent);
