using Graph.Client;
using Graph.Engine;
using Graph.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

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

    /// <summary>What the server is doing (statements running, transactions open).</summary>
    public ServerActivity Activity => _app!.Services.GetRequiredService<ServerActivity>();

    /// <summary>The log lines the server wrote at Warning and above, with their exceptions.</summary>
    public CapturedLog Log { get; } = new();

    protected virtual void Configure(ServerOptions options) { }

    /// <summary>The server's clock: the system's, or a fake one that tests move.</summary>
    protected virtual TimeProvider Time => TimeProvider.System;

    public async Task InitializeAsync()
    {
        // Anonymous by default (explicitly: graph serve refuses to start without users otherwise); AuthServerHarness has users.
        Options = new ServerOptions { Port = 0, AuthEnabled = false };
        Configure(Options);
        Store = EngineStore();
        _app = GraphServer.Build(Options, Store, LogLevel.Warning, Time, logging => logging.AddProvider(Log));
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
    protected override void Configure(ServerOptions options)
    {
        options.AuthEnabled = true;
        options.Users =
        [
            new ServerUser { Name = "alice", Password = "s3cret:with-colon", Role = ServerRole.Editor },
            new ServerUser { Name = "rita", Password = "reader-pass", Role = ServerRole.Reader },
        ];
    }
}

/// <summary>
/// Tight limits on a fake clock: transactions idle for 10 s (2 s once they wrote) are rolled back, at most 3 per user,
/// 4 KiB bodies, an alias. Tests move <see cref="Clock"/>; nothing waits for the wall clock.
/// </summary>
public sealed class LimitedServerHarness : ServerHarness
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    protected override TimeProvider Time => Clock;

    protected override void Configure(ServerOptions options)
    {
        options.TransactionIdleTimeout = TimeSpan.FromSeconds(10);
        options.WriteTransactionIdleTimeout = TimeSpan.FromSeconds(2);
        options.MaxTransactionsPerUser = 3;
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
