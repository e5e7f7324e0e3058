using Graph.Client;

namespace Graph.Engine.Tests.Concurrency;

/// <summary>Write transactions are serialized; rollback and abandoned transactions leave nothing; read sessions never write.</summary>
public class WriterTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_second_write_transaction_waits_for_the_first_or_fails_transiently_never_interleaves(bool onDisk)
    {
        await using var db = TestDatabase.Create(onDisk, writeLockTimeout: TimeSpan.FromSeconds(5));
        await db.Run("CREATE (:Counter {v: 0})");

        await using var first = db.Driver.AsyncSession();
        var tx1 = await first.BeginTransactionAsync();
        await tx1.RunAsync("MATCH (c:Counter) SET c.v = c.v + 1, c.last = 'first'");

        var second = Task.Run(async () =>
        {
            await using var session = db.Driver.AsyncSession();
            await using var tx2 = await session.BeginTransactionAsync();
            var seen = (long)(await tx2.RunAsync("MATCH (c:Counter) RETURN c.v")).Single()[0]!;
            await tx2.RunAsync("MATCH (c:Counter) SET c.v = $v, c.last = 'second'", IsolationTests.Map("v", seen + 1));
            await tx2.CommitAsync();
            return seen;
        });

        await Task.Delay(300);
        Assert.False(second.IsCompletedSuccessfully, "the second writer committed while the first transaction was still open");
        await tx1.RunAsync("MATCH (c:Counter) SET c.v = c.v + 1");
        await tx1.CommitAsync();

        try
        {
            var seenBySecond = await second;
            // It waited: it must have started from the first transaction's committed state, not a stale snapshot.
            Assert.Equal(2L, seenBySecond);
            Assert.Equal(3L, (await db.Run("MATCH (c:Counter) RETURN c.v")).Single()[0]);
        }
        catch (TransientException)
        {
            Assert.Equal(2L, (await db.Run("MATCH (c:Counter) RETURN c.v")).Single()[0]);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Concurrent_read_modify_write_transactions_lose_no_update(bool onDisk)
    {
        const int workers = 4, increments = 15;
        await using var db = TestDatabase.Create(onDisk);
        await db.Run("CREATE (:Counter {v: 0})");

        var retries = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            await using var session = db.Driver.AsyncSession();
            for (var i = 0; i < increments;)
            {
                try
                {
                    // Read in one statement, write in another: only serialized transactions keep every increment.
                    await session.ExecuteWriteAsync(async tx =>
                    {
                        var v = (long)(await tx.RunAsync("MATCH (c:Counter) RETURN c.v")).Single()[0]!;
                        await tx.RunAsync("MATCH (c:Counter) SET c.v = $v", IsolationTests.Map("v", v + 1));
                        return v;
                    });
                    i++;
                }
                catch (TransientException)
                {
                    Interlocked.Increment(ref retries);
                }
            }
        })));

        Assert.Equal((long)workers * increments, (await db.Run("MATCH (c:Counter) RETURN c.v")).Single()[0]);
        await db.ReopenAsync();
        Assert.Equal((long)workers * increments, (await db.Run("MATCH (c:Counter) RETURN c.v")).Single()[0]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rollback_leaves_nothing_behind(bool onDisk)
    {
        await using var db = TestDatabase.Create(onDisk);
        await db.Run("CREATE (a:Keep {name: 'a', v: 1})-[:LINK {w: 1}]->(b:Keep {name: 'b'})");
        var before = await Snapshot(db);

        await using (var session = db.Driver.AsyncSession())
        {
            var tx = await session.BeginTransactionAsync();
            await tx.RunAsync("CREATE (:Temp {x: 1})-[:TMP]->(:Temp)");
            await tx.RunAsync("MATCH (a:Keep {name: 'a'}) SET a.v = 99, a:Extra REMOVE a.name");
            await tx.RunAsync("MATCH ()-[r:LINK]->() SET r.w = 5");
            await tx.RunAsync("MATCH (b:Keep {name: 'b'}) DETACH DELETE b");
            await tx.RunAsync("CREATE INDEX temp_x IF NOT EXISTS FOR (t:Temp) ON (t.x)");
            await tx.RollbackAsync();
        }

        Assert.Equal(before, await Snapshot(db));
        await db.ReopenAsync();
        Assert.Equal(before, await Snapshot(db));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_session_disposed_with_an_open_transaction_rolls_it_back_and_frees_the_writer_lock(bool onDisk)
    {
        await using var db = TestDatabase.Create(onDisk, writeLockTimeout: TimeSpan.FromSeconds(2));
        await using (var abandoned = db.Driver.AsyncSession())
        {
            var tx = await abandoned.BeginTransactionAsync();
            await tx.RunAsync("CREATE (:Abandoned)");
        }

        Assert.Equal(0L, await db.Count("MATCH (n:Abandoned) RETURN count(n)"));
        var next = db.Run("CREATE (:Next)");
        Assert.Same(next, await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(1.5))));
        await next;
        Assert.Equal(1L, await db.Count("MATCH (n:Next) RETURN count(n)"));
    }

    public static TheoryData<string> Writes() => new()
    {
        "CREATE (:Nope)",
        "MERGE (:Nope)",
        "MATCH (n) SET n.x = 1",
        "MATCH (n) SET n:Other",
        "MATCH (n) REMOVE n.v",
        "MATCH (n) DELETE n",
        "MATCH (n) DETACH DELETE n",
        "MATCH (n) CREATE (n)-[:R]->(:Nope)",
        "UNWIND [1] AS x FOREACH (i IN [x] | CREATE (:Nope))",
        "MATCH (n) CALL { WITH n SET n.y = 2 } RETURN n",
        "CREATE INDEX nope_idx IF NOT EXISTS FOR (n:Nope) ON (n.x)",
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Read_sessions_reject_every_kind_of_write_and_change_nothing(string write)
    {
        await using var db = TestDatabase.Create(onDisk: false);
        await db.Run("CREATE (:Keep {v: 1})");
        var before = await Snapshot(db);

        await using var session = db.Driver.AsyncSession(SessionConfig.Read);
        var autoCommit = await Assert.ThrowsAnyAsync<ClientException>(() => session.RunAsync(write));
        Assert.Equal(Neo4jStatus.AccessMode, autoCommit.Code);

        var tx = await session.BeginTransactionAsync();
        var inTransaction = await Assert.ThrowsAnyAsync<ClientException>(() => tx.RunAsync(write));
        Assert.Equal(Neo4jStatus.AccessMode, inTransaction.Code);
        if (tx.IsOpen)
            await tx.CommitAsync();

        Assert.Equal(before, await Snapshot(db));
    }

    /// <summary>Every node and relationship with labels/type and properties, as sorted text.</summary>
    private static async Task<string> Snapshot(TestDatabase db)
    {
        var nodes = await db.Run("MATCH (n) RETURN labels(n) AS l, properties(n) AS p");
        var rels = await db.Run("MATCH ()-[r]->() RETURN type(r) AS t, properties(r) AS p");
        var indexes = await TryIndexes(db);
        return string.Join("\n", nodes.Records.Concat(rels.Records).Select(r => r.ToString()).Order(StringComparer.Ordinal)) + "\n" + indexes;
    }

    private static async Task<string> TryIndexes(TestDatabase db)
    {
        try
        {
            var result = await db.Run("SHOW INDEXES YIELD name RETURN name ORDER BY name");
            return string.Join(",", result.Records.Select(r => r[0]));
        }
        catch (ClientException)
        {
            return "(SHOW INDEXES unsupported)";
        }
    }
}
