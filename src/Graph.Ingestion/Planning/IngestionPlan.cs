namespace Graph.Ingestion.Planning;

/// <summary>
/// The difference between graph-data and the store: what to create, replace and remove. Only the sources present in
/// graph-data are mirrored; entities and stances of other sources are left alone.
/// </summary>
public sealed class IngestionPlan
{
    public Dictionary<string, List<EntityRow>> Upserts { get; } = DesiredState.Labels.ToDictionary(l => l, _ => new List<EntityRow>());
    public Dictionary<string, List<string>> Removals { get; } = DesiredState.Labels.ToDictionary(l => l, _ => new List<string>());
    public Dictionary<string, ChangeCount> EntityChanges { get; } = [];

    public List<StanceRow> StanceUpserts { get; } = [];
    public List<(string Expert, string Claim, string Type)> StanceRemovals { get; } = [];
    public Dictionary<string, ChangeCount> StanceChanges { get; } = [];

    /// <summary>Derived discourse-network pairs to write and to remove (empty when the network is not derived).</summary>
    public List<NetworkPlan.Pair> NetworkUpserts { get; } = [];
    public List<NetworkPlan.Pair> NetworkRemovals { get; } = [];

    public bool IsEmpty => Upserts.Values.All(l => l.Count == 0) && Removals.Values.All(l => l.Count == 0)
                           && StanceUpserts.Count == 0 && StanceRemovals.Count == 0
                           && NetworkUpserts.Count == 0 && NetworkRemovals.Count == 0;

    public static IngestionPlan Create(DesiredState desired, StoreState store, bool deriveNetwork = true)
    {
        var plan = new IngestionPlan();
        foreach (var label in DesiredState.Labels)
        {
            int created = 0, updated = 0, unchanged = 0;
            var current = store.Entities[label];
            foreach (var row in desired.Entities[label].Values)
            {
                if (!current.TryGetValue(row.Id, out var existing)) created++;
                else if (existing.Hash != row.Hash) updated++;
                else { unchanged++; continue; }
                plan.Upserts[label].Add(row);
            }
            foreach (var (id, (source, _)) in current)
                if (desired.Sources.Contains(source) && !desired.Entities[label].ContainsKey(id))
                    plan.Removals[label].Add(id);
            plan.EntityChanges[label] = new ChangeCount(created, updated, plan.Removals[label].Count, unchanged);
        }

        var stanceCounts = new Dictionary<string, (int Created, int Updated, int Deleted, int Unchanged)>
        {
            ["ENDORSES"] = default,
            ["CRITICIZES"] = default,
        };
        foreach (var row in desired.Stances.Values)
        {
            var counts = stanceCounts[row.Type];
            if (!store.Stances.TryGetValue(row.Key, out var existing))
                counts.Created++;
            else if (existing.Count == 1 && existing[0].Type == row.Type && existing[0].Hash == row.Hash)
            {
                counts.Unchanged++;
                stanceCounts[row.Type] = counts;
                continue;
            }
            else
            {
                // Relationships of another polarity (or duplicates) go; the one of the right type is replaced in place.
                foreach (var old in existing.Where(e => e.Type != row.Type))
                {
                    plan.StanceRemovals.Add((row.Expert, row.Claim, old.Type));
                    var oldCounts = stanceCounts[old.Type];
                    oldCounts.Deleted++;
                    stanceCounts[old.Type] = oldCounts;
                }
                if (existing.Any(e => e.Type == row.Type)) counts.Updated++;
                else counts.Created++;
            }
            stanceCounts[row.Type] = counts;
            plan.StanceUpserts.Add(row);
        }
        foreach (var (key, existing) in store.Stances)
        {
            if (desired.Stances.ContainsKey(key)) continue;
            foreach (var old in existing.Where(e => e.Source is not null && desired.Sources.Contains(e.Source)))
            {
                plan.StanceRemovals.Add((key.Expert, key.Claim, old.Type));
                var counts = stanceCounts[old.Type];
                counts.Deleted++;
                stanceCounts[old.Type] = counts;
            }
        }
        foreach (var (type, c) in stanceCounts) plan.StanceChanges[type] = new ChangeCount(c.Created, c.Updated, c.Deleted, c.Unchanged);

        if (deriveNetwork)
        {
            var network = NetworkPlan.Derive(NetworkPlan.StancesAfter(desired, store, plan));
            var (upserts, removals) = NetworkPlan.Diff(network, store.Network);
            plan.NetworkUpserts.AddRange(upserts);
            plan.NetworkRemovals.AddRange(removals);
        }
        return plan;
    }
}

/// <summary>What a load did to one label or relationship type. Unchanged is null where it is not tracked (owned and derived relationships).</summary>
public sealed record ChangeCount(long Created, long Updated, long Deleted, long? Unchanged)
{
    public static ChangeCount None { get; } = new(0, 0, 0, 0);
    public bool HasChanges => Created + Updated + Deleted > 0;
}
