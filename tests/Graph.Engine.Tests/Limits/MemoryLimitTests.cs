using Graph.Client;
using Graph.Engine.Runtime;
using Graph.Engine.Tests.Runtime;

namespace Graph.Engine.Tests.Limits;

/// <summary>
/// EngineOptions.QueryMemoryLimit: every operator and function that keeps rows or builds values counts them against the
/// statement's limit; past it the statement fails with Neo.TransientError.General.MemoryPoolOutOfMemoryError naming the
/// setting, what it wrote is undone, and the engine carries on. Streaming far more than the limit is fine.
/// </summary>
public class MemoryLimitTests
{
    private const long Limit = 4L << 20;

    private static EmbeddedDriver Driver() => EmbeddedDriver.InMemory(new EngineOptions { QueryMemoryLimit = Limit, SyncOnCommit = false });

    public static TheoryData<string, string> Hoarders() => new()
    {
        { "ORDER BY", "UNWIND range(1, 300000) AS x RETURN x ORDER BY x DESC LIMIT 10000" },
        { "DISTINCT", "UNWIND range(1, 300000) AS x WITH DISTINCT x RETURN count(*)" },
        { "collect()", "UNWIND range(1, 1000000) AS x RETURN size(collect(x))" },
        { "collect(DISTINCT)", "UNWIND range(1, 1000000) AS x RETURN size(collect(DISTINCT x))" },
        { "grouping", "UNWIND range(1, 300000) AS x RETURN x % 100000 AS k, count(*) AS c" },
        { "UNION", "UNWIND range(1, 300000) AS x RETURN x UNION UNWIND range(1, 10) AS x RETURN x" },
        { "Eager before an update", "UNWIND range(1, 300000) AS x WITH x, toString(x) AS s CREATE (:N) RETURN count(*)" },
        { "the changes a statement writes", "UNWIND range(1, 100000) AS i CREATE (:N {i: i, name: 'node ' + toString(i)})" },
        { "a list comprehension", "RETURN size([x IN range(1, 2000000) | x]) AS n" },
        { "a list comprehension of strings", "RETURN size([x IN range(1, 300000) | 'item ' + toString(x)]) AS n" },
        { "reduce building a list", "RETURN size(reduce(acc = [], x IN range(1, 5000) | acc + [[" + string.Join(", ", Enumerable.Repeat("x", 30)) + "]])) AS n" },
        { "a result holding a huge range", "RETURN range(1, 100000000) AS r" },
        { "a huge range stored as a property", "CREATE (:N {r: range(1, 10000000)})" },
        { "string building", "RETURN size(reduce(s = '', x IN range(1, 30) | s + s + 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')) AS n" },
        { "replace()", "WITH reduce(s = '', x IN range(1, 10000) | s + 'a') AS s RETURN size(replace(s, 'a', s)) AS n" },
        { "split()", "WITH reduce(s = '', x IN range(1, 1000) | s + 'abcdefghijklmnopqrstuvwxyz') AS s RETURN size(split(s + s + s + s + s + s + s + s, '')) AS n" },
        { "tail() of a range", "RETURN size(tail(range(1, 100000000))) AS n" },
        { "a pattern comprehension", "UNWIND range(1, 600) AS i CREATE (:P {i: i})-[:R]->(:Q) WITH count(*) AS c MATCH (a:P) WITH collect([(x:P)-->(:Q) | x.i]) AS lists RETURN size(lists) AS n" },
    };

    [Theory]
    [MemberData(nameof(Hoarders))]
    public async Task Holding_more_than_the_limit_fails_with_MemoryPoolOutOfMemoryError(string kind, string query)
    {
        await using var driver = Driver();
        var error = await Assert.ThrowsAsync<TransientException>(() => driver.Run(query));
        Assert.True(error.Code == "Neo.TransientError.General.MemoryPoolOutOfMemoryError", $"{kind}: {error.Code}: {error.Message}");
        Assert.True(error.Code == Neo4jStatus.MemoryPoolOutOfMemory);
        if (!error.Message.Contains("characters, the longest the engine builds", StringComparison.Ordinal))
            Assert.True(error.Message.Contains("EngineOptions.QueryMemoryLimit", StringComparison.Ordinal), $"{kind}: {error.Message}");
        Assert.Equal(0L, await driver.Scalar("MATCH (n) RETURN count(n)"));
        Assert.Equal(1L, await driver.Scalar("RETURN 1"));
    }

    public static TheoryData<string, string> Streams() => new()
    {
        // far more than the limit passes through, a row at a time
        { "a projection per row", "UNWIND range(1, 300000) AS x RETURN [x, x + 1, toString(x)] AS row" },
        { "a filter building values", "UNWIND range(1, 300000) AS x WITH x WHERE size([y IN range(1, 5) | y * x]) = 5 RETURN x" },
        { "top-k", "UNWIND range(1, 300000) AS x RETURN x ORDER BY x DESC LIMIT 10" },
        { "counting", "UNWIND range(1, 300000) AS x RETURN count(*) AS n" },
        { "collect, then unwind", "UNWIND range(1, 50000) AS x WITH collect(x) AS l UNWIND l AS y RETURN y" },
        { "reduce replacing its accumulator", "RETURN size(reduce(s = '', x IN range(1, 3000) | s + 'x')) AS n" },
        { "a range counted", "RETURN size(range(1, 2000000000)) AS n" },
        { "a range unwound", "UNWIND range(1, 1000000) AS x WITH x WHERE x % 250000 = 0 RETURN x" },
        { "a subquery per row", "UNWIND range(1, 20000) AS x CALL { WITH x RETURN [x, x] AS pair } RETURN pair" },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task Streaming_more_than_the_limit_through_a_statement_is_fine(string kind, string query)
    {
        await using var driver = Driver();
        await using var session = driver.AsyncSession();
        var cursor = await session.StreamAsync(query);
        long rows = 0;
        var ex = await Xunit.Record.ExceptionAsync(async () =>
        {
            while (await cursor.FetchAsync()) rows++;
        });
        Assert.True(ex is null, $"{kind}: {ex}");
        Assert.True(rows > 0, kind);
    }

    [Fact]
    public async Task RunAsync_holds_every_record_so_they_count_but_streaming_them_does_not()
    {
        await using var driver = Driver();
        const string query = "UNWIND range(1, 200000) AS x RETURN x, 'row ' + toString(x) AS label";
        var error = await Assert.ThrowsAsync<TransientException>(() => driver.Run(query));
        Assert.Contains("RunAsync", error.Message);
        await using var session = driver.AsyncSession();
        var cursor = await session.StreamAsync(query);
        var rows = 0;
        while (await cursor.FetchAsync()) rows++;
        Assert.Equal(200000, rows);
    }

    [Fact]
    public async Task A_statement_stopped_by_the_limit_is_undone_alone_in_an_explicit_transaction()
    {
        await using var driver = Driver();
        await using var session = driver.AsyncSession();
        await using var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("CREATE (:Kept {name: 'first'})");
        await Assert.ThrowsAsync<TransientException>(() => tx.RunAsync("UNWIND range(1, 200000) AS i CREATE (:Undone {i: i})"));
        Assert.Equal(1L, (await tx.RunAsync("MATCH (n) RETURN count(n)")).Single()[0]);
        await tx.CommitAsync();
        Assert.Equal("first", await driver.Scalar("MATCH (n:Kept) RETURN n.name"));
        Assert.Equal(0L, await driver.Scalar("MATCH (n:Undone) RETURN count(n)"));
    }

    [Fact]
    public async Task The_message_names_the_limit_and_what_held_the_memory()
    {
        await using var driver = Driver();
        var error = await Assert.ThrowsAsync<TransientException>(() => driver.Run("UNWIND range(1, 300000) AS x RETURN x ORDER BY x DESC LIMIT 10000"));
        Assert.Contains("4 MiB", error.Message);
        Assert.Contains("ORDER BY", error.Message);
        Assert.Contains("Engine:QueryMemoryLimit", error.Message);
    }

    [Fact]
    public async Task Without_a_limit_nothing_is_refused()
    {
        await using var driver = EmbeddedDriver.InMemory(new EngineOptions { QueryMemoryLimit = null, SyncOnCommit = false });
        Assert.Equal(300000L, await driver.Scalar("UNWIND range(1, 300000) AS x WITH DISTINCT x RETURN count(*)"));
    }

    /// <summary>An expand reads a node's relationships into a buffer at once: a hub's buffer counts, a small node's does not.</summary>
    [Theory]
    [InlineData("MATCH (h:Hub)-[r:R]->(x) RETURN x.i AS i LIMIT 1")]
    [InlineData("MATCH (h:Hub)-[:R*1..2]->(x) RETURN x.i AS i LIMIT 1")]
    public async Task A_hub_s_relationships_read_at_once_count_against_the_limit(string query)
    {
        await using var driver = EmbeddedDriver.InMemory(new EngineOptions { QueryMemoryLimit = 512L << 10, SyncOnCommit = false });
        await driver.Run("CREATE (:Hub), (:Small)");
        for (var batch = 0; batch < 20; batch++)
            await driver.Run("MATCH (h:Hub) UNWIND range(1, 1000) AS i CREATE (h)-[:R]->(:Leaf {i: i})");
        var error = await Assert.ThrowsAsync<TransientException>(() => driver.Run(query));
        Assert.Equal(Neo4jStatus.MemoryPoolOutOfMemory, error.Code);
        Assert.Contains("the relationships of a node being expanded", error.Message);
        await driver.Run("MATCH (s:Small) UNWIND range(1, 1000) AS i CREATE (s)-[:R]->(:Leaf {i: i})");
        Assert.Single((await driver.Run(query.Replace("Hub", "Small"))).Records);
    }

    [Fact]
    public async Task The_default_limit_is_a_quarter_of_the_memory_available()
    {
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Assert.Equal(Math.Max(64L << 20, available / 4), new EngineOptions().QueryMemoryLimit);
        await using var driver = EmbeddedDriver.InMemory();
        // more than the memory there is: refused before anything is allocated
        var error = await Assert.ThrowsAsync<TransientException>(() => driver.Run("RETURN range(1, 2000000000) AS r"));
        Assert.Contains(MemoryTracker.Format(EngineOptions.DefaultQueryMemoryLimit), error.Message);
    }
}
