using Graph.Bolt.Client;
using Graph.Client;
using Graph.Engine;
using Graph.Server;
using Graph.Server.Bolt;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

// The connector's tests (tests/Graph.Neo4j.Tests: statements, transactions, values, errors), compiled here unchanged
// against this harness, run over Bolt: the same graph serve (GraphServer.Build, Bolt on a free port) and our Bolt
// client in place of the Query API connector. See Graph.Bolt.Tests.csproj for the files.
namespace Graph.Neo4j.Tests;

public class ServerHarness : IAsyncLifetime
{
    private WebApplication? _app;

    public EmbeddedDriver Store { get; private set; } = null!;
    public Uri Uri { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = EmbeddedDriver.InMemory(new EngineOptions { SyncOnCommit = false, WriteLockTimeout = TimeSpan.FromSeconds(5) });
        _app = GraphServer.Build(new ServerOptions { Port = 0, AuthEnabled = false }, Store, LogLevel.Warning);
        await _app.StartAsync();
        Uri = new Uri(_app.BoltUri()!);
    }

    /// <summary>The client under test: our Bolt client, where the connector's own run uses the Query API connector.</summary>
    public IDriver Connector(string? user = null, string? password = null, string database = "neo4j") =>
        new BoltDriver(new BoltDriverOptions
        {
            Uri = Uri,
            User = user,
            Password = password,
            Database = database,
            ConnectionTimeout = TimeSpan.FromSeconds(20),
            RetryDelay = TimeSpan.FromMilliseconds(10),
        });

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

internal static class Params
{
    public static IReadOnlyDictionary<string, object?> Of(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
