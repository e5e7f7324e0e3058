using Graph.Bench.Data;

namespace Graph.Bench;

/// <summary>
/// The lower bound: the same questions hand-coded over plain arrays (CSR adjacency, a dictionary for ids, stamp
/// arrays instead of sets), in the same process. How far an engine is from this is the cost of being general.
/// </summary>
public sealed class ArrayBaseline
{
    private readonly SyntheticDebate _d;
    private readonly Dictionary<string, int> _expertById;
    private readonly Csr _stances;      // expert -> claims (value: 1 endorses, 0 criticizes)
    private readonly Csr _endorsers;    // claim -> experts that endorse it
    private readonly Csr _endorsed;     // expert -> claims it endorses
    private readonly Csr _agreements;   // expert <-> expert, undirected
    private readonly Csr _alignments;   // claim -> paradigm (value: sign)
    private readonly int[] _stampClaims;
    private readonly int[] _stampExperts;
    private readonly int[] _counts;
    private int _stamp;

    public ArrayBaseline(SyntheticDebate d)
    {
        _d = d;
        var n = d.Shape.Experts;
        _expertById = new Dictionary<string, int>(n);
        for (var e = 0; e < n; e++) _expertById[SyntheticDebate.ExpertId(e)] = e;
        var all = Enumerable.Range(0, d.StanceExpert.Length);
        var endorse = all.Where(s => d.StanceEndorses[s]).ToArray();
        _stances = Csr.Build(n, all.Select(s => (d.StanceExpert[s], d.StanceClaim[s], d.StanceEndorses[s] ? 1 : 0)));
        _endorsers = Csr.Build(d.Shape.Claims, endorse.Select(s => (d.StanceClaim[s], d.StanceExpert[s], 1)));
        _endorsed = Csr.Build(n, endorse.Select(s => (d.StanceExpert[s], d.StanceClaim[s], 1)));
        _agreements = Csr.Build(n, d.Agreements.SelectMany(a => new[] { (a.A, a.B, a.Weight), (a.B, a.A, a.Weight) }));
        _alignments = Csr.Build(d.Shape.Claims, d.Alignments.Select(a => (a.Claim, a.Paradigm, a.Sign)));
        _stampClaims = new int[d.Shape.Claims];
        _stampExperts = new int[n];
        _counts = new int[n];
    }

    /// <summary>The hand-coded counterpart of a workload, returning its row count; null when there is none.</summary>
    public Func<Dictionary<string, object?>, long>? For(string workload) => workload switch
    {
        "point lookup" => p => _expertById.TryGetValue((string)p["id"]!, out var e) && _d.ExpertCountry[e] >= 0 ? 1 : 0,
        "positions (1 hop)" => p => _stances.Count(_expertById[(string)p["id"]!]),
        "shared positions (2 hops)" => p => SharedPositions(_expertById[(string)p["a"]!], _expertById[(string)p["b"]!]),
        "shared positions, ends matched first" => p => SharedPositions(_expertById[(string)p["a"]!], _expertById[(string)p["b"]!]),
        "shortest path, ends matched first" => p => ShortestPath(_expertById[(string)p["a"]!], _expertById[(string)p["b"]!], 4) >= 0 ? 1 : 0,
        "top-10 allies (2 hops + agg)" => p => TopAllies(_expertById[(string)p["id"]!]),
        "shortest agreement path (≤4 hops)" => p => ShortestPath(_expertById[(string)p["a"]!], _expertById[(string)p["b"]!], 4) >= 0 ? 1 : 0,
        "agreement reach (var-length ≤2)" => p => Reach(_expertById[(string)p["id"]!]) >= 0 ? 1 : 0,
        "endorsements per claim (global)" => _ => EndorsementsPerClaim(),
        "stances per paradigm per institution" => _ => StancesPerParadigmPerInstitution(),
        "agreement network (materialize)" => _ => Network(),
        _ => null,
    };

    private int NextStamp() => ++_stamp;

    private long SharedPositions(int a, int b)
    {
        var stamp = NextStamp();
        for (var i = _stances.Start(a); i < _stances.End(a); i++) _stampClaims[_stances.Target[i]] = stamp;
        long rows = 0;
        for (var i = _stances.Start(b); i < _stances.End(b); i++)
            if (_stampClaims[_stances.Target[i]] == stamp) rows++;
        return rows;
    }

    private long TopAllies(int a)
    {
        var touched = new List<int>();
        for (var i = _endorsed.Start(a); i < _endorsed.End(a); i++)
        {
            var c = _endorsed.Target[i];
            for (var j = _endorsers.Start(c); j < _endorsers.End(c); j++)
            {
                var b = _endorsers.Target[j];
                if (b == a) continue;
                if (_counts[b]++ == 0) touched.Add(b);
            }
        }
        var top = touched.OrderByDescending(b => _counts[b]).ThenBy(b => b).Take(10).Count();
        foreach (var b in touched) _counts[b] = 0;
        return top;
    }

    /// <summary>Bidirectional is not needed at 4 hops: a plain BFS that stops at the target.</summary>
    private int ShortestPath(int a, int b, int maxHops)
    {
        var stamp = NextStamp();
        var frontier = new List<int> { a };
        _stampExperts[a] = stamp;
        for (var depth = 1; depth <= maxHops && frontier.Count > 0; depth++)
        {
            var next = new List<int>();
            foreach (var x in frontier)
                for (var i = _agreements.Start(x); i < _agreements.End(x); i++)
                {
                    var y = _agreements.Target[i];
                    if (y == b) return depth;
                    if (_stampExperts[y] == stamp) continue;
                    _stampExperts[y] = stamp;
                    next.Add(y);
                }
            frontier = next;
        }
        return -1;
    }

    private int Reach(int a)
    {
        var stamp = NextStamp();
        _stampExperts[a] = stamp;
        var reach = 0;
        var frontier = new List<int> { a };
        for (var depth = 1; depth <= 2; depth++)
        {
            var next = new List<int>();
            foreach (var x in frontier)
                for (var i = _agreements.Start(x); i < _agreements.End(x); i++)
                {
                    var y = _agreements.Target[i];
                    if (_stampExperts[y] == stamp) continue;
                    _stampExperts[y] = stamp;
                    reach++;
                    next.Add(y);
                }
            frontier = next;
        }
        return reach;
    }

    private long EndorsementsPerClaim()
    {
        var counts = new int[_d.Shape.Claims];
        for (var e = 0; e < _d.Shape.Experts; e++)
            for (var i = _endorsed.Start(e); i < _endorsed.End(e); i++) counts[_endorsed.Target[i]]++;
        return counts.Count(c => c > 0);
    }

    private long StancesPerParadigmPerInstitution()
    {
        // key: institution, paradigm, polarity, sign
        var counts = new int[_d.Shape.Institutions * 3 * 2 * 2];
        for (var e = 0; e < _d.Shape.Experts; e++)
        {
            var inst = _d.ExpertInstitution[e];
            for (var i = _stances.Start(e); i < _stances.End(e); i++)
            {
                var c = _stances.Target[i];
                for (var j = _alignments.Start(c); j < _alignments.End(c); j++)
                    counts[((inst * 3 + _alignments.Target[j]) * 2 + _stances.Value[i]) * 2 + (_alignments.Value[j] > 0 ? 1 : 0)]++;
            }
        }
        return counts.Count(c => c > 0);
    }

    private long Network()
    {
        var pairs = new Dictionary<long, int>();
        long n = _d.Shape.Experts;
        for (var c = 0; c < _d.Shape.Claims; c++)
            for (var i = _endorsers.Start(c); i < _endorsers.End(c); i++)
                for (var j = _endorsers.Start(c); j < _endorsers.End(c); j++)
                {
                    int a = _endorsers.Target[i], b = _endorsers.Target[j];
                    if (a >= b) continue;
                    var key = a * n + b;
                    pairs[key] = pairs.GetValueOrDefault(key) + 1;
                }
        return pairs.Count;
    }

    /// <summary>Compressed sparse rows: the targets of node x are Target[Offsets[x]..Offsets[x+1]).</summary>
    private sealed class Csr
    {
        public required int[] Offsets { get; init; }
        public required int[] Target { get; init; }
        public required int[] Value { get; init; }

        public int Start(int x) => Offsets[x];
        public int End(int x) => Offsets[x + 1];
        public int Count(int x) => Offsets[x + 1] - Offsets[x];

        public static Csr Build(int nodes, IEnumerable<(int From, int To, int Value)> edges)
        {
            var list = edges.ToArray();
            var offsets = new int[nodes + 1];
            foreach (var e in list) offsets[e.From + 1]++;
            for (var i = 0; i < nodes; i++) offsets[i + 1] += offsets[i];
            var fill = offsets[..^1].ToArray();
            var target = new int[list.Length];
            var value = new int[list.Length];
            foreach (var e in list)
            {
                var at = fill[e.From]++;
                target[at] = e.To;
                value[at] = e.Value;
            }
            return new Csr { Offsets = offsets, Target = target, Value = value };
        }
    }
}
