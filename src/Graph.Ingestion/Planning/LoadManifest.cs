using Graph.Client;
using Graph.Core.Reading;

namespace Graph.Ingestion.Planning;

/// <summary>
/// What the last load wrote, stored in the database beside the data (a (:GraphDataManifest) node, written in the
/// load's own transaction): the content hash of the registry and of each document it loaded, the network settings
/// and the network's running summary. A load compares it with the files' hashes: unchanged files need no reading,
/// changed documents are re-read alone. The hashes are always computed from the files' bytes, so a changed file is
/// always noticed; a missing or older manifest, or other network settings, make a full load.
/// </summary>
public sealed record LoadManifest
{
    /// <summary>Raised whenever the mapping from graph-data to the store changes, so older manifests force a full load.</summary>
    public const long CurrentFormat = 1;

    public long Format { get; init; } = CurrentFormat;
    public required string Registry { get; init; }
    public required IReadOnlyDictionary<string, string> Documents { get; init; }

    /// <summary>The network settings the store was derived with ("none" when not derived).</summary>
    public required string Network { get; init; }

    /// <summary>The participant limit in force (fitted to the budget, or as configured).</summary>
    public long MaxParticipants { get; init; }

    /// <summary>Sum of n(n-1)/2 over the claims in the network: the bound the pair budget is checked against.</summary>
    public long PairEstimate { get; init; }
    public long Pairs { get; init; }
    public long ClaimsUsed { get; init; }
    public long ClaimsLeftOut { get; init; }

    public static string NetworkSettings(IngestionOptions options) => options.DeriveNetwork
        ? $"max={options.Network.MaxClaimParticipants};budget={options.Network.PairBudget};fit={options.Network.FitToBudget}"
        : "none";

    public static LoadManifest Of(GraphDataFingerprint fingerprint, IngestionOptions options, NetworkSummary network) => new()
    {
        Registry = fingerprint.Registry,
        Documents = fingerprint.Documents,
        Network = NetworkSettings(options),
        MaxParticipants = network.MaxClaimParticipants,
        PairEstimate = network.PairEstimate,
        Pairs = network.Pairs,
        ClaimsUsed = network.ClaimsUsed,
        ClaimsLeftOut = network.ClaimsLeftOut,
    };

    /// <summary>True when <paramref name="other"/> records the same (so a load that changed nothing writes nothing).</summary>
    public bool SameAs(LoadManifest? other) => other is not null && other.Format == Format && other.Registry == Registry && other.Network == Network
        && other.MaxParticipants == MaxParticipants && other.PairEstimate == PairEstimate && other.Pairs == Pairs && other.ClaimsUsed == ClaimsUsed
        && other.ClaimsLeftOut == ClaimsLeftOut && other.Documents.Count == Documents.Count
        && other.Documents.All(d => Documents.TryGetValue(d.Key, out var h) && h == d.Value);

    public NetworkSummary Summary => new(Pairs, (int)ClaimsUsed, (int)ClaimsLeftOut, [], (int)MaxParticipants) { PairEstimate = PairEstimate };

    public static async Task<LoadManifest?> ReadAsync(IQueryRunner runner, CypherScripts scripts, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(scripts.Get("ingest/manifest/read.cypher").Single(), null, cancellationToken);
        if (result.Records.Count == 0 || result.Records[0]["manifest"] is not IReadOnlyDictionary<string, object?> p) return null;
        try
        {
            var ids = ((IEnumerable<object?>)p["documents"]!).Select(x => (string)x!).ToList();
            var hashes = ((IEnumerable<object?>)p["hashes"]!).Select(x => (string)x!).ToList();
            if (ids.Count != hashes.Count) return null;
            return new LoadManifest
            {
                Format = (long)p["format"]!,
                Registry = (string)p["registry"]!,
                Documents = new SortedDictionary<string, string>(ids.Zip(hashes).ToDictionary(x => x.First, x => x.Second), StringComparer.Ordinal),
                Network = (string)p["network"]!,
                MaxParticipants = (long)p["maxParticipants"]!,
                PairEstimate = (long)p["pairEstimate"]!,
                Pairs = (long)p["pairs"]!,
                ClaimsUsed = (long)p["claimsUsed"]!,
                ClaimsLeftOut = (long)p["claimsLeftOut"]!,
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidCastException or NullReferenceException or ArgumentException)
        {
            return null;   // a manifest we cannot read is no manifest: the load re-reads everything
        }
    }

    public async Task WriteAsync(IQueryRunner runner, CypherScripts scripts, CancellationToken cancellationToken)
    {
        var properties = new Dictionary<string, object?>
        {
            ["id"] = "graph-data",
            ["format"] = Format,
            ["registry"] = Registry,
            ["documents"] = Documents.Keys.Cast<object?>().ToList(),
            ["hashes"] = Documents.Values.Cast<object?>().ToList(),
            ["network"] = Network,
            ["maxParticipants"] = MaxParticipants,
            ["pairEstimate"] = PairEstimate,
            ["pairs"] = Pairs,
            ["claimsUsed"] = ClaimsUsed,
            ["claimsLeftOut"] = ClaimsLeftOut,
        };
        await runner.RunAsync(scripts.Get("ingest/manifest/write.cypher").Single(), new Dictionary<string, object?> { ["properties"] = properties }, cancellationToken);
    }
}
