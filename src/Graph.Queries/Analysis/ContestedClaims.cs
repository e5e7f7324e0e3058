using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

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
