using Graph.Client;

namespace Graph.Ingestion.Planning;

/// <summary>
/// Updates the derived discourse network for the stances an incremental load (or one saved stance) changes, without
/// reading the whole network: only the claims whose participants change are read (at most the participant limit
/// plus the removals of each, since a claim above the limit is left out whatever its participants are), and only
/// the pairs through those claims. The result equals what a full derivation of the whole store would write (the
/// tests compare both).
/// </summary>
public static class NetworkDelta
{
    public static async Task<NetworkPlan.NetworkChanges> ComputeAsync(
        IQueryRunner runner, CypherScripts scripts, IngestionPlan plan, NetworkSummary before, long pairBudget, CancellationToken cancellationToken)
    {
        // Stance relationships per (expert, claim, type) that the plan adds and removes.
        var delta = new Dictionary<(string Expert, string Claim, string Type), int>();
        void Count(string expert, string claim, string type, int by) =>
            delta[(expert, claim, type)] = delta.GetValueOrDefault((expert, claim, type)) + by;
        foreach (var row in plan.StanceCreates) Count(row.Expert, row.Claim, row.Type, +1);
        foreach (var (key, type) in plan.StanceRemovals) Count(key.Expert, key.Claim, type, -1);
        foreach (var k in delta.Where(d => d.Value == 0).Select(d => d.Key).ToList()) delta.Remove(k);
        if (delta.Count == 0) return new NetworkPlan.NetworkChanges([], [], [], before);

        // A participant is a distinct (expert, type) on a claim: it appears or goes only when its count crosses zero.
        var counts = new Dictionary<(string, string, string), long>();
        var keys = delta.Keys.Select(k => (k.Expert, k.Claim)).Distinct().ToList();
        foreach (var batch in keys.Chunk(1000))
        {
            var rows = batch.Select(k => (object?)new Dictionary<string, object?> { ["expert"] = k.Expert, ["claim"] = k.Claim }).ToList();
            foreach (var r in (await runner.RunAsync(scripts.Get("ingest/read/stance-types.cypher").Single(), new Dictionary<string, object?> { ["rows"] = rows }, cancellationToken)).Records)
                counts[((string)r["expert"]!, (string)r["claim"]!, (string)r["type"]!)] = r.Get<long>("count");
        }
        var added = new Dictionary<string, List<(string Expert, string Type)>>(StringComparer.Ordinal);
        var removed = new Dictionary<string, List<(string Expert, string Type)>>(StringComparer.Ordinal);
        foreach (var ((expert, claim, type), by) in delta)
        {
            var old = counts.GetValueOrDefault((expert, claim, type));
            var now = old + by;
            if (old == 0 && now > 0) Add(added, claim, (expert, type));
            else if (old > 0 && now <= 0) Add(removed, claim, (expert, type));
        }

        var max = before.MaxClaimParticipants;
        long estimate = before.PairEstimate, claimsUsed = before.ClaimsUsed, claimsLeftOut = before.ClaimsLeftOut;
        var gained = new Dictionary<(string A, string B, string Type), List<string>>();
        var lost = new Dictionary<(string A, string B, string Type), List<string>>();
        foreach (var claim in added.Keys.Union(removed.Keys).Order(StringComparer.Ordinal))
        {
            var adds = added.GetValueOrDefault(claim) ?? [];
            var removes = removed.GetValueOrDefault(claim) ?? [];
            var limit = (long)max + removes.Count + 1;
            var oldParticipants = new List<(string Expert, string Type)>();
            foreach (var r in (await runner.RunAsync(scripts.Get("ingest/read/claim-participants.cypher").Single(),
                         new Dictionary<string, object?> { ["claim"] = claim, ["limit"] = limit }, cancellationToken)).Records)
                oldParticipants.Add(((string)r["expert"]!, (string)r["type"]!));
            if (oldParticipants.Count >= limit) continue;   // above the limit before and after: left out both times
            var newParticipants = oldParticipants.Except(removes).Concat(adds).Distinct().ToList();
            int nOld = oldParticipants.Count, nNew = newParticipants.Count;
            bool inOld = nOld > 0 && nOld <= max, inNew = nNew > 0 && nNew <= max;
            estimate += (inNew ? (long)nNew * (nNew - 1) / 2 : 0) - (inOld ? (long)nOld * (nOld - 1) / 2 : 0);
            claimsUsed += (inNew ? 1 : 0) - (inOld ? 1 : 0);
            claimsLeftOut += (nNew > max ? 1 : 0) - (nOld > max ? 1 : 0);
            var oldPairs = inOld ? PairsOf(oldParticipants) : [];
            var newPairs = inNew ? PairsOf(newParticipants) : [];
            foreach (var pair in newPairs.Except(oldPairs)) Add(gained, pair, claim);
            foreach (var pair in oldPairs.Except(newPairs)) Add(lost, pair, claim);
        }
        if (estimate > pairBudget)
            throw new IngestionException(
                $"the discourse network would have up to {estimate:N0} pairs of experts, above the budget of {pairBudget:N0} " +
                $"(claims with at most {max:N0} participants each). Lower --network-max-participants, raise --network-budget, " +
                "or load without the network (--no-network); nothing was written");

        // The stored claims of every touched pair, then the new lists (claims in ordinal order, as a full derivation writes them).
        var touched = gained.Keys.Union(lost.Keys).ToList();
        var stored = new Dictionary<(string, string, string), List<string>>();
        foreach (var batch in touched.Chunk(1000))
        {
            var rows = batch.Select(p => (object?)new Dictionary<string, object?> { ["a"] = p.A, ["b"] = p.B, ["type"] = p.Type }).ToList();
            foreach (var r in (await runner.RunAsync(scripts.Get("ingest/read/pairs.cypher").Single(), new Dictionary<string, object?> { ["rows"] = rows }, cancellationToken)).Records)
                stored[((string)r["a"]!, (string)r["b"]!, (string)r["type"]!)] =
                    r["claims"] is IEnumerable<object?> list ? list.Select(c => c as string ?? "").ToList() : [];
        }
        List<NetworkPlan.Pair> creates = [], updates = [], removals = [];
        long pairs = before.Pairs;
        foreach (var pair in touched.OrderBy(p => p.A, StringComparer.Ordinal).ThenBy(p => p.B, StringComparer.Ordinal).ThenBy(p => p.Type, StringComparer.Ordinal))
        {
            var exists = stored.TryGetValue(pair, out var current);
            var claims = new SortedSet<string>(current ?? [], StringComparer.Ordinal);
            claims.UnionWith(gained.GetValueOrDefault(pair) ?? []);
            claims.ExceptWith(lost.GetValueOrDefault(pair) ?? []);
            var result = new NetworkPlan.Pair(pair.A, pair.B, pair.Type, claims.ToList());
            if (claims.Count == 0)
            {
                if (exists) { removals.Add(result); pairs--; }
            }
            else if (!exists) { creates.Add(result); pairs++; }
            else if (!claims.SequenceEqual(current!, StringComparer.Ordinal)) updates.Add(result);
        }
        var summary = new NetworkSummary(pairs, (int)claimsUsed, (int)claimsLeftOut, [], max) { PairEstimate = estimate };
        return new NetworkPlan.NetworkChanges(creates, updates, removals, summary);
    }

    /// <summary>Every pair a claim's participants make: agree on the same stance, disagree on opposite ones, smaller id first.</summary>
    private static HashSet<(string A, string B, string Type)> PairsOf(List<(string Expert, string Type)> participants)
    {
        var pairs = new HashSet<(string, string, string)>();
        for (var i = 0; i < participants.Count; i++)
        for (var j = i + 1; j < participants.Count; j++)
        {
            var (a, p) = participants[i];
            var (b, q) = participants[j];
            if (a == b) continue;
            var type = p == q ? "AGREES_WITH" : "DISAGREES_WITH";
            pairs.Add(string.CompareOrdinal(a, b) < 0 ? (a, b, type) : (b, a, type));
        }
        return pairs;
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }
}
