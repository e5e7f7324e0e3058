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
