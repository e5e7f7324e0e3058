using Graph.Client;
using Graph.Core.Diagnostics;
using Graph.Ingestion.Planning;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Graph.Ingestion.Hosting;

/// <summary>
/// The hosted ingestion: loads graph-data once and stops the application, or (Watch) keeps running and reloads
/// after each burst of file changes, logging every reload.
/// </summary>
public sealed class IngestionWorker : BackgroundService
{
    private readonly GraphLoader _loader;
    private readonly IngestionSettings _settings;
    private readonly IngestionEvents _events;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<IngestionWorker> _logger;
    private readonly string? _database;

    public IngestionWorker(GraphLoader loader, IOptions<IngestionSettings> settings, IngestionEvents events,
        IHostApplicationLifetime lifetime, ILogger<IngestionWorker> logger, IOptions<Neo4jSettings>? neo4j = null)
    {
        _loader = loader;
        _settings = settings.Value;
        _events = events;
        _lifetime = lifetime;
        _logger = logger;
        _database = _settings.Target == "neo4j" ? neo4j?.Value.Database : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Yield first so the host finishes starting before the (synchronous) read begins.
            await Task.Yield();
            await LoadOnceAsync(stoppingToken);
            if (!_settings.Watch) return;
            if (!Directory.Exists(_settings.DataDirectory))
            {
                _logger.LogError("Cannot watch {Directory}: it does not exist", _settings.DataDirectory);
                _lifetime.StopApplication();
                return;
            }

            using var watcher = new GraphDataWatcher(_settings.DataDirectory, TimeSpan.FromMilliseconds(_settings.DebounceMilliseconds));
            _logger.LogInformation("Watching {Directory} for changes", _settings.DataDirectory);
            while (!stoppingToken.IsCancellationRequested)
            {
                var changed = await watcher.WaitForChangesAsync(stoppingToken);
                _logger.LogInformation("{Count} files changed ({First}...); reloading", changed.Count, changed[0]);
                await LoadOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (!_settings.Watch) _lifetime.StopApplication();
        }
    }

    private async Task LoadOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = await _loader.LoadAsync(_settings.DataDirectory, new IngestionOptions
            {
                BatchSize = _settings.BatchSize,
                DryRun = _settings.DryRun,
                Full = _settings.Full,
                DeriveNetwork = _settings.DeriveNetwork,
                Network = new NetworkLimits { MaxClaimParticipants = _settings.NetworkMaxClaimParticipants, PairBudget = _settings.NetworkPairBudget },
                Database = _database,
                Progress = _events.Progress,
            }, cancellationToken);
            foreach (var error in report.Diagnostics.Where(d => d.Severity == Severity.Error))
                _logger.LogError("{Diagnostic}", error.ToString());
            _events.OnLoaded(report);
        }
        catch (Exception e) when (e is IngestionException or GraphException)
        {
            // In watch mode a failed reload leaves the previous load in place; the next change tries again.
            _logger.LogError("Load failed: {Message}", e.Message);
            _events.OnFailed(e);
        }
    }
}
