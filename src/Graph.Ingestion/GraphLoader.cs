using System.Diagnostics;
using Graph.Client;
using Graph.Core;
using Graph.Core.Diagnostics;
using Graph.Core.Reading;
using Graph.Core.Validation;
using Graph.Ingestion.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Graph.Ingestion;

/// <summary>
/// Loads a graph-data directory into any store behind <see cref="IDriver"/>: read ► validate everything ► plan
/// (diff against the store) ► write in batches, all in one transaction. Invalid input writes nothing; a failure
/// while writing rolls everything back. Loading unchanged data writes nothing.
/// </summary>
public sealed class GraphLoader
{
    private readonly IDriver _driver;
    private readonly CypherScripts _scripts;
    private readonly ILogger _logger;

    public GraphLoader(IDriver driver, CypherScripts? scripts = null, ILogger<GraphLoader>? logger = null)
    {
        _driver = driver;
        _scripts = scripts ?? new CypherScripts();
        _logger = logger ?? NullLogger<GraphLoader>.Instance;
    }

    public async Task<IngestionReport> LoadAsync(string dataDirectory, IngestionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new IngestionOptions();
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), "The batch size must be at least 1.");
        var clock = Stopwatch.StartNew();
        // Content hashes of every file, from their bytes: compared with the store's manifest, they say what changed.
        var fingerprint = GraphDataFingerprint.Compute(dataDirectory);
        _logger.LogDebug("Hashed {Directory} ({Documents} documents) in {Elapsed} ms", dataDirectory, fingerprint.Documents.Count, (long)clock.Elapsed.TotalMilliseconds);

        await using var session = _driver.AsyncSession(new SessionConfig { Database = options.Database });
        // Schema changes run outside the data transaction, as Neo4j requires (IF NOT EXISTS: cheap when in place).
        var schema = options.DryRun ? Counters.None : await EnsureSchemaAsync(session, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            await using var tx = await session.BeginTransactionAsync(null, cancellationToken);
            LoadScope? scope = null;
            try
            {
                var manifest = await LoadManifest.ReadAsync(tx, _scripts, cancellationToken);
                scope = attempt > 0 || options.Full ? LoadScope.Full : ScopeOf(manifest, fingerprint, options);
                if (scope is null)
                {
                    // Nothing changed since the last load: no file is read, nothing is planned.
                    var (nodes, relationships) = await CountAsync(tx, cancellationToken);
                    await tx.RollbackAsync(cancellationToken);
                    _logger.LogInformation("{Directory} is unchanged since the last load (content hashes match the store's manifest); nothing to do ({Elapsed} ms)",
                        dataDirectory, (long)clock.Elapsed.TotalMilliseconds);
                    return new IngestionReport
                    {
                        DataDirectory = dataDirectory, Diagnostics = [], DryRun = options.DryRun, Mode = LoadMode.Unchanged,
                        NodeCounts = nodes, RelationshipCounts = relationships, Network = manifest!.Summary, Elapsed = clock.Elapsed,
                    };
                }

                var (diagnostics, desired) = await ReadAsync(tx, dataDirectory, fingerprint, scope, options, cancellationToken);
                if (desired is null)
                {
                    await tx.RollbackAsync(cancellationToken);
                    _logger.LogWarning("Graph-data in {Directory} has {ErrorCount} errors; nothing was loaded", dataDirectory, diagnostics.Count(d => d.Severity == Severity.Error));
                    return new IngestionReport { DataDirectory = dataDirectory, Diagnostics = diagnostics, DryRun = options.DryRun, Elapsed = clock.Elapsed };
                }
                _logger.LogInformation("Read {Documents} documents{Registry} from {Directory}: {Experts} experts, {Claims} claims, {Stances} stances in {Elapsed} ms",
                    desired.Sources.Count, scope.Registry ? " and the registry" : "", dataDirectory, desired.Entities["Expert"].Count, desired.Entities["Claim"].Count,
                    desired.Stances.Count, (long)clock.Elapsed.TotalMilliseconds);

                var store = await StoreState.ReadAsync(tx, _scripts, scope, cancellationToken, options.DeriveNetwork);
                _logger.LogDebug("Read the store in {Elapsed} ms: {Stances} stances, {Pairs} derived pairs",
                    (long)clock.Elapsed.TotalMilliseconds, store.Stances.Count, store.Network.Count);
                var plan = IngestionPlan.Create(desired, store, scope, options.DeriveNetwork && scope.IsFull ? options.Network : null);
                if (!scope.IsFull && DesiredState.RegistryLabels.Any(l => plan.Removals[l].Count > 0))
                {
                    // Removing a registry entry may break documents that were not read: check everything.
                    _logger.LogInformation("The registry removes entries; re-reading every document to check their references");
                    await tx.RollbackAsync(cancellationToken);
                    continue;
                }
                if (!scope.IsFull && options.DeriveNetwork)
                    plan.Network = await NetworkDelta.ComputeAsync(tx, _scripts, plan, manifest!.Summary, options.Network.PairBudget, cancellationToken);
                return await WriteAsync(tx, dataDirectory, diagnostics, plan, fingerprint, manifest, scope, schema, options, clock, cancellationToken);
            }
            catch (Exception e)
            {
                if (tx.IsOpen) await tx.RollbackAsync(CancellationToken.None);
                if (e is IngestionException && scope is { IsFull: false } && options.Network.FitToBudget)
                    continue;   // an incremental network above the budget: a full load fits the limit again
                // Expected failures (a store error, a limit, a cancellation) are told in one line; only a bug logs its stack.
                if (e is OperationCanceledException or IngestionException or GraphException)
                    _logger.LogError("Loading {Directory} failed and was rolled back, the store is unchanged: {Message}", dataDirectory, e.Message);
                else
                    _logger.LogError(e, "Loading {Directory} failed; the transaction was rolled back and the store is unchanged", dataDirectory);
                if (e is OperationCanceledException or IngestionException) throw;
                throw new IngestionException($"loading {dataDirectory} failed and was rolled back, the store is unchanged: {e.Message}", e);
            }
        }
    }

    /// <summary>
    /// What this load must read: null when nothing changed; everything when there is no usable manifest (first
    /// load, another format, other network settings); otherwise the registry if it changed and the documents
    /// that changed, appeared or disappeared.
    /// </summary>
    internal static LoadScope? ScopeOf(LoadManifest? manifest, GraphDataFingerprint fingerprint, IngestionOptions options)
    {
        if (manifest is null || manifest.Format != LoadManifest.CurrentFormat || manifest.Network != LoadManifest.NetworkSettings(options))
            return LoadScope.Full;
        var changed = fingerprint.Documents.Where(d => manifest.Documents.GetValueOrDefault(d.Key) != d.Value).Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        var removed = manifest.Documents.Keys.Where(d => !fingerprint.Documents.ContainsKey(d)).ToHashSet(StringComparer.Ordinal);
        var registry = manifest.Registry != fingerprint.Registry;
        return changed.Count == 0 && removed.Count == 0 && !registry ? null : new LoadScope(registry, changed, removed);
    }

    private async Task<IngestionReport> WriteAsync(IAsyncTransaction tx, string dataDirectory, IReadOnlyList<Diagnostic> diagnostics, IngestionPlan plan,
        GraphDataFingerprint fingerprint, LoadManifest? previous, LoadScope scope, Counters schema, IngestionOptions options, Stopwatch clock, CancellationToken cancellationToken)
    {
        _logger.LogInformation("Planned in {Elapsed} ms: {Upserts} entities to write, {Removals} to remove, {Stances} stances to write, {StanceRemovals} to remove, {Pairs} network pairs to write, {PairRemovals} to remove",
            (long)clock.Elapsed.TotalMilliseconds, plan.Upserts.Values.Sum(l => l.Count), plan.Removals.Values.Sum(l => l.Count),
            plan.StanceCreates.Count + plan.StanceUpdates.Count, plan.StanceRemovals.Count, plan.Network.UpsertCount, plan.Network.Removals.Count);
        if (plan.Network.Summary.ClaimsLeftOut > 0)
            _logger.LogInformation("The discourse network leaves out {Claims} claims with more than {Max} participants (largest: {Largest})",
                plan.Network.Summary.ClaimsLeftOut, plan.Network.Summary.MaxClaimParticipants,
                string.Join(", ", plan.Network.Summary.LargestLeftOut.Select(c => $"{c.Claim} ({c.Participants})")));
        var writer = new BatchWriter(tx, _scripts, options, plan, _logger, cancellationToken);
        if (!options.DryRun && !plan.IsEmpty) await writer.WriteAsync();
        var manifest = LoadManifest.Of(fingerprint, options, plan.Network.Summary);
        if (!options.DryRun && !manifest.SameAs(previous)) await manifest.WriteAsync(tx, _scripts, cancellationToken);

        var (nodeCounts, relationshipCounts) = await CountAsync(tx, cancellationToken);
        if (options.DryRun) await tx.RollbackAsync(cancellationToken);
        else await tx.CommitAsync(cancellationToken);

        var report = new IngestionReport
        {
            DataDirectory = dataDirectory,
            Diagnostics = diagnostics,
            DryRun = options.DryRun,
            Mode = scope.IsFull ? LoadMode.Full : LoadMode.Incremental,
            DocumentsRead = scope.Documents?.Count ?? fingerprint.Documents.Count,
            Nodes = plan.EntityChanges,
            Relationships = writer.RelationshipChanges(),
            NodeCounts = nodeCounts,
            RelationshipCounts = relationshipCounts,
            StoreCounters = schema + writer.Counters,
            RowsWritten = writer.RowsWritten,
            Network = plan.Network.Summary,
            Batches = writer.Batches,
            Elapsed = clock.Elapsed,
        };
        _logger.LogInformation(
            "Loaded {Directory} into {Store}{DryRun} ({Mode}): {NodesCreated} nodes created, {NodesDeleted} deleted, {RelationshipsCreated} relationships created, {RelationshipsDeleted} deleted, {PropertiesSet} properties set, {Rows} rows in {Batches} batches, {Elapsed} ms",
            dataDirectory, _driver.Description, options.DryRun ? " (dry run, rolled back)" : "", report.Mode, report.StoreCounters.NodesCreated, report.StoreCounters.NodesDeleted,
            report.StoreCounters.RelationshipsCreated, report.StoreCounters.RelationshipsDeleted, report.StoreCounters.PropertiesSet,
            report.RowsWritten, report.Batches, (long)clock.Elapsed.TotalMilliseconds);
        return report;
    }

    /// <summary>
    /// Reads and validates graph-data (the part in scope) and turns it into rows; only the rows live through the
    /// writes. A partial read checks its references against the store.
    /// </summary>
    private async Task<(IReadOnlyList<Diagnostic> Diagnostics, DesiredState? Desired)> ReadAsync(IQueryRunner runner, string dataDirectory,
        GraphDataFingerprint fingerprint, LoadScope scope, IngestionOptions options, CancellationToken cancellationToken)
    {
        var data = scope.IsFull
            ? GraphData.Load(dataDirectory, options.GraphData)
            : await PartialRead.LoadAsync(runner, _scripts, dataDirectory, new GraphDataSelection(scope.Registry, scope.Documents),
                fingerprint.Documents.Keys, scope.ScopedDocuments, options.GraphData, cancellationToken);
        return (data.Diagnostics, data.IsValid ? DesiredState.From(data.Data) : null);
    }

    /// <summary>Unique constraints on the ids (cypher/schema.cypher). Schema changes run outside the data transaction, as Neo4j requires.</summary>
    private async Task<Counters> EnsureSchemaAsync(IAsyncSession session, CancellationToken cancellationToken)
    {
        var counters = Counters.None;
        foreach (var statement in _scripts.Get("schema.cypher"))
            counters += (await session.RunAsync(statement, null, cancellationToken)).Counters;
        return counters;
    }

    private async Task<(Dictionary<string, long>, Dictionary<string, long>)> CountAsync(IQueryRunner runner, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, long>(StringComparer.Ordinal);
        var types = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var record in (await runner.RunAsync(_scripts.Get("ingest/read/counts.cypher").Single(), null, cancellationToken)).Records)
        {
            var into = (string)record["kind"]! == "label" ? labels : types;
            var name = (string)record["name"]!;
            if (name != "GraphDataManifest") into[name] = record.Get<long>("count");
        }
        return (labels, types);
    }
}
