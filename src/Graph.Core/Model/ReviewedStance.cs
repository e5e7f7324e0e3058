namespace Graph.Core.Model;

/// <summary>
/// One coder's stance a review names: the coder and the stance's identity in their coding (expert, claim), and the
/// fingerprint of the coding the reviewer saw (<see cref="Agreement.StanceFingerprint"/>; null in reviews written
/// before fingerprints were recorded).
/// </summary>
public sealed record ReviewedStance(string Coder, string Expert, string Claim, string Field, SourceLocation Location, string? Seen = null)
{
    public override string ToString() => $"{Coder}'s stance of {Expert} on {Claim}";
}
