using Graph.Client;

namespace Graph.Neo4j.Tests;

/// <summary>Explicit transactions over /query/v2/tx: commit, rollback, failure, isolation.</summary>
public class TransactionTests(ServerHarness server) : IClassFixture<ServerHarness>
{
    private async Task<long> Count(string label)
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession(SessionConfig.Read);
        return (long)(await session.RunAsync($"MATCH (n:{label}) RETURN count(n) AS c")).Single()["c"]!;
    }

    [Fact]
    public async Task Committed_writes_are_visible_and_carry_a_bookmark()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        var created = await tx.RunAsync("CREATE (n:TxCommit {i: $i}) RETURN n.i AS i", Params.Of(("i", 1)));
        await tx.RunAsync("CREATE (:TxCommit {i: 2})");
        Assert.Equal(1L, created.Single()["i"]);
        Assert.Equal(1, created.Counters.NodesCreated);
        Assert.Equal(2L, (await tx.RunAsync("MATCH (n:TxCommit) RETURN count(n) AS c")).Single()["c"]); // own writes visible inside
        await tx.CommitAsync();

        Assert.False(tx.IsOpen);
        Assert.NotEmpty(session.LastBookmarks);
        Assert.Equal(2L, await Count("TxCommit"));
    }

    [Fact]
    public async Task Rolled_back_writes_disappear()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("CREATE (:TxRollback)");
        await tx.RollbackAsync();
        Assert.False(tx.IsOpen);
        Assert.Equal(0L, await Count("TxRollback"));
    }

    [Fact]
    public async Task A_failing_statement_ends_the_transaction_and_nothing_is_kept()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("CREATE (:TxFail)");
        var e = await Assert.ThrowsAsync<ClientException>(() => tx.RunAsync("RETURN 1 / 0"));
        Assert.Equal(Neo4jStatus.ArithmeticError, e.Code);
        Assert.False(tx.IsOpen);
        var closed = await Assert.ThrowsAsync<ClientException>(() => tx.RunAsync("RETURN 1"));
        Assert.Equal(Neo4jStatus.TransactionNotFound, closed.Code);
        Assert.Equal(0L, await Count("TxFail"));
    }

    [Fact]
    public async Task ExecuteWrite_commits_on_return_and_rolls_back_on_throw()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var n = await session.ExecuteWriteAsync(async tx =>
        {
            await tx.RunAsync("CREATE (:TxWork {ok: true})");
            return 1;
        });
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.ExecuteWriteAsync<int>(async tx =>
        {
            await tx.RunAsync("CREATE (:TxWork {ok: false})");
            throw new InvalidOperationException("changed my mind");
        }));
        Assert.Equal(1, n);
        Assert.Equal(1L, await Count("TxWork"));
    }

    [Fact]
    public async Task Disposing_an_open_transaction_rolls_it_back()
    {
        await using var driver = server.Connector();
        await using (var session = driver.AsyncSession())
        {
            var tx = await session.BeginTransactionAsync();
            await tx.RunAsync("CREATE (:TxDisposed)");
        }
        Assert.Equal(0L, await Count("TxDisposed"));
    }

    [Fact]
    public async Task A_session_with_an_open_transaction_refuses_auto_commit_queries()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        await using var tx = await session.BeginTransactionAsync();
        var e = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("RETURN 1"));
        Assert.Contains("open transaction", e.Message);
    }
}
