namespace Graph.Queries.Model;

/// <summary>One claim with its alignments, related claims and every stance on it (cypher/queries/claim-detail.cypher).</summary>
public sealed record ClaimDetail(
    string Id,
    string Text,
    string? Topic,
    IReadOnlyList<ClaimParadigm> Paradigms,
    IReadOnlyList<ClaimRelation> Relations,
    IReadOnlyList<ClaimStance> Stances);

/// <summary>A paradigm the claim supports (Sign +1) or opposes (-1).</summary>
public sealed record ClaimParadigm(string Id, string Name, int Sign);

/// <summary>"supports", "contradicts", or the same with " (inverse)" when the other claim is the subject.</summary>
public sealed record ClaimRelation(string Kind, string ClaimId, string Text);

public sealed record ClaimStance(string ExpertId, string Name, Polarity Polarity, string? Quote, string? Section, long? Line, double Confidence, string? Note,
    Analysis.DocumentRef? Document = null);

/// <summary>A claim with how many experts endorse and criticize it.</summary>
public sealed record ClaimSummary(string Id, string Text, string? Topic, int Endorsers, int Critics)
{
    public bool Contested => Endorsers > 0 && Critics > 0;
}
