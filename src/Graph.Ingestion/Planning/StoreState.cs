using Graph.Client;

namespace Graph.Ingestion.Planning;

/// <summary>What the store holds now: loaded entities and stances with their content hashes.</summary>
public sealed class StoreState
{
    public Dictionary<string, Dictionary<string, (string Source, string Hash)>> Entities { get; } =
        DesiredState.Labels.ToDictionary(l => l, _ => new Dictionary<string, (string, string)>(StringComparer.Ordinal));

    public Dictionary<(string Expert, string Claim), List<(string Type, string? Source, string? Hash)>> Stances { get; } = [];

    /// <summary>The derived AGREES_WITH / DISAGREES_WITH pairs with their claim lists (null when a relationship has none).</summary>
    public Dictionary<(string A, string B, string Type), List<string>?> Network { get; } = [];

    public static async Task<StoreState> ReadAsync(IQueryRunner runner, CypherScripts scripts, CancellationToken cancellationToken, bool readNetwork = true)
    {
        var state = new StoreState();
        foreach (var record in (await runner.RunAsync(scripts.Get("ingest/read/entities.cypher").Single(), null, cancellationToken)).Records)
        {
            var labels = record.Get<List<string>>("labels");
            var label = labels.FirstOrDefault(l => state.Entities.ContainsKey(l));
            if (label is null || record["id"] is not string id) continue;
            state.Entities[label][id] = ((record["source"] as string) ?? "", (record["hash"] as string) ?? "");
        }
        foreach (var record in (await runner.RunAsync(scripts.Get("ingest/read/stances.cypher").Single(), null, cancellationToken)).Records)
        {
            if (record["expert"] is not string expert || record["claim"] is not string claim) continue;
            var key = (expert, claim);
            if (!state.Stances.TryGetValue(key, out var list)) state.Stances[key] = list = [];
            list.Add(((string)record["type"]!, record["source"] as string, record["hash"] as string));
        }
        if (readNetwork)
            foreach (var record in (await runner.RunAsync(scripts.Get("ingest/read/network.cypher").Single(), null, cancellationToken)).Records)
            {
                if (record["a"] is not string a || record["b"] is not string b) continue;
                var claims = record["claims"] is IEnumerable<object?> list ? list.Select(c => c as string ?? "").ToList() : null;
                state.Network[(a, b, (string)record["type"]!)] = claims;
            }
        return state;
    }
}
