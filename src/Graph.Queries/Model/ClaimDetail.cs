namespace Graph.Queries.Model;

/// <summary>One claim with its alignments, related claims and every stance on it (cypher/queries/claim-detail.cypher).</summary>
public sealed record ClaimDetail(
    string Id,
    string Text,
    string? Topic,
    IReadOnlyList<ClaimParadigm> Paradigms,
    IReadOnlyList<ClaimRelation> Relations,
    IReadOnlyList<ClaimStance> Stances);
