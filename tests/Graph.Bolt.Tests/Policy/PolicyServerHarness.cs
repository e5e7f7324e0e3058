using System.Net.Http.Headers;
using System.Text;
using Graph.Bolt.Client;
using Graph.Engine;
using Graph.Server;
using Graph.Server.Bolt;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Graph.Bolt.Tests.Policy;

/// <summary>
/// graph serve (HTTP and Bolt on free loopback ports) on a fake clock, with users and tight limits: 3 transactions per
/// user, idle transactions rolled back after 10 s (2 s once they wrote). Tests move <see cref="Clock"/>.
/// </summary>
public class PolicyServerHarness : IAsyncLifetime
{
    private WebApplication? _app;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    public EmbeddedDriver Store { get; private set; } = null!;
    public ServerOptions Options { get; private set; } = null!;
    public Uri HttpUri { get; private set; } = null!;
    public Uri BoltUri { get; private set; } = null!;

    protected virtual void Configure(ServerOptions options) { }

    public async Task InitializeAsync()
    {
        Options = new ServerOptions
        {
            Port = 0,
            AuthEnabled = true,
            Users =
            [
                new ServerUser { Name = "ada", Password = "ada-pw" },
                new ServerUser { Name = "ben", Password = "ben-pw" },
                new ServerUser { Name = "rita", Password = "rita-pw", Role = ServerRole.Reader },
            ],
            MaxTransactionsPerUser = 3,
            TransactionIdleTimeout = TimeSpan.FromSeconds(10),
            WriteTransactionIdleTimeout = TimeSpan.FromSeconds(2),
        };
        Configure(Options);
        // A writer waits for the write lock on the real clock: long enough that only the fake clock's expiry frees it.
        Store = EmbeddedDriver.InMemory(new EngineOptions { SyncOnCommit = false, WriteLockTimeout = TimeSpan.FromSeconds(60) });
        _app = GraphServer.Build(Options, Store, LogLevel.Warning, Clock);
        await _app.StartAsync();
        HttpUri = new Uri(GraphServer.Addresses(_app).Single());
        BoltUri = new Uri(_app.BoltUri()!);
    }

    /// <summary>
    /// Moves the server's clock 1 s at a time until <paramref name="waiting"/> ends, at most 8 steps (below the read idle
    /// timeout of 10 s); steps, because an idle timer may start just after one. Returns the steps taken.
    /// </summary>
    public async Task<int> AdvanceClockUntilAsync(Task waiting)
    {
        var steps = 0;
        while (!waiting.IsCompleted && steps < 8)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            steps++;
            await Task.WhenAny(waiting, Task.Delay(250));
        }
        return steps;
    }

    public BoltDriver Bolt(string user, string password) => new(new BoltDriverOptions
    {
        Uri = BoltUri,
        User = user,
        Password = password,
        ConnectionTimeout = TimeSpan.FromSeconds(20),
        MaxRetries = 0,
    });

    public HttpClient Http(string user, string password)
    {
        var http = new HttpClient { BaseAddress = HttpUri, Timeout = TimeSpan.FromSeconds(90) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return http;
    }

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
