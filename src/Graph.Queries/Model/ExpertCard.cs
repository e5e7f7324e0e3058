namespace Graph.Queries.Model;

/// <summary>An expert's card: who they are (cypher/queries/expert-detail.cypher).</summary>
public sealed record ExpertCard(
    string Id,
    string Name,
    string? Bio,
    string? Country,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Roles,
    IReadOnlyList<ExpertAffiliation> Affiliations,
    IReadOnlyList<ExpertSession> Sessions);

public sealed record ExpertAffiliation(string InstitutionId, string Name, string? Acronym, string? Role);

/// <summary>A session the expert spoke in (Role "SPOKE_IN") or moderated ("MODERATED").</summary>
public sealed record ExpertSession(string Id, string? Title, long? Number, string Role);
