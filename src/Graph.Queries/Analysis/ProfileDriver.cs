using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

/// <summary>What one stance contributes to a paradigm: polarity (+1 endorses, -1 criticizes) times the claim's alignment sign.</summary>
public sealed record ProfileDriver(string ExpertId, string ParadigmId, string ClaimId, Polarity Polarity, int AlignmentSign, string? Quote)
{
    public int Contribution => (int)Polarity * AlignmentSign;
}
