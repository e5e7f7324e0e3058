using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

/// <summary>An ally or opponent, its score under the chosen normalization and the claims behind it.</summary>
public sealed record AllyEntry(string ExpertId, string Name, double Score, PairAgreement Evidence);

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

    /// <summary>Ranks candidate pairs (name of the other expert, agreement with it), given in id order.</summary>
    public static IReadOnlyList<AllyEntry> Rank(IEnumerable<(string Name, PairAgreement Pair)> candidates, bool opponents, Normalization normalization)
    {
        var direction = opponents ? -1 : 1;
        return candidates
            .Where(c => c.Pair.SignedScore is { } s && Math.Sign(s) == direction)
            .Select(c => new AllyEntry(c.Pair.B, c.Name, direction * c.Pair.Subtract(normalization), c.Pair))
            // Rounded so that 2/3 - 1/3 ranks level with 1/3.
            .OrderByDescending(e => Math.Round(e.Score, 9))
            .ThenByDescending(e => Math.Round(direction * e.Evidence.SignedScore!.Value, 9))
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
    }
}
