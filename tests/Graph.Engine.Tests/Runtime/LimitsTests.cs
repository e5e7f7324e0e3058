using System.Diagnostics;
using Graph.Client;

namespace Graph.Engine.Tests.Runtime;

public class LimitsTests
{
    private const string Endless = "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*)";

    [Fact]
    public async Task Query_timeout_stops_a_long_query_soon_after_the_deadline()
    {
        await using var driver = Engine.New(new EngineOptions { QueryTimeout = TimeSpan.FromMilliseconds(200) });
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.Run(Endless));
        Assert.Equal(Neo4jStatus.TransactionTimedOut, error.Code);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}"); // generous: the statement alone would run for hours
    }

    [Fact]
    public async Task Cancellation_stops_a_running_query()
    {
        await using var driver = Engine.New();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.Run(Endless, ct: cts.Token));
        Assert.Equal(Neo4jStatus.Cancelled, error.Code);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}"); // generous: the statement alone would run for hours
    }

    [Fact]
    public async Task Unbounded_variable_length_beyond_the_cap_is_a_clear_error()
    {
        await using var driver = Engine.New(new EngineOptions { MaxVariableLengthDepth = 5 });
        await driver.Run("UNWIND range(0, 9) AS i CREATE (:C {i: i})");
        await driver.Run("MATCH (a:C), (b:C) WHERE b.i = a.i + 1 CREATE (a)-[:NEXT]->(b)");
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.Run("MATCH (a:C {i: 0})-[:NEXT*]->(b) RETURN count(b)"));
        Assert.Contains("MaxVariableLengthDepth", error.Message);
        Assert.Equal(3L, await driver.Scalar("MATCH (a:C {i: 0})-[:NEXT*..3]->(b) RETURN count(b)"));
        Assert.Equal(2L, await driver.Scalar("MATCH (a:C {i: 6})-[:NEXT*]->(b) WHERE b.i > 7 RETURN count(b)"));
    }

    [Fact]
    public async Task Deeply_nested_expression_fails_cleanly()
    {
        await using var driver = Engine.New();
        var query = "RETURN " + string.Concat(Enumerable.Repeat("(1 + ", 2000)) + "1" + new string(')', 2000);
        var error = await Assert.ThrowsAnyAsync<GraphException>(() => driver.Run(query));
        Assert.IsType<ClientException>(error, exactMatch: false);
    }
}
