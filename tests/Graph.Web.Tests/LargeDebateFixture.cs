using System.Diagnostics;
using Graph.Client;
using Graph.Core.Generation;
using Graph.Engine;
using Graph.Ingestion;
using Graph.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Graph.Web.Tests;

/// <summary>
/// A 5,000-expert synthetic debate (Graph.Core's generator, fictional experts; seed 3: 1,500 claims, 15,000 stances,
/// a derived network of about 146,000 pairs) loaded once into an on-disk store, served on loopback, its views
/// computed once before the browser opens them (the server keeps them while the store is unchanged).
/// </summary>
public sealed class LargeDebateFixture : IAsyncLifetime
{
    public const int Experts = 5000;

    private readonly string _directory = Directory.CreateTempSubdirectory("graph-web-large-").FullName;
    private WebApplication? _server;

    public IDriver Driver { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    /// <summary>Seconds the server took to compute each view the first time (clustering, layout), then from its cache.</summary>
    public IReadOnlyDictionary<string, (double Cold, double Warm)> ServerSeconds { get; private set; } = new Dictionary<string, (double, double)>();

    public double LoadSeconds { get; private set; }

    public async Task InitializeAsync()
    {
        var data = Path.Combine(_directory, "data");
        new SyntheticCorpus(new SyntheticCorpusOptions { Experts = Experts, Claims = 1500, Stances = 15_000, Seed = 3 }).Write(data);
        Driver = EmbeddedDriver.Open(Path.Combine(_directory, "db"));
        var clock = Stopwatch.StartNew();
        var report = await new GraphLoader(Driver).LoadAsync(data, new IngestionOptions { BatchSize = 5000 });
        if (!report.Succeeded) throw new InvalidOperationException("The synthetic debate did not load: " + string.Join("; ", report.Diagnostics));
        LoadSeconds = clock.Elapsed.TotalSeconds;

        _server = GraphServer.Build(new ServerOptions { Host = "127.0.0.1", Port = 0, AuthEnabled = false }, Driver, LogLevel.Warning);
        await _server.StartAsync();
        BaseUrl = GraphServer.Addresses(_server).First().TrimEnd('/');

        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
        var seconds = new Dictionary<string, (double, double)>();
        foreach (var view in new[] { "alignment", "communities", "matrix" })
        {
            clock.Restart();
            (await http.GetAsync("/api/" + view)).EnsureSuccessStatusCode();
            var cold = clock.Elapsed.TotalSeconds;
            clock.Restart();
            (await http.GetAsync("/api/" + view)).EnsureSuccessStatusCode();
            seconds[view] = (cold, clock.Elapsed.TotalSeconds);
        }
        ServerSeconds = seconds;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        if (Driver is not null) await Driver.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
