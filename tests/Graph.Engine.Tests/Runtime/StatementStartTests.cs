using Graph.Client;
using Graph.Engine.Driver;
using Graph.Engine.Execution;
using Graph.Engine.Tests.Limits;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// What a statement's start-up skips when it can (a session's recent statements, a borrowed parameter map, a second
/// clock reading, a copy of every row for the result cursor) does not change what it means.
/// </summary>
public class StatementStartTests
{
    [Fact]
    public async Task A_statement_a_session_repeats_is_planned_again_after_a_schema_change_in_that_session()
    {
        await using var driver = Engine.New();
        await using var session = (EmbeddedSession)driver.AsyncSession();
        await session.RunAsync("UNWIND range(1, 50) AS i CREATE (:Doc {n: i})");
        const string query = "MATCH (d:Doc {n: $n}) RETURN d.n";
        var parameters = new Dictionary<string, object?> { ["n"] = 7L };
        Assert.Equal(0, session.RunProfiled(query, parameters).Single<NodeIndexSeekOp>().IndexedSeeks);
        Assert.Equal(0, session.RunProfiled(query, parameters).Single<NodeIndexSeekOp>().IndexedSeeks);
        await session.RunAsync("CREATE INDEX doc_n FOR (d:Doc) ON (d.n)");
        var after = session.RunProfiled(query, parameters);
        Assert.Equal(7L, after.Result.Single()[0]);
        Assert.Equal(1, after.Single<NodeIndexSeekOp>().IndexedSeeks);
    }

    [Fact]
    public async Task Repeats_found_among_a_session_s_recent_statements_count_as_cache_hits()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        var (hits, misses) = driver.PlanCacheStatistics;
        for (var i = 0; i < 5; i++) await session.RunAsync("RETURN $x AS x", new Dictionary<string, object?> { ["x"] = (long)i });
        Assert.Equal((hits + 4, misses + 1), driver.PlanCacheStatistics);
    }

    [Fact]
    public async Task Without_a_plan_cache_every_run_plans_again()
    {
        await using var driver = Engine.New(new EngineOptions { PlanCacheSize = 0 });
        await using var session = driver.AsyncSession();
        for (var i = 0; i < 3; i++) Assert.Equal(1L, (await session.RunAsync("RETURN 1 AS one")).Single()[0]);
        Assert.Equal((0L, 3L), driver.PlanCacheStatistics);
    }

    [Fact]
    public async Task A_streamed_statement_reads_its_parameters_as_they_were_when_it_started()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        var parameters = new Dictionary<string, object?> { ["x"] = "before" };
        await using var cursor = await session.StreamAsync("UNWIND range(1, 3) AS i RETURN $x AS x", parameters);
        Assert.True(await cursor.FetchAsync());
        parameters["x"] = "after";
        var seen = new List<object?> { cursor.Current["x"] };
        while (await cursor.FetchAsync()) seen.Add(cursor.Current["x"]);
        Assert.Equal(new object?[] { "before", "before", "before" }, seen);
    }

    [Fact]
    public async Task A_run_reads_the_caller_s_flat_map_and_leaves_it_as_it_was()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        var parameters = new Dictionary<string, object?> { ["name"] = "Ada", ["born"] = 1815L, ["rate"] = 0.5, ["ok"] = true, ["none"] = null };
        var record = (await session.RunAsync("CREATE (p:P {name: $name, born: $born}) RETURN p.name, p.born, $rate, $ok, $none", parameters)).Single();
        Assert.Equal(new object?[] { "Ada", 1815L, 0.5, true, null }, record.Values);
        Assert.Equal(5, parameters.Count);
        Assert.Equal("Ada", parameters["name"]);
        var missing = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("RETURN $name, $other", parameters));
        Assert.Equal(Neo4jStatus.ParameterMissing, missing.Code);
    }

    /// <summary>
    /// Statements whose operators hand the result cursor one reused buffer (projection, seek, filter, limit, a
    /// subquery's rows), next to ones whose operators keep rows (sort, distinct, collect): every record is its own.
    /// </summary>
    public static TheoryData<string, string[]> TransientShapes() => new()
    {
        { "MATCH (p:P {k: 1}) RETURN p.n AS n", ["a", "b", "c"] },
        { "MATCH (p:P) WHERE p.k = 1 RETURN p.n AS n LIMIT 2", ["a", "b"] },
        { "MATCH (p:P) WITH p WHERE p.k <> 1 RETURN p.n AS n", ["d"] },
        { "UNWIND [1, 2] AS k CALL { WITH k MATCH (p:P {k: k}) RETURN p.n AS n } RETURN n", ["a", "b", "c", "d"] },
        { "MATCH (p:P {k: 1}) OPTIONAL MATCH (p)-[:NEXT]->(q) RETURN p.n + '>' + coalesce(q.n, '-') AS n", ["a>b", "b>c", "c>-"] },
        { "MATCH (p:P {k: 1}) WITH p ORDER BY p.n DESC RETURN p.n AS n", ["a", "b", "c"] },
        { "MATCH (p:P) RETURN DISTINCT toString(p.k) + 'x' AS n", ["1x", "2x"] },
        { "MATCH (p:P {k: 1}) WITH collect(p) AS ps UNWIND ps AS p RETURN p.n AS n", ["a", "b", "c"] },
    };

    [Theory]
    [MemberData(nameof(TransientShapes))]
    public async Task Every_record_is_its_own_when_operators_reuse_a_row_buffer(string query, string[] expected)
    {
        await using var driver = Engine.New();
        await driver.Run("CREATE INDEX p_k FOR (p:P) ON (p.k)");
        await driver.Run("CREATE (a:P {k: 1, n: 'a'})-[:NEXT]->(b:P {k: 1, n: 'b'})-[:NEXT]->(:P {k: 1, n: 'c'}), (:P {k: 2, n: 'd'})");
        var result = await driver.Run(query);
        Assert.Equal(expected.Order(), result.Records.Select(r => (string)r["n"]!).Order());
        await using var session = driver.AsyncSession();
        await using var cursor = await session.StreamAsync(query);
        var streamed = new List<string>();
        while (await cursor.FetchAsync()) streamed.Add((string)cursor.Current["n"]!);
        Assert.Equal(expected.Order(), streamed.Order());
    }

    [Fact]
    public async Task Under_profile_the_rows_of_reusing_operators_are_counted()
    {
        await using var driver = Engine.New();
        await driver.Run("CREATE INDEX p_k FOR (p:P) ON (p.k)");
        await driver.Run("UNWIND range(1, 5) AS i CREATE (:P {k: 1, n: i})");
        var run = await driver.Profile("MATCH (p:P {k: 1}) WHERE p.n > 1 RETURN p.n AS n LIMIT 3");
        Assert.Equal([2L, 3L, 4L], run.Result.Records.Select(r => (long)r["n"]!).Order());
        Assert.Equal(3, run.Single<ProjectOp>().Rows);
        Assert.InRange(run.Single<NodeIndexSeekOp>().Rows, 3, 5);
    }

    [Fact]
    public async Task An_explicit_transaction_whose_time_ran_out_between_statements_fails_at_the_next_one()
    {
        // The stepping clock moves 1 ms per reading: each statement looks at it at least once as it starts.
        await using var driver = Engine.New(new EngineOptions { TimeProvider = new SteppingClock(), SyncOnCommit = false });
        await using var session = driver.AsyncSession();
        await using var tx = await session.BeginTransactionAsync(new TransactionConfig { Timeout = TimeSpan.FromMilliseconds(5) });
        var error = await Assert.ThrowsAsync<ClientException>(async () =>
        {
            for (var i = 0; i < 10; i++) await tx.RunAsync("RETURN 1");
        });
        Assert.Equal("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", error.Code);
    }

    [Fact]
    public async Task A_read_reports_no_changes_and_a_write_its_own()
    {
        await using var driver = Engine.New();
        var read = await driver.Run("RETURN 1");
        Assert.Same(Counters.None, read.Counters);
        var write = await driver.Run("CREATE (:A)-[:R]->(:B)");
        Assert.Equal((2, 1), (write.Counters.NodesCreated, write.Counters.RelationshipsCreated));
        var delete = await driver.Run("MATCH (a:A) DETACH DELETE a RETURN count(*) AS n");
        Assert.Equal((1, 1), (delete.Counters.NodesDeleted, delete.Counters.RelationshipsDeleted));
    }
}
