using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

public static class Allies
{
    /// <summary>
    /// Allies are experts whose signed score with <paramref name="expertId"/> is positive (more shared claims
    /// agreed than disagreed), ranked by DNA's subtract score (normalized congruence minus normalized conflict);
    /// opponents have a negative signed score and are ranked by the reverse (conflict minus congruence).
    /// Ties: the more extreme signed score first, then name.
    /// </summary>
    public static IReadOnlyList<AllyEntry> Rank(DiscourseSnapshot snapshot, string expertId, bool opponents, Normalization normalization) =>
        Rank(snapshot.Experts.Keys.Where(other => other != expertId)
            .Select(other => (snapshot.NameOf(other), PairAgreement.Compute(snapshot, expertId, other))), opponents, normalization);

    /// <summary>Ranks candidate pairs (name of the other expert, agreement with it).</summary>
    public static IReadOnlyList<AllyEntry> Rank(IEnumerable<(string Name, PairAgreement Pair)> candidates, bool opponents, Normalization normalization)
    {
        var pairs = candidates.ToDictionary(c => c.Pair.B, StringComparer.Ordinal);
        return Rank(pairs.Values.Select(c => new AllyCandidate(c.Pair.B, c.Name, c.Pair.Counts)), opponents, normalization)
            .Select(c => new AllyEntry(c.ExpertId, c.Name, Score(c, opponents, normalization), pairs[c.ExpertId].Pair))
            .ToList();
    }

    /// <summary>The candidates on the requested side, best first (see the ranking rule above).</summary>
    public static IReadOnlyList<AllyCandidate> Rank(IEnumerable<AllyCandidate> candidates, bool opponents, Normalization normalization)
    {
        var direction = opponents ? -1 : 1;
        return candidates
            .Where(c => c.Counts.SignedScore is { } s && Math.Sign(s) == direction)
            // Rounded so that 2/3 - 1/3 ranks level with 1/3.
            .OrderByDescending(c => Math.Round(Score(c, opponents, normalization), 9))
            .ThenByDescending(c => Math.Round(direction * c.Counts.SignedScore!.Value, 9))
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ThenBy(c => c.ExpertId, StringComparer.Ordinal)
            .ToList();
    }

    public static double Score(AllyCandidate candidate, bool opponents, Normalization normalization) =>
        (opponents ? -1 : 1) * candidate.Counts.Subtract(normalization);
}
