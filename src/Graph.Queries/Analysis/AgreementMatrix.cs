using Graph.Queries.Algorithms;
using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

/// <summary>
/// Experts x experts signed agreement, ordered by community (largest first) so that camps show as blocks on the
/// diagonal and disputes as off-diagonal blocks. A cell's score is the allies score: normalized congruence minus
/// normalized conflict under <see cref="Normalization"/> (positive: they agree more than they disagree). Only pairs
/// with a shared claim have a cell; experts who share no claim with anyone are listed in <see cref="Unmatched"/>.
/// </summary>
public sealed record AgreementMatrix(
    Normalization Normalization,
    IReadOnlyList<string> Order,
    IReadOnlyList<int> Community,
    IReadOnlyList<MatrixCell> Cells,
    IReadOnlyList<string> Unmatched)
{
    public static AgreementMatrix Build(DiscourseSnapshot snapshot, SignedNetwork network, ClusterReport report, Normalization normalization)
    {
        var communityOf = report.CommunityOf();
        var claimsOf = snapshot.Experts.Keys.ToDictionary(id => id, id => snapshot.StancesOf(id).Count, StringComparer.Ordinal);
        // Within a community, the most agreeing members first: the block's dense corner is its core.
        var inside = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in network.Pairs)
            if (communityOf.TryGetValue(pair.A, out var ca) && communityOf.TryGetValue(pair.B, out var cb) && ca == cb)
            {
                inside[pair.A] = inside.GetValueOrDefault(pair.A) + pair.Net;
                inside[pair.B] = inside.GetValueOrDefault(pair.B) + pair.Net;
            }
        var order = communityOf.Keys
            .OrderBy(id => communityOf[id]).ThenByDescending(id => inside.GetValueOrDefault(id))
            .ThenBy(snapshot.NameOf, StringComparer.Ordinal).ThenBy(id => id, StringComparer.Ordinal)
            .ToList();
        var index = order.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var cells = network.Pairs
            .Where(p => index.ContainsKey(p.A) && index.ContainsKey(p.B))
            .Select(p =>
            {
                var (a, b) = index[p.A] < index[p.B] ? (p.A, p.B) : (p.B, p.A);
                var counts = new PairCounts(p.Agreements, p.Disagreements, claimsOf.GetValueOrDefault(a), claimsOf.GetValueOrDefault(b));
                return new MatrixCell(index[a], index[b], counts, counts.Subtract(normalization), p.AgreeClaims, p.DisagreeClaims);
            })
            .OrderBy(c => c.Row).ThenBy(c => c.Column)
            .ToList();
        var unmatched = snapshot.Experts.Keys.Where(id => !index.ContainsKey(id)).ToList();
        return new AgreementMatrix(normalization, order, order.Select(id => communityOf[id]).ToList(), cells, unmatched);
    }
}
