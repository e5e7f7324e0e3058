using System.Runtime.CompilerServices;
using Graph.Client;
using Graph.Engine.Driver;
using Graph.Engine.Runtime;
using Graph.Engine.Runtime.Temporal;
using Graph.Storage;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// A session runs its next RunAsync statement with the cursor, context and memory tracker of its last finished one
/// (EmbeddedSession's spare owner, QueryContext.Restart): nothing of one statement may show in the next — results,
/// errors, counters, remembered property reads, the statement clock, the memory held — and nothing it referenced
/// (parameters, records) stays reachable from the session.
/// </summary>
public class ReusedStatementTests
{
    private const string Graph =
        "CREATE (a:E {id: 'a'}), (b:E {id: 'b'}), (c:C {id: 'c1', n: 1}), (d:C {id: 'c2', n: 1.0}), (x:C {id: 'x'}), " +
        "(a)-[:EN]->(c), (a)-[:CR]->(c), (a)-[:EN]->(d), (b)-[:EN]->(c), (b)-[:CR]->(d), (b)-[:EN]->(d), (a)-[:EN]->(a)";

    /// <summary>Reads, writes, failures (at run time and before), EXPLAIN, joins and parameters of every kind, in one sequence.</summary>
    private static readonly (string Query, Dictionary<string, object?>? Parameters)[] Sequence =
    [
        ("MATCH (a:E {id: $a})-[r:EN|CR]->(c:C)<-[s:EN|CR]-(b:E {id: $b}) RETURN c.id, type(r), type(s) ORDER BY c.id, type(r), type(s)",
            new() { ["a"] = "a", ["b"] = "b" }),
        ("MATCH (e:E {id: $id}) RETURN e.id, e.missing", new() { ["id"] = "b" }),
        ("UNWIND [1, 0] AS d RETURN 6 / d AS q", null),
        ("MATCH (e:E {id: $id}) RETURN e.id", null), // a missing parameter
        ("MATCH (c:C) WHERE c.n = $n RETURN c.id ORDER BY c.id", new() { ["n"] = 1L }),
        ("MATCH (a:E {id: 'a'}), (b:E {id: 'b'}) MATCH (a)-[r:EN|CR]->(c:C)<-[s:EN|CR]-(b) RETURN c.id, type(r), type(s) ORDER BY c.id, type(r), type(s)", null),
        ("CREATE (:C {id: 'new', n: $list}) RETURN 1 AS one", new() { ["list"] = new List<object?> { 1L, null, "s" } }),
        ("MATCH (c:C {id: 'x'}) DETACH DELETE c RETURN count(*) AS deleted", null),
        ("MATCH (c:C) RETURN c.id, c.n ORDER BY c.id", null),
        ("EXPLAIN MATCH (c:C) RETURN c.id", null),
        ("MATCH (a:E)-[r]->(a) RETURN a.id, type(r)", null),
        ("MATCH (c:C {id: 'c1'}) SET c.n = 2 RETURN c.n", null),
        ("RETURN $m.k AS k, $nothing AS nothing", new() { ["m"] = new Dictionary<string, object?> { ["k"] = 1.0 }, ["nothing"] = null }),
        ("MATCH (c:C) RETURN c.id, c.n ORDER BY c.id", null),
        // the row a restarted cursor's plan starts from is its last statement's, emptied: statements of one slot count
        // in a row, one binding nothing where the one before bound its entities
        ("MATCH (a:E {id: 'a'}) CALL { WITH a MATCH (a)-[:EN]->(c) RETURN count(c) AS n } RETURN a.id, n", null),
        ("OPTIONAL MATCH (a:E {id: 'zz'}) CALL { WITH a MATCH (a)-[:EN]->(c) RETURN count(c) AS n } RETURN a.id, n", null),
        ("OPTIONAL MATCH (a:E {id: 'zz'}) CALL { WITH a MATCH (a)-[:EN]->(c) RETURN count(c) AS n } RETURN a.id, n", null),
        ("MATCH (a:E {id: $a})-[r:EN|CR]->(c:C)<-[s:EN|CR]-(b:E {id: $b}) RETURN c.id, type(r), type(s) ORDER BY c.id, type(r), type(s)",
            new() { ["a"] = "b", ["b"] = "a" }),
    ];

    [Fact]
    public async Task One_session_s_statements_return_what_a_new_session_per_statement_returns()
    {
        await using var reused = await Engine.NewWith(Graph);
        await using var fresh = await Engine.NewWith(Graph);
        await using var session = reused.AsyncSession();
        foreach (var (query, parameters) in Sequence)
        {
            var expected = await Outcome(fresh.AsyncSession(), query, parameters, dispose: true);
            Assert.Equal(expected, await Outcome(session, query, parameters, dispose: false));
        }
    }

    [Fact]
    public async Task Statements_of_a_session_between_profiled_ones_and_transactions_keep_their_results()
    {
        await using var driver = await Engine.NewWith(Graph);
        await using var session = (EmbeddedSession)driver.AsyncSession();
        const string Query = "MATCH (e:E {id: $id})-[r:EN]->(c:C) RETURN c.id ORDER BY c.id";
        var parameters = new Dictionary<string, object?> { ["id"] = "a" };
        Assert.Equal(["c1", "c2"], (await session.RunAsync(Query, parameters)).Records.Select(r => r[0]));
        var profiled = session.RunProfiled(Query, parameters);
        Assert.Equal(2, profiled.Result.Records.Count);
        Assert.Equal(2, profiled.Profile.For(profiled.Plan.Root).Rows);
        var rows = profiled.Profile.For(profiled.Plan.Root).Rows;
        Assert.Equal(["c1", "c2"], (await session.RunAsync(Query, parameters)).Records.Select(r => r[0]));
        // the profile handed out is not the next statement's
        Assert.Equal(rows, profiled.Profile.For(profiled.Plan.Root).Rows);
        await using (var tx = await session.BeginTransactionAsync())
        {
            await tx.RunAsync("MATCH (c:C {id: 'c2'}) DETACH DELETE c");
            Assert.Equal(["c1"], (await tx.RunAsync(Query, parameters)).Records.Select(r => r[0]));
            await tx.RollbackAsync();
        }
        Assert.Equal(["c1", "c2"], (await session.RunAsync(Query, parameters)).Records.Select(r => r[0]));
        await using (var cursor = await session.StreamAsync(Query, parameters))
        {
            Assert.True(await cursor.FetchAsync());
            // a statement run while a streamed one is open buffers the streamed one's rest first
            Assert.Equal(["c1", "c2"], (await session.RunAsync(Query, parameters)).Records.Select(r => r[0]));
            Assert.Equal("c1", cursor.Current[0]);
            Assert.True(await cursor.FetchAsync());
            Assert.Equal("c2", cursor.Current[0]);
            Assert.False(await cursor.FetchAsync());
        }
    }

    [Fact]
    public async Task A_property_written_after_a_statement_that_remembered_reads_is_read_anew()
    {
        // more than 64 property reads in a read-only statement: its context remembers the last ones (NodePropertyMemo),
        // here node 7's v
        await using var driver = await Engine.NewWith("UNWIND range(1, 200) AS i CREATE (:N {i: i, v: 0})");
        await using var session = driver.AsyncSession();
        const string ReadMany = "UNWIND range(1, 100) AS k MATCH (n:N {i: 7}) RETURN sum(n.v) AS s";
        Assert.Equal(0L, (await session.RunAsync(ReadMany)).Single()[0]);
        Assert.Equal(5L, (await session.RunAsync("MATCH (n:N {i: 7}) SET n.v = 5 RETURN n.v AS v")).Single()[0]);
        Assert.Equal(5L, (await session.RunAsync("MATCH (n:N {i: 7}) RETURN n.v AS v")).Single()[0]);
        Assert.Equal(500L, (await session.RunAsync(ReadMany)).Single()[0]);
    }

    [Fact]
    public async Task A_read_after_a_write_reports_no_changes()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        var write = await session.RunAsync("CREATE (:A)-[:R]->(:B)");
        Assert.Equal(2, write.Summary.Counters.NodesCreated);
        var read = await session.RunAsync("MATCH (a:A) RETURN count(a) AS n");
        Assert.Same(Counters.None, read.Summary.Counters);
        var deleted = await session.RunAsync("MATCH (a:A) DETACH DELETE a");
        Assert.Equal(1, deleted.Summary.Counters.NodesDeleted);
        // the deleted set of the statement before is not this one's: a new node with the recycled id is readable
        await session.RunAsync("CREATE (:A {k: 1})");
        Assert.Equal(1L, (await session.RunAsync("MATCH (a:A) RETURN a.k AS k")).Single()[0]);
    }

    [Fact]
    public async Task Each_statement_reads_the_statement_clock_anew()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        // nanoseconds since the epoch, twice in one statement
        const string Query = "WITH datetime.statement() AS a, datetime.statement() AS b " +
            "RETURN a.epochSeconds * 1000000000 + a.nanosecond AS a, b.epochSeconds * 1000000000 + b.nanosecond AS b";
        var first = (await session.RunAsync(Query)).Single();
        Assert.Equal(first["a"], first["b"]);
        var firstNanos = (long)first["a"]!;
        // wait (without timing anything) until the wall clock has moved past the first statement's reading
        while ((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100 <= firstNanos) Thread.Yield();
        var second = (long)(await session.RunAsync(Query)).Single()["a"]!;
        Assert.True(second > firstNanos, $"{second} is not after {firstNanos}");
    }

    [Fact]
    public async Task What_a_statement_wrote_does_not_count_against_the_next_statement_s_memory_limit()
    {
        await using var driver = EmbeddedDriver.InMemory(new EngineOptions { QueryMemoryLimit = 1L << 20, SyncOnCommit = false });
        await using var session = driver.AsyncSession();
        // find a write that holds more than half the limit and fits it
        var n = 64L;
        while (true)
        {
            var probe = driver.AsyncSession();
            try
            {
                await probe.RunAsync("UNWIND range(1, $n) AS i CREATE (:W {i: i, s: 'abcdefghijklmnopqrstuvwxyz'}) RETURN count(*) AS c",
                    new Dictionary<string, object?> { ["n"] = n * 2 });
                n *= 2;
            }
            catch (TransientException e) when (e.Message.Contains("QueryMemoryLimit"))
            {
                break;
            }
            finally
            {
                await probe.DisposeAsync();
            }
        }
        // n rows fit, 2n do not: each of three statements holds more than half the limit while it runs
        var parameters = new Dictionary<string, object?> { ["n"] = n };
        for (var i = 0; i < 3; i++)
        {
            var result = await session.RunAsync("UNWIND range(1, $n) AS i CREATE (:W {i: i, s: 'abcdefghijklmnopqrstuvwxyz'}) RETURN count(*) AS c", parameters);
            Assert.Equal(n, result.Single()[0]);
        }
        var error = await Assert.ThrowsAsync<TransientException>(() => session.RunAsync("UNWIND range(1, 100000000) AS i RETURN collect(i) AS c"));
        Assert.Contains("QueryMemoryLimit", error.Message);
        Assert.Equal(1L, (await session.RunAsync("RETURN 1 AS x")).Single()[0]);
    }

    [Fact]
    public async Task A_session_keeps_neither_the_parameters_nor_the_records_of_its_last_statement()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        var (parameters, value) = await RunWithParameters(session);
        for (var i = 0; i < 3 && (parameters.IsAlive || value.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(parameters.IsAlive, "the session still references the parameters of its last statement");
        Assert.False(value.IsAlive, "the session still references a value of its last statement's records");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<(WeakReference Parameters, WeakReference Value)> RunWithParameters(IAsyncSession session)
    {
        // a flat map of scalars: RunAsync reads it as the caller passed it (ParameterValues.Convert borrows it)
        var parameters = new Dictionary<string, object?> { ["s"] = new string('p', 40) };
        var result = await session.RunAsync("RETURN $s + 'q' AS s", parameters);
        return (new WeakReference(parameters), new WeakReference(result.Single()[0]));
    }

    [Fact]
    public async Task A_statement_after_the_first_allocates_no_context_cursor_or_tracker()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        var reused = await StatementAllocations.OfRerun(session, "RETURN 1 AS x", 1);
        // a new session's first run makes them (a QueryContext alone is ~180 bytes, the cursor ~110)
        await using var other = driver.AsyncSession();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Single((await other.RunAsync("RETURN 1 AS x")).Records);
        var made = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(made - reused >= 300, $"a reused statement allocated {reused} bytes, a first one {made}");
    }

    [Fact]
    public async Task A_restarted_context_takes_the_new_statement_s_options_and_clock()
    {
        // Restart stores the options (and their clock) only when they changed: a context restarted with other options
        // must check its deadline on the new clock
        await using var driver = Engine.New();
        var clock = new ManualClock();
        var first = new EngineOptions();
        var second = new EngineOptions { TimeProvider = clock, QueryTimeout = TimeSpan.FromSeconds(1) };
        using var tx = driver.Store.BeginTransaction(write: false);
        var ctx = new QueryContext(tx, driver.Store.Tokens, ParameterValues.None, first, CancellationToken.None, null) { Database = "other" };
        ctx.Release();
        var deadline = Deadline.Start(null, second); // at 1 s on the manual clock
        ctx.Restart(tx, driver.Store.Tokens, ParameterValues.None, second, CancellationToken.None, deadline, null, EngineInfo.DefaultDatabase, true);
        Assert.Same(second, ctx.Options);
        Assert.Equal(EngineInfo.DefaultDatabase, ctx.Database);
        ctx.CheckNow(); // 0 s: not passed (the system clock's reading would be far past it)
        clock.Now = 5_000;
        var error = Assert.Throws<ClientException>(() => ctx.CheckNow());
        Assert.Equal(Neo4jStatus.TransactionTimedOut, error.Code);
    }

    private sealed class ManualClock : TimeProvider
    {
        public long Now { get; set; }
        public override long GetTimestamp() => Now;
        public override long TimestampFrequency => 1_000;
    }

    [Fact]
    public async Task A_restarted_context_holds_nothing_of_the_statement_before()
    {
        await using var driver = await Engine.NewWith("CREATE (:A {v: 1})");
        var options = new EngineOptions { QueryMemoryLimit = 1500 };
        using var first = driver.Store.BeginTransaction(write: true);
        var ctx = new QueryContext(first, driver.Store.Tokens, new Dictionary<string, object?> { ["p"] = 1L }, options, CancellationToken.None, null)
        { ReadOnly = true, Database = "other" };
        ctx.Memory.ReserveWrite(1000);
        ctx.Counters.NodesCreated++;
        ctx.DeletedNodes.Add(0);
        var clock = TemporalClock.Statement(ctx);
        first.Rollback();
        using var second = driver.Store.BeginTransaction(write: false);
        ctx.Restart(second, driver.Store.Tokens, ParameterValues.None, options, CancellationToken.None, null, null, EngineInfo.DefaultDatabase, false);
        Assert.Same(second, ctx.Tx);
        Assert.Empty(ctx.Parameters);
        Assert.Equal(0, ctx.Memory.Used);
        Assert.Equal(0, ctx.Memory.Peak);
        ctx.Memory.ReserveWrite(1000); // 2,000 held would pass the limit of 1,500
        Assert.Same(Counters.None, ctx.ChangeCounters());
        Assert.Empty(ctx.DeletedNodes);
        Assert.Null(ctx.StatementTime);
        Assert.False(ctx.ReadOnly);
        Assert.Equal(EngineInfo.DefaultDatabase, ctx.Database);
        Assert.Equal(1L, ctx.NodeProperty(new NodeValue(0), new PropertyKey("v")));
        Assert.NotNull(TemporalClock.Statement(ctx).ToString()); // read anew: the reading is the new statement's
        Assert.NotNull(ctx.StatementTime);
        Assert.True(ctx.StatementTime!.Value.EpochSecond >= clock.EpochSecond);
    }

    private static async Task<string> Outcome(IAsyncSession session, string query, Dictionary<string, object?>? parameters, bool dispose)
    {
        try
        {
            var result = await session.RunAsync(query, parameters);
            var rows = result.Records.Select(r => string.Join(", ", r.Values.Select(ValueFormatter.ToCypherLiteral)));
            var c = result.Summary.Counters;
            return $"{string.Join(" | ", result.Keys)}: {string.Join("; ", rows)} [{result.Summary.QueryType}; +{c.NodesCreated}n -{c.NodesDeleted}n " +
                $"-{c.RelationshipsDeleted}r {c.PropertiesSet}p; plan {result.Summary.Plan is not null}]";
        }
        catch (GraphException e)
        {
            return $"{e.GetType().Name} {e.Code}: {e.Message}";
        }
        finally
        {
            if (dispose) await session.DisposeAsync();
        }
    }
}
