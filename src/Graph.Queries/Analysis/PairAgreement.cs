using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

/// <summary>
/// How two experts relate through the claims they both address. <see cref="SignedScore"/> is
/// (agreements - disagreements) / shared claims, in [-1, 1]; null when they share no claim.
/// </summary>
public sealed record PairAgreement(
    string A,
    string B,
    int ClaimsA,
    int ClaimsB,
    IReadOnlyList<SharedClaim> Shared)
{
    public IReadOnlyList<SharedClaim> BothEndorse => Shared.Where(c => c.StanceA == Polarity.Endorses && c.StanceB == Polarity.Endorses).ToList();
    public IReadOnlyList<SharedClaim> BothCriticize => Shared.Where(c => c.StanceA == Polarity.Criticizes && c.StanceB == Polarity.Criticizes).ToList();
    public IReadOnlyList<SharedClaim> Disagree => Shared.Where(c => !c.Agree).ToList();

    // Counted by claim: Shared has one entry per pair of positions, and an expert can hold both on a claim (StanceRule).
    public int Agreements => Shared.Where(c => c.Agree).Select(c => c.ClaimId).Distinct().Count();
    public int Disagreements => Shared.Where(c => !c.Agree).Select(c => c.ClaimId).Distinct().Count();
    public int SharedClaims => Shared.Select(c => c.ClaimId).Distinct().Count();
    public bool NothingInCommon => Shared.Count == 0;

    /// <summary>The numbers every score is computed from.</summary>
    public PairCounts Counts => new(Agreements, Disagreements, ClaimsA, ClaimsB, SharedClaims);

    public double? SignedScore => Counts.SignedScore;
    public double Congruence(Normalization n) => Counts.Congruence(n);
    public double Conflict(Normalization n) => Counts.Conflict(n);

    /// <summary>DNA's subtract network: congruence minus conflict, each normalized.</summary>
    public double Subtract(Normalization n) => Counts.Subtract(n);

    /// <summary>Computes the agreement of two experts from their stances (claim id to the stances on it).</summary>
    public static PairAgreement Compute(
        string a, IReadOnlyDictionary<string, IReadOnlyList<Stance>> stancesA,
        string b, IReadOnlyDictionary<string, IReadOnlyList<Stance>> stancesB,
        Func<string, string> claimText)
    {
        var shared = (
            from c in stancesA.Keys.Where(stancesB.ContainsKey).Order(StringComparer.Ordinal)
            from x in stancesA[c]
            from y in stancesB[c]
            select new SharedClaim(c, claimText(c), x.Polarity, x.Quote, y.Polarity, y.Quote)).ToList();
        return new PairAgreement(a, b, stancesA.Count, stancesB.Count, shared);
    }

    public static PairAgreement Compute(DiscourseSnapshot snapshot, string a, string b) =>
        Compute(a, snapshot.StancesOf(a), b, snapshot.StancesOf(b),
            c => snapshot.Claims.TryGetValue(c, out var claim) ? claim.Text : c);
}
