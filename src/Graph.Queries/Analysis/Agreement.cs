using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

/// <summary>
/// Edge-weight normalizations of the Discourse Network Analyzer (Leifeld) for one-mode actor networks.
/// With x the raw count (agreements for congruence, disagreements for conflict), n_a and n_b the numbers of
/// distinct claims each expert takes a stance on and s the claims both take a stance on:
/// None = x; Average = x / ((n_a + n_b) / 2); Jaccard = x / (n_a + n_b - s) (the union of their claims);
/// Cosine = x / sqrt(n_a * n_b).
/// </summary>
public enum Normalization
{
    None,
    Average,
    Jaccard,
    Cosine,
}

public static class NormalizationNames
{
    public static bool TryParse(string text, out Normalization normalization) =>
        Enum.TryParse(text, ignoreCase: true, out normalization) && Enum.IsDefined(normalization);

    public static string Name(this Normalization n) => n.ToString().ToLowerInvariant();

    /// <summary>The normalization in plain words, for captions and hovers.</summary>
    public static string Explain(Normalization n) => n switch
    {
        Normalization.None => "none (raw counts of claims)",
        Normalization.Average => "average (claims agreed on minus claims disagreed on, divided by the mean number of claims the two address)",
        Normalization.Jaccard => "Jaccard (claims agreed on minus claims disagreed on, divided by the claims either of the two addresses)",
        _ => "cosine (claims agreed on minus claims disagreed on, divided by the geometric mean of the claims each addresses)",
    };
}

/// <summary>One claim both experts take a stance on, with each one's polarity and quote.</summary>
public sealed record SharedClaim(string ClaimId, string Text, Polarity StanceA, string? QuoteA, Polarity StanceB, string? QuoteB)
{
    public bool Agree => StanceA == StanceB;
}

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

/// <summary>
/// Agreements and disagreements of two experts and the number of claims each takes a stance on: enough to score the
/// pair under every normalization without the claims themselves (ranking thousands of candidates cheaply).
/// </summary>
public readonly record struct PairCounts(int Agreements, int Disagreements, int ClaimsA, int ClaimsB)
{
    public int Shared => Agreements + Disagreements;

    /// <summary>(agreements - disagreements) / shared claims, in [-1, 1]; null when they share no claim.</summary>
    public double? SignedScore => Shared == 0 ? null : (Agreements - Disagreements) / (double)Shared;

    public double Congruence(Normalization n) => Normalize(Agreements, n);
    public double Conflict(Normalization n) => Normalize(Disagreements, n);
    public double Subtract(Normalization n) => Congruence(n) - Conflict(n);

    private double Normalize(int count, Normalization n)
    {
        if (count == 0) return 0;
        return n switch
        {
            Normalization.None => count,
            Normalization.Average => count / ((ClaimsA + ClaimsB) / 2.0),
            Normalization.Jaccard => count / (double)(ClaimsA + ClaimsB - Shared),
            Normalization.Cosine => count / Math.Sqrt((double)ClaimsA * ClaimsB),
            _ => throw new ArgumentOutOfRangeException(nameof(n)),
        };
    }
}
