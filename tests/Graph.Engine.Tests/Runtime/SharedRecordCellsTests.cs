using Graph.Client;
using Graph.Engine.Driver;
using Record = Graph.Client.Record;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// RunAsync collects a result's records in cells they share (one array for a small result, chunks for a large one;
/// <see cref="ResultRecordBuffer"/>) where a streamed result makes each record with an array of its own: both give the
/// same records for every kind of value, in and out of a written transaction, under PROFILE, at any size, and fail
/// the same way.
/// </summary>
public class SharedRecordCellsTests
{
    private const string Graph =
        "UNWIND range(1, 1500) AS i CREATE (a:P {k: i % 7, name: CASE WHEN i % 5 = 0 THEN null ELSE 'p' + i END, n: i})-[:R {w: i % 3}]->(:Q {id: toString(i % 11)})";

    private static readonly string[] Queries =
    [
        // the root projection evaluated into the records (strings, numbers, nulls, duplicates)
        "MATCH (a:P)-[r:R]->(q:Q) RETURN a.name AS name, type(r) AS t, q.id AS id, a.k AS k",
        // numbers where strings were, lists, maps, a node, a relationship and a path
        "MATCH p = (a:P)-[r:R]->(q:Q) WHERE a.n <= 40 RETURN a.n AS n, [a.k, a.name] AS l, {w: r.w} AS m, a, r, p",
        // rows that hold the columns' values (an aggregation's groups)
        "MATCH (a:P)-[:R]->(q:Q) RETURN q.id AS id, a.k AS k, count(*) AS c",
        "MATCH (a:P) RETURN a.k AS k, collect(a.n)[0..3] AS first",
        "UNWIND range(1, 3000) AS i RETURN i % 4 AS x, CASE WHEN i % 2 = 0 THEN toString(i) ELSE i END AS y",
        "UNWIND range(1, 3) AS i RETURN i",
    ];

    private static async Task<List<string>> Streamed(IQueryRunner runner, string query)
    {
        var cursor = await runner.StreamAsync(query);
        var rows = new List<string>();
        while (await cursor.FetchAsync()) rows.Add(cursor.Current.ToString());
        await cursor.ConsumeAsync();
        return rows;
    }

    private static List<string> Shown(QueryResult result) => result.Records.Select(r => r.ToString()).ToList();

    [Fact]
    public async Task RunAsync_and_a_streamed_result_give_the_same_records()
    {
        await using var driver = await Engine.NewWith(Graph);
        await using var session = driver.AsyncSession();
        foreach (var query in Queries)
        {
            var collected = await session.RunAsync(query);
            Assert.Equal(await Streamed(session, query), Shown(collected));
            // a record's values, keys and lookups agree with its own copy
            foreach (var record in collected.Records)
            {
                var own = new Record(record.Keys, record.Values.ToArray());
                Assert.Equal(own.ToString(), record.ToString());
                Assert.Equal(own.ToDictionary(), record.ToDictionary());
                Assert.Equal(record.Keys.Count, record.Values.Count);
                for (var i = 0; i < record.Keys.Count; i++) Assert.Same(record[i], record[record.Keys[i]]);
                Assert.Throws<IndexOutOfRangeException>(() => record[record.Keys.Count]);
                Assert.Throws<IndexOutOfRangeException>(() => record[-1]);
            }
        }
    }

    [Fact]
    public async Task A_written_transaction_collects_what_it_streams_its_own_writes_and_deletions_included()
    {
        await using var driver = await Engine.NewWith(Graph);
        await using var session = driver.AsyncSession();
        await using var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("MATCH (a:P) WHERE a.n % 3 = 0 SET a.name = a.n * 2");
        await tx.RunAsync("MATCH (a:P) WHERE a.n % 4 = 0 DETACH DELETE a");
        foreach (var query in Queries)
            Assert.Equal(await Streamed(tx, query), Shown(await tx.RunAsync(query)));
        var written = await tx.RunAsync("UNWIND range(1, 2000) AS i CREATE (x:W {i: i}) RETURN x.i AS i, x");
        Assert.Equal(2000, written.Records.Count);
        Assert.Equal(Enumerable.Range(1, 2000).Select(i => (object?)(long)i), written.Records.Select(r => r["i"]));
        Assert.All(written.Records, r => Assert.IsType<Node>(r["x"]));
        await tx.RollbackAsync();
        Assert.Equal(0L, (await session.RunAsync("MATCH (x:W) RETURN count(x) AS c")).Single()["c"]);
    }

    [Fact]
    public async Task PROFILE_collects_the_same_records()
    {
        await using var driver = await Engine.NewWith(Graph);
        foreach (var query in Queries)
        {
            var profiled = await driver.Profile(query);
            Assert.Equal(Shown(await driver.Run(query)), Shown(profiled.Result));
        }
    }

    [Fact]
    public async Task A_result_failing_after_thousands_of_rows_fails_in_both_and_leaves_nothing_for_the_next()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        const string failing = "UNWIND range(3000, -1, -1) AS i RETURN i, 6 / i AS q";
        var collected = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync(failing));
        var streamed = await Assert.ThrowsAsync<ClientException>(() => Streamed(session, failing));
        Assert.Equal(streamed.Message, collected.Message);
        Assert.Equal([5L, 6L], (await session.RunAsync("UNWIND [5, 6] AS d RETURN d")).Records.Select(r => r["d"]));
    }

    [Fact]
    public async Task Records_over_the_memory_limit_fail_collected_and_the_session_goes_on()
    {
        await using var driver = EmbeddedDriver.InMemory(new EngineOptions { QueryMemoryLimit = 1L << 20, SyncOnCommit = false });
        await using var session = driver.AsyncSession();
        var error = await Assert.ThrowsAsync<TransientException>(() => session.RunAsync("UNWIND range(1, 50000) AS i RETURN i, 'x' AS s"));
        Assert.Equal(Neo4jStatus.MemoryPoolOutOfMemory, error.Code);
        Assert.Contains("RunAsync", error.Message);
        Assert.Equal(2000, (await session.RunAsync("UNWIND range(1, 2000) AS i RETURN i")).Records.Count);
    }

    [Fact]
    public async Task Large_results_stay_as_they_were_while_the_session_runs_other_statements()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        var first = await session.RunAsync("UNWIND range(1, 5000) AS i RETURN i, toString(i) AS s");
        var second = await session.RunAsync("UNWIND range(1, 700) AS i RETURN -i AS n");
        var third = await session.RunAsync("UNWIND range(1, 5000) AS i RETURN 'z' AS s, i");
        Assert.Equal(Enumerable.Range(1, 5000).Select(i => $"{i}/{i}"), first.Records.Select(r => $"{r["i"]}/{r["s"]}"));
        Assert.Equal(Enumerable.Range(1, 700).Select(i => (object?)(long)-i), second.Records.Select(r => r["n"]));
        Assert.Equal(Enumerable.Range(1, 5000).Select(i => (object?)(long)i), third.Records.Select(r => r[1]));
    }

    [Fact]
    public async Task A_record_with_an_array_of_its_own_hands_out_that_array_as_its_values_and_a_shared_one_a_view()
    {
        var values = new object?[] { 1L, null, "x" };
        var own = new Record(["a", "b", "c"], values);
        Assert.Same(values, own.Values);
        Assert.Throws<IndexOutOfRangeException>(() => own[3]);
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        var single = (await session.RunAsync("RETURN 1 AS a, null AS b, 'x' AS c")).Single();
        Assert.IsType<object?[]>(single.Values); // a one-record result keeps its record's own cells
        Assert.Same(single.Values, single.Values);
        Assert.Equal(values, single.Values);
        Assert.Throws<IndexOutOfRangeException>(() => single[3]);
        Assert.Throws<IndexOutOfRangeException>(() => single[-1]);
        var two = (await session.RunAsync("UNWIND [1, 2] AS a RETURN a, null AS b, 'x' AS c")).Records;
        Assert.Equal([2L, null, "x"], two[1].Values);
        Assert.Equal(3, two[1].Values.Count);
        Assert.Throws<IndexOutOfRangeException>(() => two[1][3]);
        Assert.Equal(new Dictionary<string, object?> { ["a"] = 2L, ["b"] = null, ["c"] = "x" }, two[1].ToDictionary());
    }
}
