namespace Graph.Ingestion.Planning;

/// <summary>
/// The difference between graph-data and the store within a load's scope (<see cref="LoadScope"/>): what to create,
/// replace and remove. The registry's nodes are mirrored when the registry was read; a document's Source, sessions
/// and stances when the document was read or removed.
/// </summary>
public sealed class IngestionPlan
{
    public Dictionary<string, List<EntityRow>> Upserts { get; } = DesiredState.Labels.ToDictionary(l => l, _ => new List<EntityRow>());
    public Dictionary<string, List<string>> Removals { get; } = DesiredState.Labels.ToDictionary(l => l, _ => new List<string>());
    public Dictionary<string, ChangeCount> EntityChanges { get; } = [];

    /// <summary>Stances the store does not hold yet (created without an existence check) and stances whose content changed.</summary>
    public List<StanceRow> StanceCreates { get; } = [];
    public List<StanceRow> StanceUpdates { get; } = [];
    public List<(StanceKey Key, string Type)> StanceRemovals { get; } = [];
    public Dictionary<string, ChangeCount> StanceChanges { get; } = [];

    /// <summary>Derived discourse-network pairs to write and to remove (none when the network is not derived).</summary>
    public NetworkPlan.NetworkChanges Network { get; set; } = NetworkPlan.NetworkChanges.None;

    public bool IsEmpty => Upserts.Values.All(l => l.Count == 0) && Removals.Values.All(l => l.Count == 0)
                           && StanceCreates.Count == 0 && StanceUpdates.Count == 0 && StanceRemovals.Count == 0
                           && Network.IsEmpty;

    /// <param name="network">Limits of the derived discourse network; null when the load does not derive it, or derives it
    /// by delta (an incremental load sets <see cref="Network"/> itself).</param>
    public static IngestionPlan Create(DesiredState desired, StoreState store, LoadScope scope, NetworkLimits? network)
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
            var mirrored = DesiredState.RegistryLabels.Contains(label);
            foreach (var (id, (source, _)) in current)
                if ((mirrored ? desired.HasRegistry : scope.Covers(label == "Source" ? id : source)) && !desired.Entities[label].ContainsKey(id))
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
            var inPlace = false;
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
                    plan.StanceRemovals.Add((row.Key, old.Type));
                    var oldCounts = stanceCounts[old.Type];
                    oldCounts.Deleted++;
                    stanceCounts[old.Type] = oldCounts;
                }
                inPlace = existing.Any(e => e.Type == row.Type);
                if (inPlace) counts.Updated++;
                else counts.Created++;
            }
            stanceCounts[row.Type] = counts;
            (inPlace ? plan.StanceUpdates : plan.StanceCreates).Add(row);
        }
        foreach (var (key, existing) in store.Stances)
        {
            if (desired.Stances.ContainsKey(key) || !scope.Covers(key.Source)) continue;
            foreach (var old in existing)
            {
                plan.StanceRemovals.Add((key, old.Type));
                var counts = stanceCounts[old.Type];
                counts.Deleted++;
                stanceCounts[old.Type] = counts;
            }
        }
        foreach (var (type, c) in stanceCounts) plan.StanceChanges[type] = new ChangeCount(c.Created, c.Updated, c.Deleted, c.Unchanged);

        if (network is not null)
            plan.Network = NetworkPlan.Derive(NetworkPlan.StancesAfter(desired, store, plan, scope), network).Diff(store.Network);
        return plan;
    }
}
