using System.Runtime.InteropServices;

namespace Graph.Ingestion.Planning;

/// <summary>
/// The derived discourse network (AGREES_WITH / DISAGREES_WITH) computed in memory from the stance set the store will
/// hold after the load, diffed against the derived relationships already stored, so that only changed pairs are
/// written. Experts and claims are numbered in ordinal order of their ids and pairs are keyed by one long, so that
/// millions of pairs cost tens of bytes each rather than a tuple of strings and a list apiece.
/// </summary>
public sealed class NetworkPlan
{
    public static readonly string[] Types = ["AGREES_WITH", "DISAGREES_WITH"];

    /// <summary>One derived relationship, from the expert with the smaller id (ordinal) to the larger.</summary>
    public sealed record Pair(string A, string B, string Type, IReadOnlyList<string> Claims)
    {
        public Dictionary<string, object?> ToUpsertRow() => new()
        {
            ["a"] = A, ["b"] = B, ["weight"] = (long)Claims.Count, ["claims"] = Claims.Cast<object?>().ToList(),
        };

        public Dictionary<string, object?> ToRemoveRow() => new() { ["a"] = A, ["b"] = B };
    }

    private readonly string[] _experts;
    private readonly Dictionary<string, int> _expertIndex;
    private readonly string[] _claims;
    // Pair key -> slot. A slot's claims are a linked list in the arrays below, appended in claim order.
    private readonly Dictionary<long, int> _slots = [];
    private readonly List<long> _keyOf = [];
    private readonly List<int> _count = [];
    private readonly List<int> _head = [];
    private readonly List<int> _tail = [];
    private readonly List<int> _claimOf = [];
    private readonly List<int> _next = [];

    private NetworkPlan(string[] experts, string[] claims)
    {
        _experts = experts;
        _claims = claims;
        _expertIndex = new Dictionary<string, int>(experts.Length, StringComparer.Ordinal);
        for (var i = 0; i < experts.Length; i++) _expertIndex[experts[i]] = i;
    }

    public NetworkSummary Summary { get; private set; } = NetworkSummary.NotDerived;
    public long PairCount => _keyOf.Count;

    /// <summary>
    /// The participants of every claim once a full load's plan is written: (expert, claim) -> the distinct stance types
    /// across documents (an expert who endorses a claim in two documents takes part once).
    /// </summary>
    public static Dictionary<(string Expert, string Claim), List<string>> StancesAfter(DesiredState desired, StoreState store, IngestionPlan plan, LoadScope scope)
    {
        var removedExperts = plan.Removals["Expert"].ToHashSet(StringComparer.Ordinal);
        var removedClaims = plan.Removals["Claim"].ToHashSet(StringComparer.Ordinal);
        var after = new Dictionary<(string, string), List<string>>(desired.Stances.Count);
        void Add(string expert, string claim, string type)
        {
            if (removedExperts.Contains(expert) || removedClaims.Contains(claim)) return;   // removing an entity detaches its stances
            if (!after.TryGetValue((expert, claim), out var types)) after[(expert, claim)] = [type];
            else if (!types.Contains(type)) types.Add(type);
        }
        foreach (var (key, existing) in store.Stances)
            if (!scope.Covers(key.Source))
                foreach (var (type, _) in existing) Add(key.Expert, key.Claim, type);
        foreach (var row in desired.Stances.Values) Add(row.Expert, row.Claim, row.Type);
        return after;
    }

    /// <summary>
    /// Every derived pair: experts agree on a claim when both take the same stance, disagree when opposite. Throws
    /// <see cref="IngestionException"/> before enumerating when the pairs would exceed the budget.
    /// </summary>
    public static NetworkPlan Derive(Dictionary<(string Expert, string Claim), List<string>> stances, NetworkLimits? limits = null)
    {
        limits ??= NetworkLimits.Default;
        var experts = stances.Keys.Select(k => k.Expert).Distinct().Order(StringComparer.Ordinal).ToArray();
        var claims = stances.Keys.Select(k => k.Claim).Distinct().Order(StringComparer.Ordinal).ToArray();
        var network = new NetworkPlan(experts, claims);
        var claimIndex = new Dictionary<string, int>(claims.Length, StringComparer.Ordinal);
        for (var i = 0; i < claims.Length; i++) claimIndex[claims[i]] = i;

        // Participants per claim: (expert index << 1) | 1 for CRITICIZES.
        var byClaim = new List<long>[claims.Length];
        foreach (var ((expert, claim), types) in stances)
        {
            var c = claimIndex[claim];
            var list = byClaim[c] ??= [];
            foreach (var type in types) list.Add(((long)network._expertIndex[expert] << 1) | (type == "CRITICIZES" ? 1L : 0L));
        }

        var max = limits.FitToBudget ? LargestLimitWithin(byClaim, limits) : limits.MaxClaimParticipants;
        var leftOut = new List<(string Claim, int Participants)>();
        long estimate = 0;
        for (var c = 0; c < claims.Length; c++)
        {
            var n = byClaim[c]?.Count ?? 0;
            if (n > max) leftOut.Add((claims[c], n));
            else estimate += (long)n * (n - 1) / 2;
        }
        if (estimate > limits.PairBudget)
            throw new IngestionException(
                $"the discourse network would have up to {estimate:N0} pairs of experts, above the budget of {limits.PairBudget:N0} " +
                $"(claims with at most {max:N0} participants each; {stances.Count:N0} stances on {claims.Length:N0} claims). " +
                "Lower --network-max-participants, raise --network-budget, or load without the network (--no-network); nothing was written");

        for (var c = 0; c < claims.Length; c++)
        {
            var list = byClaim[c];
            if (list is null || list.Count > max) continue;
            list.Sort();
            for (var i = 0; i < list.Count; i++)
            for (var j = i + 1; j < list.Count; j++)
            {
                int a = (int)(list[i] >> 1), b = (int)(list[j] >> 1);
                if (a == b) continue;   // one expert with both stances on a claim pairs with no one through it twice
                var disagree = ((list[i] ^ list[j]) & 1) != 0;
                network.Add(((long)a << 32 | (uint)b) << 1 | (disagree ? 1L : 0L), c);
            }
        }
        network.Summary = new NetworkSummary(network.PairCount, claims.Length - leftOut.Count, leftOut.Count,
            leftOut.OrderByDescending(x => x.Participants).ThenBy(x => x.Claim, StringComparer.Ordinal).Take(5).ToList(), max) { PairEstimate = estimate };
        return network;
    }

    /// <summary>The largest participant limit, at most the configured one, whose pairs (n(n-1)/2 per claim) fit the budget.</summary>
    private static int LargestLimitWithin(List<long>?[] byClaim, NetworkLimits limits)
    {
        var sizes = byClaim.Select(l => l?.Count ?? 0).Where(n => n <= limits.MaxClaimParticipants).Order().ToArray();
        long pairs = 0;
        for (var i = 0; i < sizes.Length; i++)
        {
            var n = sizes[i];
            // Claims of one size are taken together or not at all.
            var sameSize = 0L;
            var j = i;
            for (; j < sizes.Length && sizes[j] == n; j++) sameSize += (long)n * (n - 1) / 2;
            if (pairs + sameSize > limits.PairBudget) return Math.Max(1, n - 1);
            pairs += sameSize;
            i = j - 1;
        }
        return limits.MaxClaimParticipants;
    }

    private void Add(long key, int claim)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, key, out var exists);
        if (!exists)
        {
            slot = _keyOf.Count;
            _keyOf.Add(key);
            _count.Add(0);
            _head.Add(-1);
            _tail.Add(-1);
        }
        if (_tail[slot] >= 0 && _claimOf[_tail[slot]] == claim) return;   // an expert listed twice on one claim
        var link = _claimOf.Count;
        _claimOf.Add(claim);
        _next.Add(-1);
        if (_tail[slot] < 0) _head[slot] = link;
        else _next[_tail[slot]] = link;
        _tail[slot] = link;
        _count[slot]++;
    }

    private Pair PairAt(int slot)
    {
        var key = _keyOf[slot];
        var claims = new string[_count[slot]];
        for (int link = _head[slot], i = 0; link >= 0; link = _next[link]) claims[i++] = _claims[_claimOf[link]];
        return new Pair(_experts[(int)(key >> 33)], _experts[(int)((key >> 1) & 0xFFFF_FFFF)], Types[key & 1], claims);
    }

    private bool SameClaims(int slot, List<string> stored)
    {
        if (stored.Count != _count[slot]) return false;
        var i = 0;
        for (var link = _head[slot]; link >= 0; link = _next[link])
            if (!string.Equals(_claims[_claimOf[link]], stored[i++], StringComparison.Ordinal)) return false;
        return true;
    }

    /// <summary>Every derived pair, in the order derived.</summary>
    public IEnumerable<Pair> Pairs()
    {
        for (var slot = 0; slot < _keyOf.Count; slot++) yield return PairAt(slot);
    }

    /// <summary>The claims behind one pair, or null when the pair is not derived.</summary>
    public IReadOnlyList<string>? ClaimsOf(string a, string b, string type) =>
        TryKey(a, b, type, out var key) && _slots.TryGetValue(key, out var slot) ? PairAt(slot).Claims : null;

    private bool TryKey(string a, string b, string type, out long key)
    {
        key = 0;
        if (!_expertIndex.TryGetValue(a, out var ia) || !_expertIndex.TryGetValue(b, out var ib)) return false;
        key = ((long)ia << 32 | (uint)ib) << 1 | (type == "DISAGREES_WITH" ? 1L : 0L);
        return true;
    }

    /// <summary>The pairs to write (new or with other claims) and to remove (stored but no longer derived).</summary>
    public NetworkChanges Diff(Dictionary<(string A, string B, string Type), List<string>?> stored)
    {
        var state = new StoredAs[_keyOf.Count];
        var removals = new List<Pair>();
        foreach (var ((a, b, type), current) in stored)
        {
            if (TryKey(a, b, type, out var key) && _slots.TryGetValue(key, out var slot))
                state[slot] = current is not null && SameClaims(slot, current) ? StoredAs.Same : StoredAs.Different;
            else removals.Add(new Pair(a, b, type, current ?? []));
        }
        List<int> creates = [], updates = [];
        for (var slot = 0; slot < state.Length; slot++)
            if (state[slot] == StoredAs.Absent) creates.Add(slot);
            else if (state[slot] == StoredAs.Different) updates.Add(slot);
        return new NetworkChanges(this, creates, updates, removals);
    }

    private enum StoredAs : byte { Absent, Same, Different }

    /// <summary>
    /// The changed pairs of one derivation: new ones (created without an existence check), ones whose claims changed,
    /// and stored ones no longer derived. Pairs are materialized one batch at a time, as they are written.
    /// </summary>
    public sealed class NetworkChanges
    {
        private readonly NetworkPlan? _network;
        private readonly List<int> _creates;
        private readonly List<int> _updates;
        private readonly IReadOnlyList<Pair>? _explicitCreates;
        private readonly IReadOnlyList<Pair>? _explicitUpdates;
        private readonly NetworkSummary? _summary;

        internal NetworkChanges(NetworkPlan? network, List<int> creates, List<int> updates, List<Pair> removals)
        {
            _network = network;
            _creates = creates;
            _updates = updates;
            Removals = removals;
        }

        /// <summary>Changes computed pair by pair (an incremental load's delta), with the network's summary after them.</summary>
        public NetworkChanges(IReadOnlyList<Pair> creates, IReadOnlyList<Pair> updates, IReadOnlyList<Pair> removals, NetworkSummary summary)
        {
            _creates = [];
            _updates = [];
            _explicitCreates = creates;
            _explicitUpdates = updates;
            Removals = removals;
            _summary = summary;
        }

        public static NetworkChanges None { get; } = new(null, [], [], []);

        public NetworkSummary Summary => _summary ?? _network?.Summary ?? NetworkSummary.NotDerived;
        public int UpsertCount => (_explicitCreates?.Count ?? _creates.Count) + (_explicitUpdates?.Count ?? _updates.Count);
        public IReadOnlyList<Pair> Removals { get; }
        public bool IsEmpty => UpsertCount == 0 && Removals.Count == 0;

        public IEnumerable<Pair> Creates(string? type = null) => _explicitCreates is { } list ? list.Where(p => type is null || p.Type == type) : Select(_creates, type);
        public IEnumerable<Pair> Updates(string? type = null) => _explicitUpdates is { } list ? list.Where(p => type is null || p.Type == type) : Select(_updates, type);

        private IEnumerable<Pair> Select(List<int> slots, string? type)
        {
            if (_network is null) yield break;
            var bit = type is null ? -1 : Array.IndexOf(Types, type);
            foreach (var slot in slots)
                if (bit < 0 || (_network._keyOf[slot] & 1) == bit) yield return _network.PairAt(slot);
        }
    }
}
