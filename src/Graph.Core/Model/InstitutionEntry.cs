namespace Graph.Core.Model;

public sealed record InstitutionEntry(
    string Id, string Name, string? Acronym, string Type, string? Country, EntityReference? Parent,
    string Field, SourceLocation Location) : IEntity;
