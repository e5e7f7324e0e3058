using Graph.Core.Model;

namespace Graph.Core.Agreement;

/// <summary>
/// Compares two coders' codings of a document the way reliability studies of discourse coding do: first the units
/// (which passages each coded: the overlap of the coded text, and units matched one to one where their passages
/// overlap, largest overlap first), then, on the matched units, agreement on who speaks (expert), about what (claim)
/// and with which polarity (endorses or criticizes), chance-corrected by Cohen's kappa and Krippendorff's alpha.
/// </summary>
public static class CodingAgreement
{
    public static readonly IReadOnlyList<string> VariableNames = ["expert", "claim", "polarity"];

    /// <summary>
    /// Each coder's coding of a document: their independent coding (codings/&lt;coder&gt;.yaml) where there is one,
    /// otherwise their stances in the coding that stands (stances.yaml).
    /// </summary>
    public static SortedDictionary<string, IReadOnlyList<StanceEntry>> CodingsOf(GraphDocument document)
    {
        var codings = new SortedDictionary<string, IReadOnlyList<StanceEntry>>(StringComparer.Ordinal);
        foreach (var (coder, stances) in document.Codings) codings[coder] = stances;
        foreach (var group in document.Stances.GroupBy(s => s.Coder))
            codings.TryAdd(group.Key, group.ToList());
        return codings;
    }

    /// <param name="reviews">The document's reviews: each disagreement they decide carries its decision (statistics are of the codings as coded, before review).</param>
    public static AgreementReport Compare(string document, string coderA, IEnumerable<StanceEntry> codingA, string coderB, IEnumerable<StanceEntry> codingB,
        IReadOnlyList<ReviewEntry>? reviews = null)
    {
        var a = codingA.Select(CodedUnit.Of).OfType<CodedUnit>().OrderBy(u => u.Start).ThenBy(u => u.Length).ToList();
        var b = codingB.Select(CodedUnit.Of).OfType<CodedUnit>().OrderBy(u => u.Start).ThenBy(u => u.Length).ToList();
        var matches = Match(a, b);

        var variables = new List<VariableAgreement>();
        foreach (var name in VariableNames)
        {
            var values = matches.Select(m => (Value(m.A, name), Value(m.B, name))).ToList();
            variables.Add(new VariableAgreement(name, values.Count, NominalAgreement.Observed(values),
                NominalAgreement.CohenKappa(values), NominalAgreement.KrippendorffAlpha(values)));
        }

        var disagreements = new List<Disagreement>();
        foreach (var (x, y) in matches)
        {
            var differing = VariableNames.Where(v => Value(x, v) != Value(y, v)).ToList();
            if (differing.Count > 0) disagreements.Add(new Disagreement("coded differently", x, y, differing));
        }
        var matchedA = matches.Select(m => m.A).ToHashSet();
        var matchedB = matches.Select(m => m.B).ToHashSet();
        disagreements.AddRange(a.Where(u => !matchedA.Contains(u)).Select(u => new Disagreement($"coded by {coderA} only", u, null, [])));
        disagreements.AddRange(b.Where(u => !matchedB.Contains(u)).Select(u => new Disagreement($"coded by {coderB} only", null, u, [])));
        disagreements.Sort((p, q) => (p.A ?? p.B)!.Start.CompareTo((q.A ?? q.B)!.Start));
        if (reviews is { Count: > 0 })
            for (var i = 0; i < disagreements.Count; i++)
                disagreements[i] = WithReview(disagreements[i], reviews);

        var coveredA = Covered(a);
        var coveredB = Covered(b);
        long both = Intersection(coveredA, coveredB);
        long lengthA = coveredA.Sum(r => (long)(r.End - r.Start)), lengthB = coveredB.Sum(r => (long)(r.End - r.Start));
        return new AgreementReport(document, coderA, coderB, a.Count, b.Count, matches.Count,
            lengthA, lengthB, both, lengthA + lengthB - both, variables, disagreements);
    }

    /// <summary>
    /// The review of exactly this unit, or else the reviews that decide each of its stances in other pairs; and the
    /// stances that changed since the deciding review's reviewer saw them (their 'seen' fingerprint).
    /// </summary>
    private static Disagreement WithReview(Disagreement d, IReadOnlyList<ReviewEntry> reviews)
    {
        var exact = reviews.FirstOrDefault(r => r.Decides(d.Stances));
        var deciding = new List<(CodedUnit Unit, ReviewEntry Review)>();
        foreach (var unit in d.Units)
        {
            var review = exact is not null && exact.Named.Any(n => Names(n, unit))
                ? exact
                : reviews.FirstOrDefault(r => r.Named.Any(n => Names(n, unit)));
            if (review is null) return d with { Review = exact };
            deciding.Add((unit, review));
        }
        var changed = new List<string>();
        foreach (var (unit, review) in deciding)
            if (review.Named.First(n => Names(n, unit)) is { Seen: { } seen } named && StanceFingerprint.Of(unit.Stance) is var now && now != seen)
                changed.Add($"{named} changed since the review at {review.Location} (seen {seen}, now {now})");
        return exact is not null
            ? d with { Review = exact, Changed = changed }
            : d with { DecidedElsewhere = deciding.Select(x => x.Review).Distinct().ToList(), Changed = changed };
    }

    private static bool Names(ReviewedStance named, CodedUnit unit) =>
        named.Coder == unit.Coder && named.Expert == unit.Expert && named.Claim == unit.Claim;

    private static string Value(CodedUnit unit, string variable) => variable switch
    {
        "expert" => unit.Expert,
        "claim" => unit.Claim,
        _ => unit.Polarity == StanceKind.Endorses ? "endorses" : "criticizes",
    };

    /// <summary>One-to-one matching of overlapping units: the pair with the largest overlap first (ties: earlier passage first).</summary>
    private static List<(CodedUnit A, CodedUnit B)> Match(List<CodedUnit> a, List<CodedUnit> b)
    {
        var candidates = new List<(int Overlap, int I, int J)>();
        for (var i = 0; i < a.Count; i++)
        for (var j = 0; j < b.Count; j++)
            if (a[i].Overlap(b[j]) is var overlap and > 0) candidates.Add((overlap, i, j));
        var usedA = new HashSet<int>();
        var usedB = new HashSet<int>();
        var matches = new List<(CodedUnit, CodedUnit)>();
        foreach (var (_, i, j) in candidates.OrderByDescending(c => c.Overlap).ThenBy(c => c.I).ThenBy(c => c.J))
        {
            if (usedA.Contains(i) || usedB.Contains(j)) continue;
            usedA.Add(i);
            usedB.Add(j);
            matches.Add((a[i], b[j]));
        }
        return matches.OrderBy(m => m.Item1.Start).ToList();
    }

    /// <summary>The coded text as disjoint ranges (a coder's overlapping units count their shared characters once).</summary>
    private static List<(int Start, int End)> Covered(List<CodedUnit> units)
    {
        var ranges = new List<(int Start, int End)>();
        foreach (var u in units.OrderBy(u => u.Start))
            if (ranges.Count > 0 && u.Start <= ranges[^1].End) ranges[^1] = (ranges[^1].Start, Math.Max(ranges[^1].End, u.End));
            else ranges.Add((u.Start, u.End));
        return ranges;
    }

    private static long Intersection(List<(int Start, int End)> x, List<(int Start, int End)> y)
    {
        long total = 0;
        int i = 0, j = 0;
        while (i < x.Count && j < y.Count)
        {
            total += Math.Max(0, Math.Min(x[i].End, y[j].End) - Math.Max(x[i].Start, y[j].Start));
            if (x[i].End < y[j].End) i++;
            else j++;
        }
        return total;
    }
}
