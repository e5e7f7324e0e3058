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

    public int Agreements => Shared.Count(c => c.Agree);
    public int Disagreements => Shared.Count(c => !c.Agree);
    public bool NothingInCommon => Shared.Count == 0;

    /// <summary>The four numbers every score is computed from.</summary>
    public PairCounts Counts => new(Agreements, Disagreements, ClaimsA, ClaimsB);

    public double? SignedScore => Counts.SignedScore;
    public double Congruence(Normalization n) => Counts.Congruence(n);
    public double Conflict(Normalization n) => Counts.Conflict(n);

    /// <summary>DNA's subtract network: congruence minus conflict, each normalized.</summary>
    public double Subtract(Normalization n) => Counts.Subtract(n);

    /// <summary>Computes the agreement of two experts from their stances (claim id to stance).</summary>
    public static PairAgreement Compute(
        string a, IReadOnlyDictionary<string, Stance> stancesA,
        string b, IReadOnlyDictionary<string, Stance> stancesB,
        Func<string, string> claimText)
    {
        var shared = stancesA.Keys.Where(stancesB.ContainsKey).Order(StringComparer.Ordinal)
            .Select(c => new SharedClaim(c, claimText(c), stancesA[c].Polarity, stancesA[c].Quote, stancesB[c].Polarity, stancesB[c].Quote))
            .ToList();
        return new PairAgreement(a, b, stancesA.Count, stancesB.Count, shared);
    }

    public static PairAgreement Compute(DiscourseSnapshot snapshot, string a, string b) =>
        Compute(a, snapshot.StancesOf(a), b, snapshot.StancesOf(b),
            c => snapshot.Claims.TryGetValue(c, out var claim) ? claim.Text : c);
}
