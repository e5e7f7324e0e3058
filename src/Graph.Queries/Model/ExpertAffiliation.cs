namespace Graph.Queries.Model;

public sealed record ExpertAffiliation(string InstitutionId, string Name, string? Acronym, string? Role);
