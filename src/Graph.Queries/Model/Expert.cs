namespace Graph.Queries.Model;

public sealed record Expert(
    string Id,
    string Name,
    IReadOnlyList<string> Aliases,
    string? Country,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Institutions);
