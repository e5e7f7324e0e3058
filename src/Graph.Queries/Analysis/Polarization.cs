using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

public static class Polarization
{
    /// <summary>
    /// The probability that two experts who take a stance on the same claim take opposite stances:
    /// sum over claims of e*c divided by the sum over claims of (e+c)(e+c-1)/2. 0 is consensus; a claim split
    /// evenly between many experts approaches 0.5 (1 for one endorser against one critic). Pairs are of stances
    /// of two different experts: an expert who took both positions on a claim (StanceRule) is not opposed to themself.
    /// </summary>
    public static PolarizationScore Of(string scope, IEnumerable<IGrouping<string, Stance>> stancesByClaim)
    {
        int claims = 0, pairs = 0, opposed = 0;
        foreach (var claim in stancesByClaim)
        {
            var e = claim.Count(s => s.Polarity == Polarity.Endorses);
            var c = claim.Count(s => s.Polarity == Polarity.Criticizes);
            var ambivalent = claim.GroupBy(s => s.ExpertId).Count(g => g.Select(s => s.Polarity).Distinct().Count() > 1);
            claims++;
            pairs += (e + c) * (e + c - 1) / 2 - ambivalent;
            opposed += e * c - ambivalent;
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
