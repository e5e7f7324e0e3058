namespace Graph.Ingestion.Planning;

/// <summary>
/// The derived discourse network (AGREES_WITH / DISAGREES_WITH) computed in memory from the stance set the store will
/// hold after the load, diffed against the derived relationships already stored. Only changed pairs are written, so
/// the store's work is linear in the changes instead of quadratic in the stances (the pure-Cypher derivation
/// re-matched every co-stance pair and re-merged every relationship on each load).
/// </summary>
public static class NetworkPlan
{
    public static readonly string[] Types = ["AGREES_WITH", "DISAGREES_WITH"];

    /// <summary>One derived relationship, from the expert with the smaller id (ordinal) to the larger.</summary>
    public sealed record Pair(string A, string B, string Type, List<string> Claims)
    {
        public Dictionary<string, object?> ToUpsertRow() => new()
        {
            ["a"] = A, ["b"] = B, ["weight"] = (long)Claims.Count, ["claims"] = Claims.Cast<object?>().ToList(),
        };

        public Dictionary<string, object?> ToRemoveRow() => new() { ["a"] = A, ["b"] = B };
    }

    /// <summary>The stances (expert, claim) -> type the store holds once the plan is written.</summary>
    public static Dictionary<(string Expert, string Claim), List<string>> StancesAfter(DesiredState desired, StoreState store, IngestionPlan plan)
    {
        var removedExperts = plan.Removals["Expert"].ToHashSet(StringComparer.Ordinal);
        var removedClaims = plan.Removals["Claim"].ToHashSet(StringComparer.Ordinal);
        var after = new Dictionary<(string, string), List<string>>();
        foreach (var (key, existing) in store.Stances)
        {
            if (desired.Stances.ContainsKey(key)) continue;
            // Stances of the loaded sources that graph-data dropped are removed; those of other sources stay.
            var kept = existing.Where(e => e.Source is null || !desired.Sources.Contains(e.Source)).Select(e => e.Type).ToList();
            if (kept.Count > 0) after[key] = kept;
        }
        foreach (var row in desired.Stances.Values) after[(row.Expert, row.Claim)] = [row.Type];
        // Removing an entity detaches whatever still points at it.
        foreach (var key in after.Keys.Where(k => removedExperts.Contains(k.Item1) || removedClaims.Contains(k.Item2)).ToList())
            after.Remove(key);
        return after;
    }

    /// <summary>Every derived pair: experts agree on a claim when both take the same stance, disagree when opposite.</summary>
    public static Dictionary<(string A, string B, string Type), List<string>> Derive(Dictionary<(string Expert, string Claim), List<string>> stances)
    {
        var byClaim = new SortedDictionary<string, List<(string Expert, string Type)>>(StringComparer.Ordinal);
        foreach (var ((expert, claim), types) in stances)
        {
            if (!byClaim.TryGetValue(claim, out var list)) byClaim[claim] = list = [];
            foreach (var type in types) list.Add((expert, type));
        }
        var pairs = new Dictionary<(string, string, string), List<string>>();
        foreach (var (claim, list) in byClaim)   // claims in ordinal order, so each pair's list is sorted
        {
            list.Sort((x, y) => string.CompareOrdinal(x.Expert, y.Expert));
            for (var i = 0; i < list.Count; i++)
            for (var j = i + 1; j < list.Count; j++)
            {
                var (a, b) = (list[i], list[j]);
                if (string.CompareOrdinal(a.Expert, b.Expert) >= 0) continue;   // one pair per two distinct experts
                var key = (a.Expert, b.Expert, a.Type == b.Type ? "AGREES_WITH" : "DISAGREES_WITH");
                if (!pairs.TryGetValue(key, out var claims)) pairs[key] = claims = [];
                if (claims.Count == 0 || claims[^1] != claim) claims.Add(claim);
            }
        }
        return pairs;
    }

    /// <summary>The pairs to write (new or with other claims) and to remove (no longer derived), per type.</summary>
    public static (List<Pair> Upserts, List<Pair> Removals) Diff(
        Dictionary<(string A, string B, string Type), List<string>> desired,
        Dictionary<(string A, string B, string Type), List<string>?> stored)
    {
        var upserts = new List<Pair>();
        var removals = new List<Pair>();
        foreach (var ((a, b, type), claims) in desired)
            if (!stored.TryGetValue((a, b, type), out var current) || current is null || !current.SequenceEqual(claims, StringComparer.Ordinal))
                upserts.Add(new Pair(a, b, type, claims));
        foreach (var ((a, b, type), current) in stored)
            if (!desired.ContainsKey((a, b, type)))
                removals.Add(new Pair(a, b, type, current ?? []));
        return (upserts, removals);
    }
}
