using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

/// <summary>A claim with both endorsers and critics. Evenness = 1 - |e - c| / (e + c): 1 for an even split.</summary>
public sealed record ContestedClaim(string ClaimId, string Text, string? Topic, IReadOnlyList<string> Endorsers, IReadOnlyList<string> Critics)
{
    public int Volume => Endorsers.Count + Critics.Count;
    public double Evenness => 1.0 - Math.Abs(Endorsers.Count - Critics.Count) / (double)Volume;
}

public static class ContestedClaims
{
    /// <summary>Most evenly split first, ties by volume, then claim id (the order of cypher/queries/contested-claims.cypher).</summary>
    public static IReadOnlyList<ContestedClaim> Rank(IEnumerable<ContestedClaim> claims) => claims
        .Where(c => c.Endorsers.Count > 0 && c.Critics.Count > 0)
        .OrderByDescending(c => c.Evenness).ThenByDescending(c => c.Volume).ThenBy(c => c.ClaimId, StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<ContestedClaim> From(DiscourseSnapshot snapshot) => Rank(
        snapshot.Stances.GroupBy(s => s.ClaimId).Select(g =>
        {
            var claim = snapshot.Claims[g.Key];
            return new ContestedClaim(claim.Id, claim.Text, claim.Topic,
                g.Where(s => s.Polarity == Polarity.Endorses).Select(s => s.ExpertId).Order(StringComparer.Ordinal).ToList(),
                g.Where(s => s.Polarity == Polarity.Criticizes).Select(s => s.ExpertId).Order(StringComparer.Ordinal).ToList());
        }));
}

/// <summary>Polarization of a set of claims: see <see cref="Polarization.Of"/>.</summary>
public sealed record PolarizationScore(string Scope, int Claims, int PairsOnSameClaim, int OpposedPairs)
{
    public double Score => PairsOnSameClaim == 0 ? 0 : OpposedPairs / (double)PairsOnSameClaim;
}

public static class Polarization
{
    /// <summary>
    /// The probability that two experts who take a stance on the same claim take opposite stances:
    /// sum over claims of e*c divided by the sum over claims of (e+c)(e+c-1)/2. 0 is consensus; a claim split
    /// evenly between many experts approaches 0.5 (1 for one endorser against one critic).
    /// </summary>
    public static PolarizationScore Of(string scope, IEnumerable<IGrouping<string, Stance>> stancesByClaim)
    {
        int claims = 0, pairs = 0, opposed = 0;
        foreach (var claim in stancesByClaim)
        {
            var e = claim.Count(s => s.Polarity == Polarity.Endorses);
            var c = claim.Count(s => s.Polarity == Polarity.Criticizes);
            claims++;
            pairs += (e + c) * (e + c - 1) / 2;
            opposed += e * c;
        }
        return new PolarizationScore(scope, claims, pairs, opposed);
    }

    /// <summary>The whole debate first, then one score per claim topic (by topic name).</summary>
    public static IReadOnlyList<PolarizationScore> ByTopic(DiscourseSnapshot snapshot)
    {
        var byClaim = snapshot.Stances.GroupBy(s => s.ClaimId).ToList();
        var result = new List<PolarizationScore> { Of("all claims", byClaim) };
        result.AddRange(byClaim
            .GroupBy(g => snapshot.Claims[g.Key].Topic ?? "(no topic)")
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => Of(t.Key, t)));
        return result;
    }
}
