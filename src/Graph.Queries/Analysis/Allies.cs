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
    public static IReadOnlyList<AllyEntry> Rank(DiscourseSnapshot snapshot, string expertId, bool opponents, Normalization normalization)
    {
        var direction = opponents ? -1 : 1;
        return snapshot.Experts.Keys
            .Where(other => other != expertId)
            .Select(other => PairAgreement.Compute(snapshot, expertId, other))
            .Where(pair => pair.SignedScore is { } s && Math.Sign(s) == direction)
            .Select(pair => new AllyEntry(pair.B, snapshot.NameOf(pair.B), direction * pair.Subtract(normalization), pair))
            // Rounded so that 2/3 - 1/3 ranks level with 1/3.
            .OrderByDescending(e => Math.Round(e.Score, 9))
            .ThenByDescending(e => Math.Round(direction * e.Evidence.SignedScore!.Value, 9))
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
    }
}
