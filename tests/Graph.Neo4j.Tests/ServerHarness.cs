using Graph.Client;
using Graph.Engine;
using Graph.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Graph.Neo4j.Tests;

/// <summary>
/// <c>graph serve</c> for real: Kestrel on 127.0.0.1 with a free port, an in-memory embedded store
/// behind it. Tests talk to it over HTTP with the connector (or a raw HttpClient for bad requests).
/// </summary>
public class ServerHarness : IAsyncLifetime
{
    private WebApplication? _app;

    public EmbeddedDriver Store { get; private set; } = null!;
    public Uri Uri { get; private set; } = null!;
    public ServerOptions Options { get; private set; } = null!;

    protected virtual void Configure(ServerOptions options) { }

    public async Task InitializeAsync()
    {
        Options = new ServerOptions { Port = 0 };
        Configure(Options);
        Store = EngineStore();
        _app = GraphServer.Build(Options, Store, LogLevel.Warning);
        await _app.StartAsync();
        Uri = new Uri(GraphServer.Addresses(_app).Single());
    }

    protected virtual EmbeddedDriver EngineStore() => EmbeddedDriver.InMemory(new EngineOptions { SyncOnCommit = false, WriteLockTimeout = TimeSpan.FromSeconds(5) });

    public Neo4jDriver Connector(string? user = null, string? password = null, string database = "neo4j") =>
        new(new Neo4jOptions { Uri = Uri, User = user, Password = password, Database = database, Timeout = TimeSpan.FromSeconds(20), RetryDelay = TimeSpan.FromMilliseconds(10) });

    public HttpClient Http() => new() { BaseAddress = Uri, Timeout = TimeSpan.FromSeconds(20) };

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await Store.DisposeAsync();
    }
}

/// <summary>Basic authentication on: an editor and a reader.</summary>
public sealed class AuthServerHarness : ServerHarness
{
    protected override void Configure(ServerOptions options) => options.Users =
    [
        new ServerUser { Name = "alice", Password = "s3cret:with-colon", Role = ServerRole.Editor },
        new ServerUser { Name = "rita", Password = "reader-pass", Role = ServerRole.Reader },
    ];
}

/// <summary>Tight limits: 1 s idle transactions, 4 KiB bodies, an alias.</summary>
public sealed class LimitedServerHarness : ServerHarness
{
    protected override void Configure(ServerOptions options)
    {
        options.TransactionIdleTimeout = TimeSpan.FromSeconds(1);
        options.MaxRequestBodyBytes = 4096;
        options.DatabaseAlias = "graph";
    }
}

/// <summary>Queries may run 4 s at most (Server:QueryTimeout).</summary>
public sealed class TimeLimitedServerHarness : ServerHarness
{
    protected override void Configure(ServerOptions options) => options.QueryTimeout = TimeSpan.FromSeconds(4);
}

internal static class Params
{
    public static IReadOnlyDictionary<string, object?> Of(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
