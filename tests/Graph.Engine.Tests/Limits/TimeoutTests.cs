using Graph.Client;
using Graph.Engine.Tests.Runtime;

namespace Graph.Engine.Tests.Limits;

/// <summary>
/// The deadline is looked at inside long operations, not only between output rows, and a timeout is reported with
/// Neo4j's codes: TransactionTimedOut for the engine's own limit, TransactionTimedOutClientConfiguration for a limit the
/// client set. The clock is injected (<see cref="SteppingClock"/>): nothing here depends on how fast the machine is.
/// </summary>
public class TimeoutTests
{
    /// <summary>Long enough never to pass in these tests: only the number of looks at the clock matters.</summary>
    private static readonly TimeSpan Never = TimeSpan.FromDays(1);

    private static async Task<long> ClockReads(string setup, string query)
    {
        var clock = new SteppingClock();
        await using var driver = EmbeddedDriver.InMemory(new EngineOptions { QueryTimeout = Never, TimeProvider = clock, SyncOnCommit = false });
        if (setup.Length > 0) await driver.Run(setup);
        var before = clock.Reads;
        await driver.Run(query);
        return clock.Reads - before;
    }

    private const string Dense = "UNWIND range(0, 11) AS i CREATE (:D {i: i}) WITH count(*) AS c MATCH (a:D), (b:D) WHERE a <> b CREATE (a)-[:L]->(b)";

    /// <summary>
    /// Each case has one row or few, and work that grows far faster: a statement that looked at the clock only per output
    /// row would look a handful of times. Checked every 256 units of work, it must look at least (work / 256) / 2 times.
    /// </summary>
    public static TheoryData<string, string, string, long> LongOperations() => new()
    {
        { "sort", "", "UNWIND range(1, 50000) AS x WITH x ORDER BY -x RETURN count(*)", 50_000L * 15 / 256 / 2 },
        { "list comprehension", "", "RETURN size([x IN range(1, 400000) WHERE x % 2 = 0 | x * 2]) AS n", 400_000 / 256 / 2 },
        { "reduce", "", "RETURN reduce(s = 0, x IN range(1, 400000) | s + x) AS n", 400_000 / 256 / 2 },
        { "quantifier", "", "RETURN all(x IN range(1, 400000) WHERE x > 0) AS b", 400_000 / 256 / 2 },
        { "variable-length expansion", Dense, "MATCH (a:D {i: 0})-[:L*1..4]->(b) RETURN count(*) AS n", 11L * 10 * 9 * 8 / 256 / 2 },
        { "cartesian product", Dense, "MATCH (a:D), (b:D), (c:D), (d:D) RETURN count(*) AS n", 12L * 12 * 12 * 12 / 256 / 2 },
        { "all shortest paths", Dense + " WITH 1 AS one UNWIND range(0, 11) AS i CREATE (:D {i: 100 + i})",
            "MATCH (a:D {i: 0}), (b:D {i: 100}) OPTIONAL MATCH p = allShortestPaths((a)-[:L*..5]->(b)) RETURN count(p) AS n", 1 },
        { "string building", "", "RETURN size(reduce(s = '', x IN range(1, 3000) | s + 'xxxxxxxxxxxxxxxx')) AS n", 3000 / 256 / 2 },
    };

    [Theory]
    [MemberData(nameof(LongOperations))]
    public async Task The_deadline_is_looked_at_in_proportion_to_the_work(string kind, string setup, string query, long atLeast)
    {
        var reads = await ClockReads(setup, query);
        Assert.True(reads >= atLeast, $"{kind}: the clock was read {reads} times; at least {atLeast} expected");
    }

    [Fact]
    public async Task The_engine_limit_reports_TransactionTimedOut()
    {
        await using var driver = EmbeddedDriver.InMemory(new EngineOptions
        {
            QueryTimeout = TimeSpan.FromMilliseconds(100), TimeProvider = new SteppingClock(), SyncOnCommit = false,
        });
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.Run("UNWIND range(1, 100000000) AS x WITH x ORDER BY x RETURN count(*)"));
        Assert.Equal(Neo4jStatus.TransactionTimedOut, error.Code);
        Assert.Equal("Neo.ClientError.Transaction.TransactionTimedOut", error.Code);
        Assert.Contains("EngineOptions.QueryTimeout", error.Message);
        Assert.Equal(1L, await driver.Scalar("RETURN 1"));
    }

    [Fact]
    public async Task A_client_timeout_reports_TransactionTimedOutClientConfiguration_and_undoes_the_statement()
    {
        await using var driver = EmbeddedDriver.InMemory(new EngineOptions { TimeProvider = new SteppingClock(), SyncOnCommit = false });
        await using var session = driver.AsyncSession();
        await using var tx = await session.BeginTransactionAsync(new TransactionConfig { Timeout = TimeSpan.FromMilliseconds(200) });
        await tx.RunAsync("CREATE (:Kept)");
        var error = await Assert.ThrowsAsync<ClientException>(() => tx.RunAsync("UNWIND range(1, 100000000) AS i CREATE (:Undone {i: i})"));
        Assert.Equal("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", error.Code);
        Assert.Contains("TransactionConfig.Timeout", error.Message);
        await tx.RollbackAsync();
        Assert.Equal(0L, await driver.Scalar("MATCH (n) RETURN count(n)"));
    }

    [Fact]
    public async Task Huge_timeouts_mean_no_practical_limit()
    {
        await using var driver = EmbeddedDriver.InMemory(new EngineOptions { QueryTimeout = TimeSpan.MaxValue, SyncOnCommit = false });
        Assert.Equal(1L, await driver.Scalar("RETURN 1"));
        await using var session = driver.AsyncSession();
        await using var tx = await session.BeginTransactionAsync(new TransactionConfig { Timeout = TimeSpan.MaxValue });
        Assert.Equal(2L, (await tx.RunAsync("RETURN 2")).Single()[0]);
    }
}
