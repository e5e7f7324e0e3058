using Graph.Queries.Model;
using QuikGraph;

namespace Graph.Queries.Algorithms;

/// <summary>
/// The expert-to-expert discourse network (DNA congruence and conflict) as one undirected graph per pair,
/// from the derived AGREES_WITH / DISAGREES_WITH relationships. Pairs are keyed with the smaller id first.
/// </summary>
public sealed class SignedNetwork
{
    private readonly SortedDictionary<(string A, string B), TieEvidence> _pairs;

    private SignedNetwork(IReadOnlyList<string> experts, SortedDictionary<(string, string), TieEvidence> pairs)
    {
        Experts = experts;
        _pairs = pairs;
    }

    /// <summary>All experts (including those without ties), ordered by id.</summary>
    public IReadOnlyList<string> Experts { get; }

    public IEnumerable<TieEvidence> Pairs => _pairs.Values;

    public TieEvidence? Between(string a, string b) =>
        _pairs.TryGetValue(Key(a, b), out var tie) ? tie : null;

    public static SignedNetwork FromTies(IEnumerable<string> experts, IEnumerable<ExpertTie> ties)
    {
        var agree = new Dictionary<(string, string), List<string>>();
        var disagree = new Dictionary<(string, string), List<string>>();
        foreach (var tie in ties)
        {
            if (tie.A == tie.B) continue;
            var target = tie.Kind == TieKind.Agreement ? agree : disagree;
            var key = Key(tie.A, tie.B);
            if (!target.TryGetValue(key, out var claims)) target[key] = claims = [];
            // Older data may carry only a weight; keep the count right even without claim ids.
            claims.AddRange(tie.Claims.Count > 0 ? tie.Claims : Enumerable.Repeat("?", tie.Weight));
        }
        return Build(experts, agree, disagree);
    }

    /// <summary>Derives the network from stances directly (what ingestion stores as AGREES_WITH / DISAGREES_WITH).</summary>
    /// <param name="maxParticipants">
    /// The stored network's bound (<see cref="NetworkBound"/>): a claim with more participants (stances, one per expert
    /// and polarity) ties no one, as in the stored network; null: no bound.
    /// </param>
    public static SignedNetwork FromStances(DiscourseSnapshot snapshot, int? maxParticipants = null)
    {
        var agree = new Dictionary<(string, string), List<string>>();
        var disagree = new Dictionary<(string, string), List<string>>();
        foreach (var byClaim in snapshot.Stances.GroupBy(s => s.ClaimId))
        {
            var stances = byClaim.OrderBy(s => s.ExpertId, StringComparer.Ordinal).ToList();
            if (stances.Count > maxParticipants) continue;
            for (var i = 0; i < stances.Count; i++)
            for (var j = i + 1; j < stances.Count; j++)
            {
                if (stances[i].ExpertId == stances[j].ExpertId) continue;   // one expert's two positions (StanceRule)
                var target = stances[i].Polarity == stances[j].Polarity ? agree : disagree;
                var key = Key(stances[i].ExpertId, stances[j].ExpertId);
                if (!target.TryGetValue(key, out var claims)) target[key] = claims = [];
                claims.Add(byClaim.Key);
            }
        }
        return Build(snapshot.Experts.Keys, agree, disagree);
    }

    /// <summary>The claims with more participants (stances, one per expert and polarity) than <paramref name="maxParticipants"/>, most first.</summary>
    public static IReadOnlyList<(string Claim, int Participants)> ClaimsAbove(DiscourseSnapshot snapshot, int maxParticipants) =>
        snapshot.Stances.GroupBy(s => s.ClaimId).Select(g => (Claim: g.Key, Participants: g.Count())).Where(c => c.Participants > maxParticipants)
            .OrderByDescending(c => c.Participants).ThenBy(c => c.Claim, StringComparer.Ordinal).ToList();

    private static SignedNetwork Build(IEnumerable<string> experts, Dictionary<(string, string), List<string>> agree, Dictionary<(string, string), List<string>> disagree)
    {
        var pairs = new SortedDictionary<(string, string), TieEvidence>(PairComparer.Instance);
        foreach (var key in agree.Keys.Union(disagree.Keys))
        {
            pairs[key] = new TieEvidence(key.Item1, key.Item2,
                agree.TryGetValue(key, out var a) ? a.Distinct().Order(StringComparer.Ordinal).ToList() : [],
                disagree.TryGetValue(key, out var d) ? d.Distinct().Order(StringComparer.Ordinal).ToList() : []);
        }
        var nodes = experts.Concat(pairs.Keys.SelectMany(k => new[] { k.Item1, k.Item2 }))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        return new SignedNetwork(nodes, pairs);
    }

    /// <summary>The QuikGraph view of one mode of the network; each edge carries its evidence.</summary>
    public UndirectedGraph<string, TaggedUndirectedEdge<string, TieEvidence>> ToGraph(NetworkMode mode)
    {
        var graph = new UndirectedGraph<string, TaggedUndirectedEdge<string, TieEvidence>>(allowParallelEdges: false);
        graph.AddVertexRange(Experts);
        foreach (var tie in _pairs.Values)
        {
            var include = mode switch
            {
                NetworkMode.Agreement => tie.Agreements > 0,
                NetworkMode.Disagreement => tie.Disagreements > 0,
                _ => tie.Net != 0,
            };
            if (include) graph.AddEdge(new TaggedUndirectedEdge<string, TieEvidence>(tie.A, tie.B, tie));
        }
        return graph;
    }

    private static (string, string) Key(string a, string b) =>
        string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    private sealed class PairComparer : IComparer<(string, string)>
    {
        public static readonly PairComparer Instance = new();

        public int Compare((string, string) x, (string, string) y)
        {
            var first = string.CompareOrdinal(x.Item1, y.Item1);
            return first != 0 ? first : string.CompareOrdinal(x.Item2, y.Item2);
        }
    }
}
