using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

/// <summary>One stance of an expert, seen from one paradigm group (AlignmentSign: +1 the claim supports the paradigm, -1 opposes, 0 unaligned).
/// The document it was coded in (<see cref="Document"/>) is named wherever the quote is shown.</summary>
public sealed record Position(string ClaimId, string Text, string? Topic, Polarity Polarity, string? Quote, string? Section, int AlignmentSign,
    double Confidence = 1.0, DocumentRef? Document = null);

/// <summary>A source document as a quote cites it: id, title and date (yyyy-MM-dd).</summary>
public sealed record DocumentRef(string Id, string? Title, string? Date);

/// <summary>The stances of an expert on claims aligned with one paradigm; ParadigmId null for the unaligned group.</summary>
public sealed record PositionGroup(string? ParadigmId, string Title, IReadOnlyList<Position> Positions);

public sealed record ExpertPositions(string ExpertId, string Name, IReadOnlyList<PositionGroup> Groups)
{
    /// <summary>Distinct claims the expert takes a stance on (a claim aligned with two paradigms shows in both groups).</summary>
    public int StanceCount => Groups.SelectMany(g => g.Positions).Select(p => p.ClaimId).Distinct().Count();
}

/// <summary>A row of cypher/queries/expert-positions.cypher.</summary>
public sealed record PositionRow(string ClaimId, string Text, string? Topic, Polarity Polarity, string? Quote, string? Section,
    string? ParadigmId, string? ParadigmName, int? Sign, double Confidence = 1.0, DocumentRef? Document = null);

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
        foreach (var stance in snapshot.StancesOf(expertId).Values)
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
