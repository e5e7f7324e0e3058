namespace Graph.Queries.Model;

/// <summary>
/// The whole discourse network in memory: experts, claims, stances and derived ties. The debates this product
/// reads have tens of experts and hundreds of stances, so whole-network analyses (allies, clusters, exports)
/// load it once through Cypher and compute in memory. Collections are ordered by id so results are deterministic.
/// </summary>
public sealed class DiscourseSnapshot
{
    public DiscourseSnapshot(
        IEnumerable<Expert> experts,
        IEnumerable<Institution> institutions,
        IEnumerable<Paradigm> paradigms,
        IEnumerable<Claim> claims,
        IEnumerable<Stance> stances,
        IEnumerable<ExpertTie>? ties = null)
    {
        Experts = ById(experts, e => e.Id);
        Institutions = ById(institutions, i => i.Id);
        Paradigms = ById(paradigms, p => p.Id);
        Claims = ById(claims, c => c.Id);
        // What counts is (expert, claim, polarity) (docs/decisions.md, "Both stances count"): the same polarity in two
        // documents counts once, opposite ones both count (the expert is ambivalent on the claim).
        Stances = StanceRule.Distinct(stances)
            .OrderBy(s => s.ExpertId, StringComparer.Ordinal).ThenBy(s => s.ClaimId, StringComparer.Ordinal).ThenBy(s => s.Polarity).ToList();
        Ties = (ties ?? []).ToList();
        StancesByExpert = Stances.GroupBy(s => s.ExpertId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, IReadOnlyList<Stance>>)g.GroupBy(s => s.ClaimId)
                .ToDictionary(c => c.Key, c => (IReadOnlyList<Stance>)c.ToList(), StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, Expert> Experts { get; }
    public IReadOnlyDictionary<string, Institution> Institutions { get; }
    public IReadOnlyDictionary<string, Paradigm> Paradigms { get; }
    public IReadOnlyDictionary<string, Claim> Claims { get; }
    public IReadOnlyList<Stance> Stances { get; }
    public IReadOnlyList<ExpertTie> Ties { get; }
    /// <summary>Per expert, per claim: their stances on it (one per polarity; two when they changed their position).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<Stance>>> StancesByExpert { get; }

    public bool IsEmpty => Experts.Count == 0 && Claims.Count == 0;

    /// <summary>An expert's stances by claim (Count is the number of claims they take a stance on).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Stance>> StancesOf(string expertId) =>
        StancesByExpert.TryGetValue(expertId, out var s) ? s : new Dictionary<string, IReadOnlyList<Stance>>();

    public string NameOf(string expertId) => Experts.TryGetValue(expertId, out var e) ? e.Name : expertId;

    /// <summary>Experts affiliated with the institution or with any institution PART_OF it (transitively).</summary>
    public IReadOnlyList<string> MembersOf(string institutionId)
    {
        var within = new HashSet<string>(StringComparer.Ordinal) { institutionId };
        bool grew;
        do
        {
            grew = false;
            foreach (var i in Institutions.Values)
                if (i.Parent is not null && within.Contains(i.Parent) && within.Add(i.Id)) grew = true;
        } while (grew);
        return Experts.Values.Where(e => e.Institutions.Any(within.Contains)).Select(e => e.Id).ToList();
    }

    private static IReadOnlyDictionary<string, T> ById<T>(IEnumerable<T> items, Func<T, string> id)
    {
        var map = new SortedDictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items) map.TryAdd(id(item), item);
        return map;
    }
}
