using Graph.Engine;
using Graph.Ingestion;

namespace Graph.Queries.Tests;

/// <summary>The shipped graph-data loaded once with the ingestion pipeline into an in-memory embedded store.</summary>
public sealed class ShippedDataFixture : IAsyncLifetime
{
    public EmbeddedDriver Driver { get; } = EmbeddedDriver.InMemory();
    public DebateQueries Queries { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var directory = Path.Combine(QueryCatalogTests.RepoRoot(), "graph-data");
        var report = await new GraphLoader(Driver).LoadAsync(directory);
        if (!report.Succeeded) throw new InvalidOperationException($"graph-data did not load: {string.Join("; ", report.Diagnostics)}");
        Queries = new DebateQueries(Driver);
    }

    public async Task DisposeAsync() => await Driver.DisposeAsync();
}
