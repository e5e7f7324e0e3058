using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

public static class PositionGrouping
{
    public const string UnalignedTitle = "unaligned";

    /// <summary>Groups stance rows by paradigm (ordered by paradigm id), unaligned claims last.</summary>
    public static ExpertPositions Group(string expertId, string name, IEnumerable<PositionRow> rows)
    {
        var list = rows.ToList();
        var groups = list.Where(r => r.ParadigmId is not null)
            .GroupBy(r => r.ParadigmId!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PositionGroup(g.Key, g.First().ParadigmName ?? g.Key, ToPositions(g)))
            .ToList();
        var unaligned = list.Where(r => r.ParadigmId is null).ToList();
        if (unaligned.Count > 0) groups.Add(new PositionGroup(null, UnalignedTitle, ToPositions(unaligned)));
        return new ExpertPositions(expertId, name, groups);
    }

    private static List<Position> ToPositions(IEnumerable<PositionRow> rows) => rows
        // One position per claim and document: the same expert may speak on a claim in several documents.
        .DistinctBy(r => (r.ClaimId, r.Document?.Id))
        .OrderBy(r => r.ClaimId, StringComparer.Ordinal).ThenBy(r => r.Document?.Date, StringComparer.Ordinal)
        .Select(r => new Position(r.ClaimId, r.Text, r.Topic, r.Polarity, r.Quote, r.Section, r.Sign ?? 0, r.Confidence, r.Document))
        .ToList();

    /// <summary>The same rows built from a snapshot (for callers that already hold one).</summary>
    public static IEnumerable<PositionRow> RowsFrom(DiscourseSnapshot snapshot, string expertId)
    {
        foreach (var stance in snapshot.StancesOf(expertId).Values.SelectMany(s => s))
        {
            var claim = snapshot.Claims[stance.ClaimId];
            if (claim.Paradigms.Count == 0)
                yield return new PositionRow(claim.Id, claim.Text, claim.Topic, stance.Polarity, stance.Quote, stance.Section, null, null, null, stance.Confidence);
            foreach (var a in claim.Paradigms)
                yield return new PositionRow(claim.Id, claim.Text, claim.Topic, stance.Polarity, stance.Quote, stance.Section,
                    a.ParadigmId, snapshot.Paradigms.TryGetValue(a.ParadigmId, out var p) ? p.Name : a.ParadigmId, a.Sign, stance.Confidence);
        }
    }
}
