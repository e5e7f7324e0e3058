namespace Graph.Queries.Analysis;

/// <summary>A claim with both endorsers and critics. Evenness = 1 - |e - c| / (e + c): 1 for an even split.</summary>
public sealed record ContestedClaim(string ClaimId, string Text, string? Topic, IReadOnlyList<string> Endorsers, IReadOnlyList<string> Critics)
{
    public int Volume => Endorsers.Count + Critics.Count;
    public double Evenness => 1.0 - Math.Abs(Endorsers.Count - Critics.Count) / (double)Volume;
}
