using Graph.Client;

namespace Graph.Engine.Tests.Runtime;

/// <summary>Results read record by record (IResultCursor): produced as fetched, never held whole by the engine.</summary>
public class CursorTests
{
    [Fact]
    public async Task A_cursor_produces_rows_as_they_are_fetched()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        // Ten million rows: held whole this would take seconds and gigabytes; fetched three at a time it takes nothing.
        await using var cursor = await session.StreamAsync("UNWIND range(1, 10000000) AS x RETURN x");
        Assert.Equal(["x"], cursor.Keys);
        for (var i = 1L; i <= 3; i++)
        {
            Assert.True(await cursor.FetchAsync());
            Assert.Equal(i, cursor.Current["x"]);
        }
    }

    [Fact]
    public async Task Consume_runs_to_the_end_and_returns_the_counters()
    {
        await using var driver = Engine.New();
        await using (var session = driver.AsyncSession())
        {
            var cursor = await session.StreamAsync("UNWIND range(1, 5) AS x CREATE (n:N {x: x}) RETURN n.x");
            Assert.True(await cursor.FetchAsync());
            var summary = await cursor.ConsumeAsync();
            Assert.Equal(5, summary.Counters.NodesCreated);
            Assert.NotNull(summary.Bookmark);
            Assert.False(await cursor.FetchAsync());
        }
        Assert.Equal(5L, await driver.Scalar("MATCH (n:N) RETURN count(n)"));
    }

    [Fact]
    public async Task An_abandoned_auto_commit_write_still_runs_to_its_end_and_commits()
    {
        await using var driver = Engine.New();
        await using (var session = driver.AsyncSession())
        {
            var cursor = await session.StreamAsync("UNWIND range(1, 4) AS x CREATE (:W {x: x}) RETURN x");
            Assert.True(await cursor.FetchAsync());
            await cursor.DisposeAsync();
        }
        Assert.Equal(4L, await driver.Scalar("MATCH (n:W) RETURN count(n)"));
    }

    [Fact]
    public async Task Running_another_statement_buffers_what_is_left_of_the_open_cursor()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        await using var first = await session.StreamAsync("UNWIND [1, 2, 3] AS x CREATE (:B {x: x}) RETURN x");
        Assert.True(await first.FetchAsync());
        var count = await session.RunAsync("MATCH (n:B) RETURN count(n) AS c");
        Assert.Equal(3L, count.Single()["c"]);
        var rest = new List<object?>();
        while (await first.FetchAsync()) rest.Add(first.Current["x"]);
        Assert.Equal([2L, 3L], rest);
    }

    [Fact]
    public async Task A_failure_while_fetching_undoes_the_statement_and_reaches_the_caller()
    {
        await using var driver = Engine.New();
        await using (var session = driver.AsyncSession())
        {
            var tx = await session.BeginTransactionAsync();
            await tx.RunAsync("CREATE (:Kept)");
            var cursor = await tx.StreamAsync("UNWIND [1, 1, 0] AS x CREATE (:Gone) RETURN 1 / x AS y");
            Assert.True(await cursor.FetchAsync());
            Assert.True(await cursor.FetchAsync());
            var error = await Assert.ThrowsAsync<ClientException>(async () => await cursor.FetchAsync());
            Assert.Equal(Neo4jStatus.ArithmeticError, error.Code);
            Assert.Equal(0L, (await tx.RunAsync("MATCH (n:Gone) RETURN count(n)")).Single()[0]);
            await tx.CommitAsync();
        }
        Assert.Equal(1L, await driver.Scalar("MATCH (n:Kept) RETURN count(n)"));
        Assert.Equal(0L, await driver.Scalar("MATCH (n:Gone) RETURN count(n)"));
    }

    [Fact]
    public async Task Commit_finishes_an_open_cursor_first_and_rollback_abandons_it()
    {
        await using var driver = Engine.New();
        await using (var session = driver.AsyncSession())
        {
            var tx = await session.BeginTransactionAsync();
            var cursor = await tx.StreamAsync("UNWIND range(1, 3) AS x CREATE (:C) RETURN x");
            Assert.True(await cursor.FetchAsync());
            await tx.CommitAsync();
            var rolledBack = await session.BeginTransactionAsync();
            var abandoned = await rolledBack.StreamAsync("UNWIND range(1, 3) AS x CREATE (:D) RETURN x");
            Assert.True(await abandoned.FetchAsync());
            await rolledBack.RollbackAsync();
            Assert.False(await abandoned.FetchAsync());
        }
        Assert.Equal(3L, await driver.Scalar("MATCH (n:C) RETURN count(n)"));
        Assert.Equal(0L, await driver.Scalar("MATCH (n:D) RETURN count(n)"));
    }

    [Fact]
    public async Task A_missing_parameter_fails_before_anything_runs()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        var error = await Assert.ThrowsAsync<ClientException>(() => session.StreamAsync("CREATE (:P {v: $v}) RETURN 1"));
        Assert.Equal(Neo4jStatus.ParameterMissing, error.Code);
        Assert.Equal(0L, await driver.Scalar("MATCH (n:P) RETURN count(n)"));
    }
}
