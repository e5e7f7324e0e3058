using System.Net.Sockets;
using Graph.Bolt.Client;
using Graph.Bolt.Server;
using Graph.Client;
using Graph.Engine;
using Microsoft.Extensions.Logging;

namespace Graph.Bolt.Tests;

/// <summary>A Bolt server on 127.0.0.1 (a free port) in front of an in-memory embedded store.</summary>
public class BoltHarness : IAsyncLifetime
{
    public EmbeddedDriver Store { get; } = EmbeddedDriver.InMemory(new EngineOptions { SyncOnCommit = false, WriteLockTimeout = TimeSpan.FromSeconds(5) });
    public BoltServer Server { get; private set; } = null!;
    public int Port => Server.Endpoint!.Port;

    /// <summary>What the server logged as an error: a connection that failed in a way the protocol does not account for.</summary>
    public ErrorLog Errors { get; } = new();

    protected virtual BoltServerOptions Options() => new() { Port = 0 };
    protected virtual IBoltAuthenticator Authenticator() => OpenAuthenticator.Instance;
    protected virtual TimeSpan TransactionIdleTimeout => TimeSpan.FromSeconds(30);
    protected virtual TimeSpan? QueryTimeout => null;

    public Task InitializeAsync()
    {
        Server = new BoltServer(new BoltBackend(Store, Authenticator(), ["neo4j", "graph"], TransactionIdleTimeout, QueryTimeout, Errors), Options());
        Server.Start();
        return Task.CompletedTask;
    }

    public BoltDriver Client(string scheme = "bolt", string? user = null, string? password = null, int fetchSize = 1000, string? database = null) =>
        new(new BoltDriverOptions
        {
            Uri = new Uri($"{scheme}://127.0.0.1:{Port}"),
            User = user,
            Password = password,
            FetchSize = fetchSize,
            Database = database,
            ConnectionTimeout = TimeSpan.FromSeconds(20),
            RetryDelay = TimeSpan.FromMilliseconds(20),
        });

    public async Task<RawBoltClient> RawAsync() => await RawBoltClient.ConnectAsync(Port);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Store.DisposeAsync();
        Assert.True(Errors.Entries.IsEmpty, "The Bolt server logged errors:\n" + string.Join("\n", Errors.Entries));
    }
}

/// <summary>Users alice (editor) and rita (reader), as graph serve's user store gives them.</summary>
public sealed class AuthBoltHarness : BoltHarness
{
    protected override IBoltAuthenticator Authenticator() => new TestUsers();

    private sealed class TestUsers : IBoltAuthenticator
    {
        public ValueTask<BoltUser> AuthenticateAsync(BoltAuthToken token, CancellationToken cancellationToken) => (token.Scheme, token.Principal, token.Credentials) switch
        {
            ("basic", "alice", "s3cret") => ValueTask.FromResult(new BoltUser(new SessionUser("alice", ["editor"]), true)),
            ("basic", "rita", "reader-pass") => ValueTask.FromResult(new BoltUser(new SessionUser("rita", ["reader"]), false)),
            _ => throw new AuthenticationException("The client is unauthorized due to authentication failure."),
        };
    }
}

/// <summary>Tight limits: one connection, 300 ms idle transactions, small messages.</summary>
public sealed class LimitedBoltHarness : BoltHarness
{
    protected override BoltServerOptions Options() => new() { Port = 0, MaxConnections = 1, MaxMessageBytes = 4096 };
    protected override TimeSpan TransactionIdleTimeout => TimeSpan.FromMilliseconds(300);
}

/// <summary>A logger that keeps errors, so that a fixture can fail when the server hit an unexpected one.</summary>
public sealed class ErrorLog : ILogger
{
    public System.Collections.Concurrent.ConcurrentQueue<string> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) Entries.Enqueue($"{formatter(state, exception)} {exception}");
    }
}
