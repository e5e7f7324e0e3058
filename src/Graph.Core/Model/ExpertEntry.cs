namespace Graph.Core.Model;

public sealed record ExpertEntry(
    string Id, string Name, IReadOnlyList<string> Aliases, string? Country, string? Bio,
    IReadOnlyList<string> Roles, IReadOnlyList<Affiliation> Affiliations,
    string Field, SourceLocation Location) : IEntity;
