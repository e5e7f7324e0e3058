using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Graph.Client;
using Graph.Queries;

namespace Graph.Web;

/// <summary>
/// Keeps the query library's whole-debate work (snapshot, network, communities) and the computed views between
/// requests, per store, for as long as the store's fingerprint (<see cref="DebateQueries.FingerprintAsync"/>) is
/// unchanged and at most <see cref="MaxAge"/>: a 5,000-expert debate takes seconds to cluster and lay out, the
/// fingerprint milliseconds. The fingerprint includes the content hashes a load or a coding save records, so an edit
/// that keeps every count (a stance's quote or note) changes it too; a save through the web view calls
/// <see cref="Invalidate"/> so the next answer is fresh at once; any other change (a Cypher write that keeps every
/// count and no manifest) shows after at most <see cref="MaxAge"/>, else at most <see cref="CheckInterval"/> after it
/// is committed.
/// </summary>
public sealed class ViewCache
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private static readonly ConditionalWeakTable<IDriver, ViewCache> PerDriver = new();

    private readonly IDriver _driver;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Generation? _current;

    private ViewCache(IDriver driver) => _driver = driver;

    public static ViewCache For(IDriver driver) => PerDriver.GetValue(driver, d => new ViewCache(d));

    private sealed record Generation(string Fingerprint, DateTime Created, DebateQueries Queries)
    {
        public ConcurrentDictionary<string, Lazy<Task<object>>> Views { get; } = new();
        public SemaphoreSlim Compute { get; } = new(1, 1);
    }

    /// <summary>The query library for the store as it is now (warm when nothing changed).</summary>
    public async Task<DebateQueries> QueriesAsync(CancellationToken ct) => (await CurrentAsync(ct)).Queries;

    /// <summary>A fingerprint checked this recently is trusted (a page asks for several answers at once).</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private DateTime _checked;

    private async Task<Generation> CurrentAsync(CancellationToken ct)
    {
        if (_current is { } recent && DateTime.UtcNow - _checked < CheckInterval && DateTime.UtcNow - recent.Created < MaxAge) return recent;
        var fingerprint = await new DebateQueries(_driver).FingerprintAsync(ct);
        await _gate.WaitAsync(ct);
        try
        {
            _checked = DateTime.UtcNow;
            if (_current is { } g && g.Fingerprint == fingerprint && DateTime.UtcNow - g.Created < MaxAge) return g;
            return _current = new Generation(fingerprint, DateTime.UtcNow, new DebateQueries(_driver));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops the computed views: the next request checks the fingerprint and starts a new generation.</summary>
    public void Invalidate()
    {
        _current = null;
        _checked = default;
    }

    /// <summary>A view computed once per generation and key (the view's name and its settings); one computation at a time.</summary>
    public async Task<T> GetAsync<T>(string key, Func<DebateQueries, Task<T>> compute, CancellationToken ct) where T : class
    {
        var generation = await CurrentAsync(ct);
        var lazy = generation.Views.GetOrAdd(key, _ => new Lazy<Task<object>>(async () =>
        {
            await generation.Compute.WaitAsync(CancellationToken.None);
            try
            {
                return await compute(generation.Queries);
            }
            finally
            {
                generation.Compute.Release();
            }
        }));
        try
        {
            return (T)await lazy.Value.WaitAsync(ct);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            generation.Views.TryRemove(key, out _); // a failure is not kept: the next request tries again
            throw;
        }
    }
}
