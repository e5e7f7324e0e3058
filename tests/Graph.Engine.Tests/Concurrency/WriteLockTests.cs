using Graph.Client;

namespace Graph.Engine.Tests.Concurrency;

/// <summary>
/// Through the driver: an explicit transaction holds the store's write lock only from its first write (which may come
/// while its rows are being fetched), gives it back when a failed statement leaves nothing written, and is told to retry
/// when what it read went stale before it wrote. A short lock timeout makes "blocked" a transient error, not a wait.
/// </summary>
public class WriteLockTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Open_transactions_that_have_not_written_block_no_writer(bool onDisk)
    {
        await using var db = TestDatabase.Create(onDisk, writeLockTimeout: Short);
        await db.Run("CREATE (:Counter {v: 0})");
        await using var idle = db.Driver.AsyncSession();
        await using var reading = db.Driver.AsyncSession();
        var empty = await idle.BeginTransactionAsync();                          // BEGIN and nothing else
        var reader = await reading.BeginTransactionAsync();
        Assert.Equal(0L, (await reader.RunAsync("MATCH (c:Counter) RETURN c.v")).Single()[0]);
        await reader.RunAsync("MERGE (c:Counter {v: 0}) RETURN c");              // a write statement that writes nothing

        // Other writers go straight through: auto-commit, and an explicit transaction.
        await db.Run("MATCH (c:Counter) SET c.v = 1");
        await using (var other = db.Driver.AsyncSession())
            await other.ExecuteWriteAsync(tx => tx.RunAsync("CREATE (:Other)"));
        Assert.Equal(1L, await db.Count("MATCH (c:Counter) RETURN c.v"));

        await empty.CommitAsync();
        await reader.CommitAsync();
        Assert.Equal(1L, await db.Count("MATCH (n:Other) RETURN count(n)"));
    }

    [Fact]
    public async Task The_first_write_can_come_while_rows_are_fetched_and_then_holds_the_lock_until_commit()
    {
        await using var db = TestDatabase.Create(onDisk: true, writeLockTimeout: Short);
        await using var session = db.Driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        var cursor = await tx.StreamAsync("UNWIND range(1, 3) AS i CREATE (x:X {i: i}) RETURN x.i AS i");
        await db.Run("CREATE (:Before)");                                         // nothing written yet: not blocked

        Assert.True(await cursor.FetchAsync());                                   // the first CREATE runs here
        var blocked = await Assert.ThrowsAsync<TransientException>(() => db.Run("CREATE (:During)"));
        Assert.Equal(Neo4jStatus.TransientLockError, blocked.Code);
        var rows = new List<long> { cursor.Current.Get<long>("i") };
        while (await cursor.FetchAsync()) rows.Add(cursor.Current.Get<long>("i"));
        Assert.Equal([1L, 2L, 3L], rows);
        await tx.CommitAsync();

        await db.Run("CREATE (:After)");
        await db.ReopenAsync();
        Assert.Equal(5L, await db.Count("MATCH (n) RETURN count(n)"));
    }

    [Fact]
    public async Task A_failed_statement_that_had_written_gives_the_lock_back()
    {
        await using var db = TestDatabase.Create(onDisk: false, writeLockTimeout: Short);
        await using var session = db.Driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await Assert.ThrowsAsync<ClientException>(() => tx.RunAsync("CREATE (:Gone) WITH 1 AS one RETURN one / 0 AS boom"));
        await db.Run("CREATE (:Other)");                                          // the lock was given back
        Assert.True(tx.IsOpen);
        await tx.RunAsync("CREATE (:Kept)");                                      // wrote nothing it read: not outdated
        await tx.CommitAsync();
        Assert.Equal(0L, await db.Count("MATCH (n:Gone) RETURN count(n)"));
        Assert.Equal(2L, await db.Count("MATCH (n) RETURN count(n)"));
    }

    [Fact]
    public async Task A_transaction_whose_reads_went_stale_before_its_first_write_gets_a_transient_outdated_error()
    {
        await using var db = TestDatabase.Create(onDisk: false);
        await db.Run("CREATE (:Counter {v: 0})");
        await using var session = db.Driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        var v = (long)(await tx.RunAsync("MATCH (c:Counter) RETURN c.v")).Single()[0]!;
        await db.Run("MATCH (c:Counter) SET c.v = c.v + 10");                    // commits in between

        var error = await Assert.ThrowsAsync<TransientException>(() => tx.RunAsync("MATCH (c:Counter) SET c.v = $v", IsolationTests.Map("v", v + 1)));
        Assert.Equal(Neo4jStatus.TransactionOutdated, error.Code);
        await tx.RollbackAsync();
        Assert.Equal(10L, await db.Count("MATCH (c:Counter) RETURN c.v"));       // the other update was not lost
    }
}
