namespace Graph.Cli.Tests;

/// <summary>
/// A test class's own store holding the fictional Harbour Forum (tests/Fixtures/harbour-forum: a 2019 and a 2021
/// document sharing one registry), ingested by `graph ingest` before its tests run.
/// </summary>
public abstract class HarbourForumDatabase : IAsyncLifetime
{
    private protected TempDirectory Temp { get; } = new();
    protected string Db => Temp["db"];

    public async Task InitializeAsync()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "SharedFixtures", "harbour-forum", "graph-data");
        await Cli.Succeeds("ingest", data, "--db", Db);
    }

    public Task DisposeAsync()
    {
        Temp.Dispose();
        return Task.CompletedTask;
    }
}
