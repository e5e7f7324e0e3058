namespace Graph.Queries.Analysis;

/// <summary>
/// Agreements and disagreements of two experts and the number of claims each takes a stance on: enough to score the
/// pair under every normalization without the claims themselves (ranking thousands of candidates cheaply).
/// A claim on which one of them took both positions (<see cref="Model.StanceRule"/>) can count as an agreement and a
/// disagreement at once, so <paramref name="SharedClaims"/> (the claims they share) is given when it differs from
/// their sum.
/// </summary>
public readonly record struct PairCounts(int Agreements, int Disagreements, int ClaimsA, int ClaimsB, int? SharedClaims = null)
{
    /// <summary>The claims both take a stance on.</summary>
    public int Shared => SharedClaims ?? Agreements + Disagreements;

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
