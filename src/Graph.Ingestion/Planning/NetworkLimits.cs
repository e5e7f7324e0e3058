namespace Graph.Ingestion.Planning;

/// <summary>
/// How much of the discourse network a load derives. The congruence / conflict projection links every two experts
/// who take a stance on the same claim, so a claim with n participants alone yields n(n-1)/2 pairs: one claim taken
/// up by 10,000 experts makes 50 million. Claims with more than <see cref="MaxClaimParticipants"/> participants are
/// therefore left out of the stored network (they say little about who agrees with whom and would swamp it; the
/// report lists them, and shared positions and allies still read them from the stances). <see cref="PairBudget"/>
/// is the safety net: a load whose network would exceed it fails before writing anything, naming the fixes.
/// </summary>
public sealed record NetworkLimits
{
    public const int DefaultMaxClaimParticipants = 200;
    public const long DefaultPairBudget = 5_000_000;

    public int MaxClaimParticipants { get; init; } = DefaultMaxClaimParticipants;
    public long PairBudget { get; init; } = DefaultPairBudget;

    /// <summary>
    /// Instead of failing above the budget, lower <see cref="MaxClaimParticipants"/> to the largest limit whose
    /// network fits (for benchmarks and exploratory loads of corpora whose shape is not known in advance).
    /// </summary>
    public bool FitToBudget { get; init; }

    public static NetworkLimits Default { get; } = new();
    public static NetworkLimits Unbounded { get; } = new() { MaxClaimParticipants = int.MaxValue, PairBudget = long.MaxValue };
}
