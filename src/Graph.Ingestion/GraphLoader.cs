using System.Diagnostics;
using Graph.Client;
using Graph.Core;
using Graph.Core.Diagnostics;
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

        var (diagnostics, desired) = Read(dataDirectory, options);
        if (desired is null)
        {
            _logger.LogWarning("Graph-data in {Directory} has {ErrorCount} errors; nothing was loaded", dataDirectory, diagnostics.Count(d => d.Severity == Severity.Error));
            return new IngestionReport { DataDirectory = dataDirectory, Diagnostics = diagnostics, DryRun = options.DryRun, Elapsed = clock.Elapsed };
        }
        _logger.LogInformation("Read {Documents} documents from {Directory}: {Experts} experts, {Claims} claims, {Stances} stances in {Elapsed} ms",
            desired.Sources.Count, dataDirectory, desired.Entities["Expert"].Count, desired.Entities["Claim"].Count, desired.Stances.Count,
            (long)clock.Elapsed.TotalMilliseconds);

        await using var session = _driver.AsyncSession(new SessionConfig { Database = options.Database });
        var counters = options.DryRun ? Counters.None : await EnsureSchemaAsync(session, cancellationToken);

        await using var tx = await session.BeginTransactionAsync(null, cancellationToken);
        try
        {
            var store = await StoreState.ReadAsync(tx, _scripts, cancellationToken, options.DeriveNetwork);
            _logger.LogDebug("Read the store in {Elapsed} ms: {Stances} stances, {Pairs} derived pairs",
                (long)clock.Elapsed.TotalMilliseconds, store.Stances.Count, store.Network.Count);
            var plan = IngestionPlan.Create(desired, store, options.DeriveNetwork ? options.Network : null);
            _logger.LogInformation("Planned in {Elapsed} ms: {Upserts} entities to write, {Removals} to remove, {Stances} stances to write, {StanceRemovals} to remove, {Pairs} network pairs to write, {PairRemovals} to remove",
                (long)clock.Elapsed.TotalMilliseconds, plan.Upserts.Values.Sum(l => l.Count), plan.Removals.Values.Sum(l => l.Count),
                plan.StanceCreates.Count + plan.StanceUpdates.Count, plan.StanceRemovals.Count, plan.Network.UpsertCount, plan.Network.Removals.Count);
            if (plan.Network.Summary.ClaimsLeftOut > 0)
                _logger.LogInformation("The discourse network leaves out {Claims} claims with more than {Max} participants (largest: {Largest})",
                    plan.Network.Summary.ClaimsLeftOut, plan.Network.Summary.MaxClaimParticipants,
                    string.Join(", ", plan.Network.Summary.LargestLeftOut.Select(c => $"{c.Claim} ({c.Participants})")));
            var writer = new BatchWriter(tx, _scripts, options, plan, _logger, cancellationToken);
            if (!options.DryRun && !plan.IsEmpty) await writer.WriteAsync();

            var (nodeCounts, relationshipCounts) = await CountAsync(tx, cancellationToken);
            if (options.DryRun) await tx.RollbackAsync(cancellationToken);
            else await tx.CommitAsync(cancellationToken);

            var report = new IngestionReport
            {
                DataDirectory = dataDirectory,
                Diagnostics = diagnostics,
                DryRun = options.DryRun,
                Nodes = plan.EntityChanges,
                Relationships = writer.RelationshipChanges(),
                NodeCounts = nodeCounts,
                RelationshipCounts = relationshipCounts,
                StoreCounters = counters + writer.Counters,
                RowsWritten = writer.RowsWritten,
                Network = plan.Network.Summary,
                Batches = writer.Batches,
                Elapsed = clock.Elapsed,
            };
            _logger.LogInformation(
                "Loaded {Directory} into {Store}{DryRun}: {NodesCreated} nodes created, {NodesDeleted} deleted, {RelationshipsCreated} relationships created, {RelationshipsDeleted} deleted, {PropertiesSet} properties set, {Rows} rows in {Batches} batches, {Elapsed} ms",
                dataDirectory, _driver.Description, options.DryRun ? " (dry run, rolled back)" : "", report.StoreCounters.NodesCreated, report.StoreCounters.NodesDeleted,
                report.StoreCounters.RelationshipsCreated, report.StoreCounters.RelationshipsDeleted, report.StoreCounters.PropertiesSet,
                report.RowsWritten, report.Batches, (long)clock.Elapsed.TotalMilliseconds);
            return report;
        }
        catch (Exception e)
        {
            if (tx.IsOpen) await tx.RollbackAsync(CancellationToken.None);
            // Expected failures (a store error, a limit, a cancellation) are told in one line; only a bug logs its stack.
            if (e is OperationCanceledException or IngestionException or GraphException)
                _logger.LogError("Loading {Directory} failed and was rolled back, the store is unchanged: {Message}", dataDirectory, e.Message);
            else
                _logger.LogError(e, "Loading {Directory} failed; the transaction was rolled back and the store is unchanged", dataDirectory);
            if (e is OperationCanceledException or IngestionException) throw;
            throw new IngestionException($"loading {dataDirectory} failed and was rolled back, the store is unchanged: {e.Message}", e);
        }
    }

    /// <summary>
    /// Validates graph-data and turns it into rows. Kept out of the async load so that the parsed documents are
    /// garbage once the rows exist: only the rows live through the writes.
    /// </summary>
    private static (IReadOnlyList<Diagnostic> Diagnostics, DesiredState? Desired) Read(string dataDirectory, IngestionOptions options)
    {
        var data = GraphData.Load(dataDirectory, options.GraphData);
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
            into[(string)record["name"]!] = record.Get<long>("count");
        }
        return (labels, types);
    }
}
