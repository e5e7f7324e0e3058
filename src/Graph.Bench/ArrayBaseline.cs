using Graph.Bench.Data;

namespace Graph.Bench;

/// <summary>
/// The lower bound: the same questions hand-coded over plain arrays (CSR adjacency, a dictionary for ids, stamp
/// arrays instead of sets), in the same process. How far an engine is from this is the cost of being general. Each
/// workload answers the question its Cypher asks, values and all (decision 29): the rows go into <see cref="Rows"/>,
/// a buffer kept between calls, their cells taken from arrays built once here (each node's id and name strings, as a
/// store keeps its property columns; a relationship's type from a fixed pair of strings), and a call returns the row count.
/// </summary>
public sealed class ArrayBaseline
{
    public const string Endorses = "ENDORSES", Criticizes = "CRITICIZES";

    private readonly SyntheticDebate _d;
    private readonly Dictionary<string, int> _expertById;
    private readonly string[] _expertIds, _expertNames, _expertCountries, _claimIds, _institutionIds;
    /// <summary>An expert's place in the ordinal order of the ids (what <c>a.id &lt; b.id</c> and <c>ORDER BY ally</c> compare).</summary>
    private readonly int[] _expertRank;
    private readonly Csr _stances;      // expert -> claims (value: 1 endorses, 0 criticizes)
    private readonly Csr _endorsers;    // claim -> experts that endorse it
    private readonly Csr _endorsed;     // expert -> claims it endorses
    private readonly Csr _agreements;   // expert <-> expert, undirected
    private readonly Csr _alignments;   // claim -> paradigm (value: sign, 1 or -1)
    private readonly int[] _stampClaims, _kindOfClaim, _stampExperts, _counts, _touched, _queue, _claimCounts, _groupCounts;
    private readonly int[] _distance, _stampFromB, _distanceFromB, _queueFromB;   // the shortest paths' search from both ends
    private readonly int[] _top = new int[10];
    private readonly Dictionary<long, int> _pairs = [];
    private int _stamp;

    /// <summary>The rows of the last call.</summary>
    public ArrayRows Rows { get; } = new();

    public ArrayBaseline(SyntheticDebate d)
    {
        _d = d;
        var n = d.Shape.Experts;
        _expertIds = new string[n];
        _expertNames = new string[n];
        _expertCountries = new string[n];
        _expertById = new Dictionary<string, int>(n);
        for (var e = 0; e < n; e++)
        {
            _expertIds[e] = SyntheticDebate.ExpertId(e);
            _expertNames[e] = $"Expert {e}";   // as BenchTables writes the Expert table
            _expertCountries[e] = SyntheticDebate.Countries[d.ExpertCountry[e]];
            _expertById[_expertIds[e]] = e;
        }
        _expertRank = new int[n];
        var byId = Enumerable.Range(0, n).ToArray();
        Array.Sort(byId, (x, y) => string.CompareOrdinal(_expertIds[x], _expertIds[y]));
        for (var r = 0; r < n; r++) _expertRank[byId[r]] = r;
        _claimIds = Enumerable.Range(0, d.Shape.Claims).Select(SyntheticDebate.ClaimId).ToArray();
        _institutionIds = Enumerable.Range(0, d.Shape.Institutions).Select(SyntheticDebate.InstitutionId).ToArray();
        if (d.Alignments.Any(a => a.Sign is not (1 or -1)))
            throw new InvalidOperationException("The arrays' grouping keys a sign by its polarity: every alignment's sign must be 1 or -1.");

        var all = Enumerable.Range(0, d.StanceExpert.Length);
        var endorse = all.Where(s => d.StanceEndorses[s]).ToArray();
        _stances = Csr.Build(n, all.Select(s => (d.StanceExpert[s], d.StanceClaim[s], d.StanceEndorses[s] ? 1 : 0)));
        _endorsers = Csr.Build(d.Shape.Claims, endorse.Select(s => (d.StanceClaim[s], d.StanceExpert[s], 1)));
        _endorsed = Csr.Build(n, endorse.Select(s => (d.StanceExpert[s], d.StanceClaim[s], 1)));
        _agreements = Csr.Build(n, d.Agreements.SelectMany(a => new[] { (a.A, a.B, a.Weight), (a.B, a.A, a.Weight) }));
        _alignments = Csr.Build(d.Shape.Claims, d.Alignments.Select(a => (a.Claim, a.Paradigm, a.Sign)));
        _stampClaims = new int[d.Shape.Claims];
        _kindOfClaim = new int[d.Shape.Claims];
        _claimCounts = new int[d.Shape.Claims];
        _stampExperts = new int[n];
        _counts = new int[n];
        _touched = new int[n];
        _queue = new int[n];
        _distance = new int[n];
        _stampFromB = new int[n];
        _distanceFromB = new int[n];
        _queueFromB = new int[n];
        _groupCounts = new int[d.Shape.Institutions * 3 * 2 * 2];
    }

    /// <summary>The hand-coded counterpart of a workload, filling <see cref="Rows"/> and returning its row count; null when there is none.</summary>
    public Func<Dictionary<string, object?>, long>? For(string workload) => workload switch
    {
        "point lookup" => p => PointLookup((string)p["id"]!),
        "positions (1 hop)" => p => Positions(_expertById[(string)p["id"]!]),
        "shared positions (2 hops)" => p => SharedPositions(_expertById[(string)p["a"]!], _expertById[(string)p["b"]!]),
        "shared positions, ends matched first" => p => SharedPositions(_expertById[(string)p["a"]!], _expertById[(string)p["b"]!]),
        "shortest path, ends matched first" => p => ShortestPath(_expertById[(string)p["a"]!], _expertById[(string)p["b"]!], 4),
        "top-10 allies (2 hops + agg)" => p => TopAllies(_expertById[(string)p["id"]!]),
        "shortest agreement path (≤4 hops)" => p => ShortestPath(_expertById[(string)p["a"]!], _expertById[(string)p["b"]!], 4),
        "agreement reach (var-length ≤2)" => p => Reach(_expertById[(string)p["id"]!]),
        "endorsements per claim (global)" => _ => EndorsementsPerClaim(),
        "stances per paradigm per institution" => _ => StancesPerParadigmPerInstitution(),
        "agreement network (materialize)" => _ => Network(),
        _ => null,
    };

    /// <summary>
    /// Runs the workload once per parameter set (once when it has none) and digests each call's rows
    /// (<see cref="RowDigest"/>; in order when the Cypher orders them), untimed, after the timed runs.
    /// </summary>
    public List<string> DigestEach(Func<Dictionary<string, object?>, long> run, IReadOnlyList<Dictionary<string, object?>> parameters, bool ordered) =>
        RowDigest.EachParameterSet(parameters).Select(p =>
        {
            run(p);
            return Rows.Digest(ordered);
        }).ToList();

    private int NextStamp() => ++_stamp;

    private static string Kind(int endorses) => endorses != 0 ? Endorses : Criticizes;

    /// <summary><c>RETURN e.id, e.name, e.country</c>.</summary>
    private long PointLookup(string id)
    {
        Rows.Reset(3, 0);
        if (_expertById.TryGetValue(id, out var e)) Rows.Add(_expertIds[e], _expertNames[e], _expertCountries[e]);
        return Rows.Count;
    }

    /// <summary><c>RETURN c.id AS claim, type(r) AS stance</c>, one row per stance of the expert.</summary>
    private long Positions(int e)
    {
        Rows.Reset(2, 0);
        for (var i = _stances.Start(e); i < _stances.End(e); i++) Rows.Add(_claimIds[_stances.Target[i]], Kind(_stances.Value[i]));
        return Rows.Count;
    }

    /// <summary>
    /// <c>RETURN c.id, type(r), type(s)</c> for the claims both took a stance on. An expert has at most one stance per
    /// claim, so when a = b the pattern's two relationships would be one and there is no row.
    /// </summary>
    private long SharedPositions(int a, int b)
    {
        Rows.Reset(3, 0);
        if (a == b) return 0;
        var stamp = NextStamp();
        for (var i = _stances.Start(a); i < _stances.End(a); i++)
        {
            var c = _stances.Target[i];
            _stampClaims[c] = stamp;
            _kindOfClaim[c] = _stances.Value[i];
        }
        for (var i = _stances.Start(b); i < _stances.End(b); i++)
        {
            var c = _stances.Target[i];
            if (_stampClaims[c] == stamp) Rows.Add(_claimIds[c], Kind(_kindOfClaim[c]), Kind(_stances.Value[i]));
        }
        return Rows.Count;
    }

    /// <summary>
    /// <c>RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 10</c>: counts per co-endorser, then
    /// the ten first kept by insertion into a small array (no sort of all of them).
    /// </summary>
    private long TopAllies(int a)
    {
        var touched = 0;
        for (var i = _endorsed.Start(a); i < _endorsed.End(a); i++)
        {
            var c = _endorsed.Target[i];
            for (var j = _endorsers.Start(c); j < _endorsers.End(c); j++)
            {
                var b = _endorsers.Target[j];
                if (b == a) continue;
                if (_counts[b]++ == 0) _touched[touched++] = b;
            }
        }
        var kept = 0;
        for (var k = 0; k < touched; k++)
        {
            var b = _touched[k];
            if (kept == _top.Length && !Before(b, _top[^1])) continue;
            var at = kept < _top.Length ? kept++ : _top.Length - 1;
            for (; at > 0 && Before(b, _top[at - 1]); at--) _top[at] = _top[at - 1];
            _top[at] = b;
        }
        Rows.Reset(1, 1);
        for (var k = 0; k < kept; k++) Rows.Add(_expertIds[_top[k]], _counts[_top[k]]);
        for (var k = 0; k < touched; k++) _counts[_touched[k]] = 0;
        return Rows.Count;
    }

    /// <summary>More shared claims first, then the smaller id.</summary>
    private bool Before(int x, int y) => _counts[x] > _counts[y] || (_counts[x] == _counts[y] && _expertRank[x] < _expertRank[y]);

    /// <summary>
    /// <c>RETURN length(p) AS hops</c>: a breadth-first search over the undirected agreements from both ends, one whole
    /// level of the smaller frontier at a time, until the two meet (the least sum of distances over that level's
    /// meetings is the shortest length: before a meeting every path is longer than both levels together); its queues,
    /// stamps and distances kept between calls. No row when the ends are farther apart than maxHops.
    /// </summary>
    private long ShortestPath(int a, int b, int maxHops)
    {
        Rows.Reset(0, 1);
        var stamp = NextStamp();
        _stampExperts[a] = stamp;
        _distance[a] = 0;
        _stampFromB[b] = stamp;
        _distanceFromB[b] = 0;
        int headA = 0, tailA = 0, headB = 0, tailB = 0, levelA = 0, levelB = 0;
        _queue[tailA++] = a;
        _queueFromB[tailB++] = b;
        while (levelA + levelB < maxHops && headA < tailA && headB < tailB)
        {
            // the smaller frontier's whole level
            var best = tailA - headA <= tailB - headB
                ? ExpandLevel(_queue, ref headA, ref tailA, levelA++, _stampExperts, _distance, _stampFromB, _distanceFromB, stamp)
                : ExpandLevel(_queueFromB, ref headB, ref tailB, levelB++, _stampFromB, _distanceFromB, _stampExperts, _distance, stamp);
            if (best != int.MaxValue)
            {
                Rows.Add(best);
                return 1;
            }
        }
        return 0;
    }

    /// <summary>Expands one level of one side's search; returns the shortest length through a node the other side reached, or int.MaxValue.</summary>
    private int ExpandLevel(int[] queue, ref int head, ref int tail, int level, int[] seen, int[] distance, int[] otherSeen, int[] otherDistance, int stamp)
    {
        var best = int.MaxValue;
        for (var end = tail; head < end; head++)
        {
            var x = queue[head];
            for (var i = _agreements.Start(x); i < _agreements.End(x); i++)
            {
                var y = _agreements.Target[i];
                if (otherSeen[y] == stamp && level + 1 + otherDistance[y] < best) best = level + 1 + otherDistance[y];
                if (seen[y] == stamp) continue;
                seen[y] = stamp;
                distance[y] = level + 1;
                queue[tail++] = y;
            }
        }
        return best;
    }

    /// <summary><c>RETURN count(DISTINCT b) AS reach</c> over 1..2 agreements, a excluded: one row, whatever the count.</summary>
    private long Reach(int a)
    {
        var stamp = NextStamp();
        _stampExperts[a] = stamp;
        int head = 0, tail = 0;
        _queue[tail++] = a;
        for (var depth = 1; depth <= 2; depth++)
            for (var end = tail; head < end; head++)
            {
                var x = _queue[head];
                for (var i = _agreements.Start(x); i < _agreements.End(x); i++)
                {
                    var y = _agreements.Target[i];
                    if (_stampExperts[y] == stamp) continue;
                    _stampExperts[y] = stamp;
                    _queue[tail++] = y;
                }
            }
        Rows.Reset(0, 1);
        Rows.Add(tail - 1);
        return 1;
    }

    /// <summary><c>RETURN c.id AS claim, count(*) AS endorsements</c>, one row per endorsed claim.</summary>
    private long EndorsementsPerClaim()
    {
        var counts = _claimCounts;
        Array.Clear(counts);
        for (var e = 0; e < _d.Shape.Experts; e++)
            for (var i = _endorsed.Start(e); i < _endorsed.End(e); i++) counts[_endorsed.Target[i]]++;
        Rows.Reset(1, 1);
        for (var c = 0; c < counts.Length; c++)
            if (counts[c] > 0) Rows.Add(_claimIds[c], counts[c]);
        return Rows.Count;
    }

    /// <summary><c>RETURN i.id, p.id, type(r), a.sign, count(*)</c>, one row per group with a stance.</summary>
    private long StancesPerParadigmPerInstitution()
    {
        // key: institution, paradigm, stance kind, sign's polarity
        var counts = _groupCounts;
        Array.Clear(counts);
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
        Rows.Reset(3, 2);
        for (var key = 0; key < counts.Length; key++)
        {
            if (counts[key] == 0) continue;
            var (inst, paradigm, kind, positive) = (key / 12, key / 4 % 3, key / 2 % 2, key % 2);
            Rows.Add(_institutionIds[inst], SyntheticDebate.Paradigms[paradigm], Kind(kind), positive == 1 ? 1 : -1, counts[key]);
        }
        return Rows.Count;
    }

    /// <summary><c>RETURN a.id, b.id, count(*) AS claims</c> per pair of co-endorsers with a.id &lt; b.id (ordinal, as the engine compares strings).</summary>
    private long Network()
    {
        var pairs = _pairs;
        pairs.Clear();
        long n = _d.Shape.Experts;
        for (var c = 0; c < _d.Shape.Claims; c++)
            for (var i = _endorsers.Start(c); i < _endorsers.End(c); i++)
                for (var j = _endorsers.Start(c); j < _endorsers.End(c); j++)
                {
                    int a = _endorsers.Target[i], b = _endorsers.Target[j];
                    if (_expertRank[a] >= _expertRank[b]) continue;
                    var key = a * n + b;
                    pairs[key] = pairs.GetValueOrDefault(key) + 1;
                }
        Rows.Reset(2, 1);
        foreach (var (key, count) in pairs) Rows.Add(_expertIds[key / n], _expertIds[key % n], null, count, 0);
        return Rows.Count;
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
