using Graph.Engine;

namespace Graph.Ingestion.Tests;

/// <summary>The repository's curated graph-data loads into the embedded engine, and a reload changes nothing.</summary>
public sealed class ShippedGraphDataTests
{
    public static string RepoGraphData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Graph.sln"))) return Path.Combine(dir.FullName, "graph-data");
        throw new InvalidOperationException("Graph.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public async Task Repository_graph_data_loads_and_reloads_without_changes()
    {
        await using var driver = EmbeddedDriver.InMemory();
        var loader = new GraphLoader(driver);

        var first = await loader.LoadAsync(RepoGraphData());
        Assert.True(first.Succeeded, string.Join("\n", first.Diagnostics));
        Assert.True(first.NodeCounts["Expert"] > 0);
        Assert.True(first.RelationshipCounts["ENDORSES"] + first.RelationshipCounts.GetValueOrDefault("CRITICIZES") > 0);
        Assert.True(first.RelationshipCounts.ContainsKey("AGREES_WITH"));
        Assert.Equal(0L, await StoreSnapshot.ScalarAsync(driver, "MATCH ()-[s:ENDORSES|CRITICIZES]->() WHERE s.line IS NULL RETURN count(s)"));

        var second = await loader.LoadAsync(RepoGraphData());
        Assert.False(second.StoreCounters.ContainsUpdates);
    }
}
