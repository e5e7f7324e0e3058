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

    [Fact]
    public async Task Source_and_session_dates_are_loaded_as_dates_so_time_windows_compare_them()
    {
        await using var driver = EmbeddedDriver.InMemory();
        Assert.True((await new GraphLoader(driver).LoadAsync(RepoGraphData())).Succeeded);

        var dates = Assert.IsAssignableFrom<IReadOnlyList<object?>>(await StoreSnapshot.ScalarAsync(driver, "MATCH (n) WHERE n:Session OR n:Source RETURN collect(n.date)"));
        Assert.NotEmpty(dates);
        Assert.All(dates, d => Assert.IsType<Graph.Client.LocalDate>(d));
        Assert.IsType<Graph.Client.LocalDate>(await StoreSnapshot.ScalarAsync(driver, "MATCH (s:Source {id: 'lc-l3702'}) RETURN s.date"));
        // LC/L.3702's meeting took two days; the second day's sessions, by date and not by text.
        var secondDay = await StoreSnapshot.ScalarAsync(driver,
            "MATCH (s:Session) WHERE date('2013-07-11') <= s.date < date('2013-07-12') RETURN count(s)");
        var all = await StoreSnapshot.ScalarAsync(driver, "MATCH (s:Session) RETURN count(s)");
        Assert.InRange((long)secondDay!, 1L, (long)all! - 1);
        Assert.Equal(all, await StoreSnapshot.ScalarAsync(driver,
            "MATCH (s:Session), (src:Source {id: 'lc-l3702'}) WHERE s.date < src.date RETURN count(s)"));
    }
}
