namespace Graph.Queries.Model;

/// <summary>
/// Which stances count when an expert speaks on one claim in several documents (docs/decisions.md, "Both stances
/// count"): every distinct (expert, claim, polarity) counts once, with or without a time window. Repeating a position
/// in a later document adds nothing; changing it makes the expert take both positions on the claim, agreeing with its
/// endorsers and its critics alike, as DNA aggregates statements and as the stored AGREES_WITH / DISAGREES_WITH are
/// derived (Graph.Ingestion NetworkPlan: the distinct stance types per expert and claim). A time window is how a
/// researcher sees one position without the other.
/// </summary>
public static class StanceRule
{
    public const string Name = "every distinct (expert, claim, polarity) counts once across documents";

    /// <summary>The stances that count: the first of each (expert, claim, polarity) in the given order.</summary>
    public static IEnumerable<Stance> Distinct(IEnumerable<Stance> stances) =>
        stances.DistinctBy(s => (s.ExpertId, s.ClaimId, s.Polarity));
}
