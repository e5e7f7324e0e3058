using System.Collections.Concurrent;
using Graph.Bolt.Protocol;
using Graph.Client;

namespace Graph.Bolt.Client;

/// <summary>
/// The client contract over Bolt: Neo4j (4.4+, 5.x) or <c>graph serve</c>, through <c>bolt://</c> (one server) or
/// <c>neo4j://</c> (the server's routing table picks readers and writers), with TLS as <c>+s</c> / <c>+ssc</c>.
/// Connections are pooled; results stream in PULL batches of <see cref="BoltDriverOptions.FetchSize"/>.
/// </summary>
public sealed class BoltDriver : IDriver
{
    private readonly ConnectionPool _pool;
    private readonly ConcurrentDictionary<string, RoutingTable> _routing = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _routingLock = new(1, 1);

    public BoltDriver(BoltDriverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.FetchSize is 0 or < -1) throw new ClientException(Neo4jStatus.InvalidRequest, "BoltDriverOptions.FetchSize must be positive (or -1 for everything at once).");
        if (options.MaxConnectionPoolSize < 1) throw new ClientException(Neo4jStatus.InvalidRequest, "BoltDriverOptions.MaxConnectionPoolSize must be at least 1.");
        Address = BoltAddress.Parse(options.Uri);
        Options = options;
        _pool = new ConnectionPool(options);
    }

    public BoltDriverOptions Options { get; }

    public BoltAddress Address { get; }

    public string Description => $"bolt:{Options.Uri.Scheme}://{Address}{(Options.Database is { } db ? "/" + db : "")}";

    public IAsyncSession AsyncSession(SessionConfig? config = null) => new BoltSession(this, config ?? SessionConfig.Write);

    /// <summary>Opens a connection (handshake and login) and returns the protocol version and the server's agent.</summary>
    public async Task<(BoltVersion Version, string? Agent)> GetServerInfoAsync(CancellationToken cancellationToken = default)
    {
        var connection = await AcquireAsync(AccessMode.Read, Options.Database, cancellationToken).ConfigureAwait(false);
        try
        {
            return (connection.Version, connection.ServerAgent);
        }
        finally
        {
            await ReleaseAsync(connection).ConfigureAwait(false);
        }
    }

    public async Task VerifyConnectivityAsync(CancellationToken cancellationToken = default) =>
        await GetServerInfoAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>A connection to a server that can serve <paramref name="mode"/> for <paramref name="database"/>.</summary>
    internal async Task<BoltClientConnection> AcquireAsync(AccessMode mode, string? database, CancellationToken cancellationToken)
    {
        if (!Address.Routing) return await _pool.AcquireAsync(Address, cancellationToken).ConfigureAwait(false);
        var table = await RoutingTableAsync(mode, database, cancellationToken).ConfigureAwait(false);
        var server = Address.WithHostPort(table.Pick(mode));
        try
        {
            return await _pool.AcquireAsync(server, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceUnavailableException)
        {
            _routing.TryRemove(database ?? "", out _); // the table named a server that is gone: ask again next time
            throw;
        }
    }

    internal Task ReleaseAsync(BoltClientConnection connection) => _pool.ReleaseAsync(connection);

    private async Task<RoutingTable> RoutingTableAsync(AccessMode mode, string? database, CancellationToken cancellationToken)
    {
        var key = database ?? "";
        if (_routing.TryGetValue(key, out var table) && table.IsFresh(mode)) return table;
        await _routingLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_routing.TryGetValue(key, out table) && table.IsFresh(mode)) return table;
            // Ask the routers we know, then the address of the URI.
            var routers = (table?.Routers ?? []).Select(Address.WithHostPort).Append(Address).DistinctBy(a => a.HostPort).ToList();
            Exception? last = null;
            foreach (var router in routers)
            {
                BoltClientConnection? connection = null;
                try
                {
                    connection = await _pool.AcquireAsync(router, cancellationToken).ConfigureAwait(false);
                    var extra = new Dictionary<string, object?>();
                    if (database is not null) extra["db"] = database;
                    connection.Send(BoltMessages.Route, new Dictionary<string, object?> { ["address"] = Address.HostPort }, new List<object?>(), extra);
                    await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                    table = RoutingTable.Parse(await connection.ExpectSuccessAsync(cancellationToken).ConfigureAwait(false));
                    _routing[key] = table;
                    return table;
                }
                catch (ServiceUnavailableException e)
                {
                    last = e;
                }
                finally
                {
                    if (connection is not null) await _pool.ReleaseAsync(connection).ConfigureAwait(false);
                }
            }
            throw new ServiceUnavailableException($"Could not get a routing table from {string.Join(", ", routers)}: {last?.Message}", last);
        }
        finally
        {
            _routingLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _pool.DisposeAsync().ConfigureAwait(false);
        _routingLock.Dispose();
    }
}
