using Graph.Client;

namespace Graph.Ingestion.Planning;

/// <summary>What the store holds now (of the load's scope): loaded entities and stances with their content hashes.</summary>
public sealed class StoreState
{
    public Dictionary<string, Dictionary<string, (string? Source, string Hash)>> Entities { get; } =
        DesiredState.Labels.ToDictionary(l => l, _ => new Dictionary<string, (string?, string)>(StringComparer.Ordinal));

    /// <summary>Stances by (document, expert, claim); more than one relationship only when the store was edited by hand.</summary>
    public Dictionary<StanceKey, List<(string Type, string? Hash)>> Stances { get; } = [];

    /// <summary>The derived AGREES_WITH / DISAGREES_WITH pairs with their claim lists (null when a relationship has none); read by full loads only.</summary>
    public Dictionary<(string A, string B, string Type), List<string>?> Network { get; } = [];

    public static async Task<StoreState> ReadAsync(IQueryRunner runner, CypherScripts scripts, LoadScope scope, CancellationToken cancellationToken, bool readNetwork = true)
    {
        var state = new StoreState();
        var documents = new Dictionary<string, object?> { ["documents"] = scope.ScopedDocuments.Cast<object?>().ToList() };
        var entityQuery = scope.IsFull ? "ingest/read/entities.cypher" : "ingest/read/document-entities.cypher";
        foreach (var record in (await runner.RunAsync(scripts.Get(entityQuery).Single(), documents, cancellationToken)).Records)
        {
            var labels = record.Get<List<string>>("labels");
            var label = labels.FirstOrDefault(l => state.Entities.ContainsKey(l));
            if (label is null || record["id"] is not string id) continue;
            state.Entities[label][id] = (DesiredState.RegistryLabels.Contains(label) ? null : record["source"] as string, (record["hash"] as string) ?? "");
        }
        if (!scope.IsFull && scope.Registry)
            foreach (var record in (await runner.RunAsync(scripts.Get("ingest/read/registry.cypher").Single(), null, cancellationToken)).Records)
            {
                var label = record.Get<List<string>>("labels").FirstOrDefault(DesiredState.RegistryLabels.Contains);
                if (label is null || record["id"] is not string id) continue;
                state.Entities[label][id] = (null, (record["hash"] as string) ?? "");
            }
        var stanceQuery = scope.IsFull ? "ingest/read/stances.cypher" : "ingest/read/document-stances.cypher";
        if (scope.IsFull || scope.ScopedDocuments.Count > 0)
            foreach (var record in (await runner.RunAsync(scripts.Get(stanceQuery).Single(), documents, cancellationToken)).Records)
            {
                if (record["expert"] is not string expert || record["claim"] is not string claim) continue;
                var key = new StanceKey(record["source"] as string ?? "", expert, claim);
                if (!state.Stances.TryGetValue(key, out var list)) state.Stances[key] = list = [];
                list.Add(((string)record["type"]!, record["hash"] as string));
            }
        if (readNetwork && scope.IsFull)
            foreach (var record in (await runner.RunAsync(scripts.Get("ingest/read/network.cypher").Single(), null, cancellationToken)).Records)
            {
                if (record["a"] is not string a || record["b"] is not string b) continue;
                var claims = record["claims"] is IEnumerable<object?> list ? list.Select(c => c as string ?? "").ToList() : null;
                state.Network[(a, b, (string)record["type"]!)] = claims;
            }
        return state;
    }

    /// <summary>
    /// The state a previous read of the same documents describes: what the store holds for them when the manifest
    /// says the store was loaded from exactly that version (a save compares the document before and after the edit).
    /// </summary>
    public static StoreState Of(DesiredState previous)
    {
        var state = new StoreState();
        foreach (var (label, rows) in previous.Entities)
            foreach (var row in rows.Values) state.Entities[label][row.Id] = (row.Source, row.Hash);
        foreach (var row in previous.Stances.Values) state.Stances[row.Key] = [(row.Type, row.Hash)];
        return state;
    }
}
