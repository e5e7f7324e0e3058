using Graph.Client;
using Path = System.IO.Path;
using Graph.Engine;
using Graph.Ingestion.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Graph.Ingestion.Tests;

public sealed class WatchModeTests : IDisposable
{
    private readonly TestCorpus _corpus = new();

    public void Dispose() => _corpus.Dispose();

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in time");
            await Task.Delay(25);
        }
    }

    private IHost BuildHost(IDriver driver, bool watch) =>
        Host.CreateDefaultBuilder()
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ingestion:DataDirectory"] = _corpus.Directory,
                ["Ingestion:Watch"] = watch ? "true" : "false",
                ["Ingestion:DebounceMilliseconds"] = "200",
                ["Logging:LogLevel:Default"] = "Warning",
            }))
            .ConfigureServices((context, services) =>
            {
                services.AddSingleton(driver);
                services.AddGraphIngestion(context.Configuration);
            })
            .Build();

    [Fact]
    public async Task A_file_change_triggers_exactly_one_reload()
    {
        await using var driver = EmbeddedDriver.InMemory();
        using var host = BuildHost(driver, watch: true);
        var events = host.Services.GetRequiredService<IngestionEvents>();
        await host.StartAsync();

        await WaitUntil(() => events.LoadCount == 1, TimeSpan.FromSeconds(10));
        Assert.True(events.LastReport!.Succeeded);
        await Task.Delay(300); // let the watcher settle

        // An editor-like save: several writes in a burst.
        _corpus.Replace("registry/experts.yaml", "name: Carla Gómez", "name: Carla Watched");
        File.AppendAllText(_corpus.PathOf("registry/experts.yaml"), "");
        await WaitUntil(() => events.LoadCount >= 2, TimeSpan.FromSeconds(10));
        await Task.Delay(800); // longer than the debounce: no second reload may follow

        Assert.Equal(2, events.LoadCount);
        Assert.Equal(1, events.LastReport!.Nodes["Expert"].Updated);
        Assert.Equal("Carla Watched", await StoreSnapshot.ScalarAsync(driver, "MATCH (e:Expert {id: 'carla'}) RETURN e.name"));
        await host.StopAsync();
    }

    [Fact]
    public async Task Without_watch_the_service_loads_once_and_stops_the_host()
    {
        await using var driver = EmbeddedDriver.InMemory();
        using var host = BuildHost(driver, watch: false);
        var events = host.Services.GetRequiredService<IngestionEvents>();

        await host.RunAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1, events.LoadCount);
        Assert.Equal(4L, await StoreSnapshot.ScalarAsync(driver, "MATCH (e:Expert) RETURN count(e)"));
    }
}
