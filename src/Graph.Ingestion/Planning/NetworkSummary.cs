namespace Graph.Ingestion.Planning;

/// <summary>What the derivation did: pairs derived and the claims it left out for having too many participants.</summary>
public sealed record NetworkSummary(long Pairs, int ClaimsUsed, int ClaimsLeftOut, IReadOnlyList<(string Claim, int Participants)> LargestLeftOut, int MaxClaimParticipants)
{
    /// <summary>Sum of n(n-1)/2 over the claims in the network (the bound the pair budget is checked against).</summary>
    public long PairEstimate { get; init; }

    public static NetworkSummary NotDerived { get; } = new(0, 0, 0, [], 0);
}
