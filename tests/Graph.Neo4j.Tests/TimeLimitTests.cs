using Graph.Client;

namespace Graph.Neo4j.Tests;

/// <summary>Server:QueryTimeout and the request's own limit (TransactionConfig.Timeout, sent as maxExecutionTime).</summary>
public class TimeLimitTests(TimeLimitedServerHarness server) : IClassFixture<TimeLimitedServerHarness>
{
    // Creates 1000 nodes at once, then spins through a billion rows: only a time limit ends it.
    private const string SlowWrite =
        "UNWIND range(1, 1000) AS i CREATE (:Slow {i: i}) WITH count(*) AS created " +
        "UNWIND range(1, 1000000) AS a UNWIND range(1, 1000) AS b WITH a, b WHERE a * b < 0 RETURN count(*) AS c";

    private async Task<long> SlowNodes()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession(SessionConfig.Read);
        return (long)(await session.RunAsync("MATCH (n:Slow) RETURN count(n) AS c")).Single()["c"]!;
    }

    [Fact]
    public async Task An_auto_commit_query_over_the_server_limit_is_stopped_and_nothing_is_kept()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var e = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync(SlowWrite));
        Assert.Equal(Neo4jStatus.QueryTimeout, e.Code);
        Assert.Equal(0L, await SlowNodes());
        Assert.Equal(1L, (await session.RunAsync("RETURN 1 AS one")).Single()["one"]); // still serving
    }

    [Fact]
    public async Task A_transaction_timeout_shorter_than_the_server_limit_wins()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        await using var tx = await session.BeginTransactionAsync(new TransactionConfig { Timeout = TimeSpan.FromMilliseconds(300) });
        var started = DateTime.UtcNow;
        var e = await Assert.ThrowsAsync<ClientException>(() => tx.RunAsync(SlowWrite));
        Assert.Equal(Neo4jStatus.QueryTimeout, e.Code);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3), "stopped by the 300 ms limit, not the server's 4 s");
        Assert.False(tx.IsOpen);
        Assert.Equal(0L, await SlowNodes());
    }
}
