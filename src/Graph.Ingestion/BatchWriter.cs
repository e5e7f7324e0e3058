using Graph.Client;
using System.Diagnostics;
using Graph.Ingestion.Planning;
using Microsoft.Extensions.Logging;

namespace Graph.Ingestion;

/// <summary>Writes a plan through the statements of cypher/ingest, in batches of UNWIND rows, inside one transaction.</summary>
internal sealed class BatchWriter
{
    private readonly IAsyncTransaction _tx;
    private readonly CypherScripts _scripts;
    private readonly IngestionOptions _options;
    private readonly IngestionPlan _plan;
    private readonly CancellationToken _cancellationToken;
    private readonly long _total;
    private readonly Dictionary<string, Counters> _byType = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    public BatchWriter(IAsyncTransaction tx, CypherScripts scripts, IngestionOptions options, IngestionPlan plan, ILogger logger, CancellationToken cancellationToken)
    {
        _logger = logger;
        _tx = tx;
        _scripts = scripts;
        _options = options;
        _plan = plan;
        _cancellationToken = cancellationToken;
        var upserts = plan.Upserts.Values.Sum(l => (long)l.Count);
        _total = upserts + plan.Removals.Values.Sum(l => (long)l.Count) + plan.StanceCreates.Count + plan.StanceUpdates.Count + plan.StanceRemovals.Count
                 + plan.Network.UpsertCount + plan.Network.Removals.Count
                 + plan.Upserts.Sum(p => (long)p.Value.Count * DesiredState.LinkTypes.Count(t => t.Label == p.Key));
    }

    public Counters Counters { get; private set; } = Counters.None;
    public long RowsWritten { get; private set; }
    public int Batches { get; private set; }

    public async Task WriteAsync()
    {
        foreach (var label in DesiredState.Labels)
            await RunAsync($"ingest/upsert/{DesiredState.FileOf(label)}.cypher", _plan.Upserts[label].Select(r => r.ToUpsertRow()), "nodes", null);

        // Stances before entities: removing an entity detaches whatever still points at it.
        foreach (var type in new[] { "ENDORSES", "CRITICIZES" })
            await RunAsync($"ingest/stances/remove-{type.ToLowerInvariant()}.cypher",
                _plan.StanceRemovals.Where(r => r.Type == type).Select(r => Row(("expert", r.Key.Expert), ("claim", r.Key.Claim), ("source", r.Key.Source))), "stances", type);
        foreach (var label in DesiredState.Labels.Reverse())
            await RunAsync($"ingest/remove/{DesiredState.FileOf(label)}.cypher", _plan.Removals[label].Select(id => Row(("id", id))), "removals", null);

        foreach (var (label, type, script) in DesiredState.LinkTypes)
            await RunAsync($"ingest/link/{script}.cypher", _plan.Upserts[label].Select(r => r.ToLinkRow(type)), "relationships", type);

        foreach (var type in new[] { "ENDORSES", "CRITICIZES" })
        {
            var file = type.ToLowerInvariant();
            await RunAsync($"ingest/stances/update-{file}.cypher", _plan.StanceUpdates.Where(s => s.Type == type).Select(s => s.ToUpsertRow()), "stances", type);
            await RunAsync($"ingest/stances/{file}.cypher", _plan.StanceCreates.Where(s => s.Type == type).Select(s => s.ToUpsertRow()), "stances", type);
        }

        // The discourse network depends on every stance: the plan derived it from the post-load stances; write the changed pairs.
        foreach (var type in NetworkPlan.Types)
        {
            var file = type.ToLowerInvariant().Replace('_', '-');
            await RunAsync($"ingest/derive/remove-{file}.cypher", _plan.Network.Removals.Where(p => p.Type == type).Select(p => p.ToRemoveRow()), "network", type);
            await RunAsync($"ingest/derive/update-{file}.cypher", _plan.Network.Updates(type).Select(p => p.ToUpsertRow()), "network", type);
            await RunAsync($"ingest/derive/{file}.cypher", _plan.Network.Creates(type).Select(p => p.ToUpsertRow()), "network", type);
        }
        _options.Progress?.Report(new IngestionProgress("done", RowsWritten, _total));
    }

    private async Task RunAsync(string script, IEnumerable<Dictionary<string, object?>> rows, string stage, string? type)
    {
        var statements = _scripts.Get(script);
        var clock = Stopwatch.StartNew();
        var before = RowsWritten;
        foreach (var batch in rows.Chunk(_options.BatchSize))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var parameters = new Dictionary<string, object?> { ["rows"] = batch.Cast<object?>().ToList() };
            foreach (var statement in statements)
                Track(type, (await _tx.RunAsync(statement, parameters, _cancellationToken)).Counters);
            RowsWritten += batch.Length;
            Batches++;
            _options.Progress?.Report(new IngestionProgress(stage, RowsWritten, _total));
            if (_options.AfterBatch is { } hook) await hook(Batches);
        }
        if (RowsWritten > before)
            _logger.LogDebug("Wrote {Rows} rows with {Script} in {Elapsed} ms", RowsWritten - before, script, clock.ElapsedMilliseconds);
    }

    private void Track(string? type, Counters counters)
    {
        Counters += counters;
        if (type is not null) _byType[type] = (_byType.TryGetValue(type, out var c) ? c : Counters.None) + counters;
    }

    private static Dictionary<string, object?> Row(params (string Key, object? Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value);

    /// <summary>Per relationship type: stances from the plan, owned and derived relationships from the store's counters.</summary>
    public Dictionary<string, ChangeCount> RelationshipChanges()
    {
        var changes = new Dictionary<string, ChangeCount>(_plan.StanceChanges, StringComparer.Ordinal);
        foreach (var (_, type, _) in DesiredState.LinkTypes)
        {
            var c = _byType.TryGetValue(type, out var found) ? found : Counters.None;
            changes[type] = new ChangeCount(c.RelationshipsCreated, 0, c.RelationshipsDeleted, null);
        }
        foreach (var type in new[] { "AGREES_WITH", "DISAGREES_WITH" })
        {
            var c = _byType.TryGetValue(type, out var found) ? found : Counters.None;
            // Each written pair sets weight and claims; pairs not created were updated.
            var updated = Math.Max(0, c.PropertiesSet / 2 - c.RelationshipsCreated);
            changes[type] = new ChangeCount(c.RelationshipsCreated, updated, c.RelationshipsDeleted, null);
        }
        return changes;
    }
}
