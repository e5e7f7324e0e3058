namespace Graph.Queries.Model;

/// <summary>
/// The participant bound of a discourse network: claims with more participants (an expert per polarity) than
/// <see cref="MaxParticipants"/> tie no experts, since their pairs grow quadratically. The stored network is derived
/// with it by graph ingest (<c>--network-max-participants</c>, recorded in the store's manifest); a windowed analysis
/// derives its network with the same bound. <see cref="LeftOut"/> names the claims left out when they are known (a
/// window's), <see cref="LeftOutCount"/> counts them.
/// </summary>
public sealed record NetworkBound(int? MaxParticipants, long LeftOutCount, IReadOnlyList<(string Claim, int Participants)> LeftOut, string Scope)
{
    /// <summary>graph ingest's default (Graph.Ingestion's NetworkLimits.DefaultMaxClaimParticipants), for a store without a manifest.</summary>
    public const int DefaultMaxParticipants = 200;

    /// <summary>A sentence for the user when claims are left out, else null.</summary>
    public string? Note(Func<string, string>? claimText = null)
    {
        if (LeftOutCount == 0 || MaxParticipants is not { } max) return null;
        var examples = LeftOut.Count == 0 ? ""
            : ", e.g. " + string.Join(", ", LeftOut.Take(3).Select(c => FormattableString.Invariant($"{(claimText is null ? c.Claim : claimText(c.Claim))} ({c.Participants:N0})")));
        var plural = LeftOutCount == 1 ? "" : "s";
        return FormattableString.Invariant($"{Scope} leaves out {LeftOutCount:N0} claim{plural} with more than {max:N0} participants{examples}") +
               " (their pairs grow quadratically; graph ingest --network-max-participants sets the bound)";
    }
}
