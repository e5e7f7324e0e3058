using Graph.Bolt.Client;
using Graph.Bolt.Protocol;
using Graph.Client;

namespace Graph.Bolt.Tests.Client;

/// <summary>Our Bolt client (the contract's IDriver over Bolt) against our Bolt server.</summary>
public class BoltDriverTests(BoltHarness server) : IClassFixture<BoltHarness>
{
    private static IReadOnlyDictionary<string, object?> P(params (string, object?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

    [Theory]
    [InlineData("bolt")]
    [InlineData("neo4j")]
    public async Task Connects_with_the_newest_version_both_speak(string scheme)
    {
        await using var driver = server.Client(scheme);
        var (version, agent) = await driver.GetServerInfoAsync();
        Assert.Equal(BoltVersion.V5_8, version);
        Assert.Equal("Neo4j/5.26.0", agent);
        await using var session = driver.AsyncSession();
        Assert.Equal(1L, (await session.RunAsync("RETURN 1 AS one")).Single()["one"]);
    }

    [Fact]
    public async Task Statements_report_counters_types_and_bookmarks()
    {
        await using var driver = server.Client();
        await using var session = driver.AsyncSession();
        var create = await session.RunAsync("CREATE (a:DrA {id: 1})-[:DR_REL {w: 2}]->(b:DrA:DrB {id: 2}) RETURN a.id AS id");
        Assert.Equal(new Counters { NodesCreated = 2, RelationshipsCreated = 1, PropertiesSet = 3, LabelsAdded = 3 }, create.Counters);
        Assert.Equal(QueryType.ReadWrite, create.Summary.QueryType);
        Assert.Single(session.LastBookmarks);
        var delete = await session.RunAsync("MATCH (n:DrA) DETACH DELETE n");
        Assert.Equal(QueryType.WriteOnly, delete.Summary.QueryType);
        Assert.Equal(new Counters { NodesDeleted = 2, RelationshipsDeleted = 1 }, delete.Counters);
    }

    [Fact]
    public async Task Results_stream_in_batches_of_the_fetch_size()
    {
        await using var driver = server.Client(fetchSize: 7);
        await using var session = driver.AsyncSession();
        await using var cursor = await session.StreamAsync("UNWIND range(1, 50) AS i RETURN i, toString(i) AS s");
        Assert.Equal(["i", "s"], cursor.Keys);
        var seen = new List<long>();
        while (await cursor.FetchAsync()) seen.Add((long)cursor.Current["i"]!);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), seen);
        Assert.Equal(QueryType.ReadOnly, (await cursor.ConsumeAsync()).QueryType);

        // Consuming early discards the rest; the connection is clean for the next statement.
        await using (var partial = await session.StreamAsync("UNWIND range(1, 1000) AS i RETURN i"))
        {
            Assert.True(await partial.FetchAsync());
            await partial.ConsumeAsync();
        }
        Assert.Equal(2L, (await session.RunAsync("RETURN 2 AS two")).Single()["two"]);
    }

    [Fact]
    public async Task Explicit_transactions_commit_roll_back_and_end_on_failure()
    {
        await using var driver = server.Client();
        await using var session = driver.AsyncSession();
        await using (var tx = await session.BeginTransactionAsync(new TransactionConfig { Timeout = TimeSpan.FromSeconds(30), Metadata = P(("app", "test")) }))
        {
            await tx.RunAsync("CREATE (:DrTx {v: 1})");
            // Two results open at once in one transaction (qid): the first is buffered when the second starts.
            var first = await tx.StreamAsync("UNWIND [1, 2, 3] AS i RETURN i");
            Assert.True(await first.FetchAsync());
            var second = await tx.RunAsync("MATCH (n:DrTx) RETURN count(n) AS c");
            Assert.Equal(1L, second.Single()["c"]);
            Assert.True(await first.FetchAsync());
            Assert.Equal(2L, first.Current["i"]);
            await tx.CommitAsync();
        }
        await using (var tx = await session.BeginTransactionAsync())
        {
            await tx.RunAsync("CREATE (:DrTx {v: 2})");
            await tx.RollbackAsync();
        }
        Assert.Equal(1L, (await session.RunAsync("MATCH (n:DrTx) RETURN count(n) AS c")).Single()["c"]);

        var failing = await session.BeginTransactionAsync();
        await failing.RunAsync("CREATE (:DrTx {v: 3})");
        var e = await Assert.ThrowsAsync<ClientException>(() => failing.RunAsync("RETURN 1/0"));
        Assert.Equal(Neo4jStatus.ArithmeticError, e.Code);
        Assert.False(failing.IsOpen); // as in Neo4j, the failure ended (and rolled back) the transaction
        await Assert.ThrowsAsync<ClientException>(() => failing.CommitAsync());
        Assert.Equal(1L, (await session.RunAsync("MATCH (n:DrTx) RETURN count(n) AS c")).Single()["c"]);
    }

    [Fact]
    public async Task Errors_keep_their_code_and_position_and_the_session_stays_usable()
    {
        await using var driver = server.Client();
        await using var session = driver.AsyncSession();
        var syntax = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("MATCH (n)\nRETURN n,"));
        Assert.Equal(Neo4jStatus.SyntaxError, syntax.Code);
        Assert.Equal(2, syntax.Position?.Line);
        var missing = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("RETURN $nope"));
        Assert.Equal(Neo4jStatus.ParameterMissing, missing.Code);
        await using var cursor = await session.StreamAsync("UNWIND [1, 0] AS d RETURN 1 / d AS q");
        Assert.True(await cursor.FetchAsync());
        var runtime = await Assert.ThrowsAsync<ClientException>(async () => await cursor.FetchAsync());
        Assert.Equal(Neo4jStatus.ArithmeticError, runtime.Code);
        Assert.Equal(3L, (await session.RunAsync("RETURN 3 AS x")).Single()["x"]);
        var db = await Assert.ThrowsAsync<ClientException>(async () =>
        {
            await using var other = server.Client(database: "missing");
            await using var s = other.AsyncSession();
            await s.RunAsync("RETURN 1");
        });
        Assert.Equal(Neo4jStatus.DatabaseNotFound, db.Code);
    }

    public static TheoryData<string, object?> Values() => new()
    {
        { "null", null },
        { "true", true },
        { "false", false },
        { "small integer", 7L },
        { "negative integer", -1_000_000_000_000L },
        { "long.MinValue", long.MinValue },
        { "float", 3.25 },
        { "NaN", double.NaN },
        { "-Infinity", double.NegativeInfinity },
        { "empty string", "" },
        { "unicode string", "Raúl Delgado Wise — 日本語 🎉" },
        { "bytes", new byte[] { 0, 1, 254, 255 } },
        { "list", new List<object?> { 1L, "two", 3.5, null, new List<object?> { true } } },
        { "map", new Dictionary<string, object?> { ["a"] = 1L, ["b"] = new Dictionary<string, object?> { ["c"] = "d" }, ["e"] = new List<object?>() } },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public async Task Every_value_round_trips_as_a_parameter_and_a_result(string kind, object? value)
    {
        await using var driver = server.Client();
        await using var session = driver.AsyncSession();
        var back = (await session.RunAsync("RETURN $v AS v", P(("v", value)))).Single()["v"];
        Assert.True(ValueFormatter.ToCypherLiteral(value) == ValueFormatter.ToCypherLiteral(back), $"{kind}: {ValueFormatter.ToCypherLiteral(back)}");
        // Scalars come back as the same CLR type (a byte array as byte[], not a list of numbers).
        if (value is bool or long or double or string or byte[]) Assert.IsType(value.GetType(), back);
    }

    [Fact]
    public async Task Nodes_relationships_and_paths_come_back_whole()
    {
        await using var driver = server.Client();
        await using var session = driver.AsyncSession();
        var row = (await session.RunAsync(
            "CREATE p = (a:DrPath {name: 'a'})-[:DR_NEXT {i: 1}]->(b:DrPath {name: 'b'})<-[:DR_NEXT {i: 2}]-(c:DrPath {name: 'c'}) RETURN p, a, relationships(p)[1] AS r")).Single();
        var path = (GraphPath)row["p"]!;
        Assert.Equal(["a", "b", "c"], path.Nodes.Select(n => n["name"]));
        Assert.Equal(path.Nodes[0].ElementId, path.Relationships[0].StartNodeElementId);
        Assert.Equal(path.Nodes[2].ElementId, path.Relationships[1].StartNodeElementId); // walked backwards
        var a = (Node)row["a"]!;
        Assert.StartsWith("node:", a.ElementId);
        Assert.Equal(["DrPath"], a.Labels);
        var r = (Relationship)row["r"]!;
        Assert.Equal(("DR_NEXT", 2L), (r.Type, r["i"]));

        // A node sent back as a parameter finds the same node.
        var again = (await session.RunAsync("MATCH (n) WHERE n = $node RETURN n.name AS name", P(("node", a)))).Single();
        Assert.Equal("a", again["name"]);
    }

    [Fact]
    public async Task Parameters_without_a_cypher_type_are_refused_before_sending()
    {
        await using var driver = server.Client();
        await using var session = driver.AsyncSession();
        var e = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("RETURN $x", P(("x", new object()))));
        Assert.Equal(Neo4jStatus.TypeError, e.Code);
        Assert.Equal(1L, (await session.RunAsync("RETURN 1 AS x")).Single()["x"]);
    }

    [Fact]
    public async Task Sixteen_sessions_run_at_once()
    {
        await using var driver = server.Client();
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            await using var session = driver.AsyncSession();
            await session.RunAsync("CREATE (:DrConc {i: $i})", P(("i", i)));
            return (long)(await session.RunAsync("UNWIND range(1, 200) AS x RETURN sum(x) + $i AS s", P(("i", i)))).Single()["s"]!;
        }));
        Assert.Equal(Enumerable.Range(0, 16).Select(i => 20100L + i), results);
        await using var check = driver.AsyncSession();
        Assert.Equal(16L, (await check.RunAsync("MATCH (n:DrConc) RETURN count(n) AS c")).Single()["c"]);
    }

    [Fact]
    public async Task Time_limits_stop_a_query_with_neo4js_code()
    {
        await using var driver = server.Client();
        await using var session = driver.AsyncSession();
        await using var tx = await session.BeginTransactionAsync(new TransactionConfig { Timeout = TimeSpan.FromMilliseconds(300) });
        var e = await Assert.ThrowsAsync<ClientException>(() => tx.RunAsync("UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b WITH a, b WHERE a < 0 RETURN count(*)"));
        Assert.StartsWith("Neo.ClientError.Transaction.", e.Code);
    }

    [Fact]
    public async Task Unreachable_servers_and_wrong_uris_are_named()
    {
        var unavailable = await Assert.ThrowsAsync<ServiceUnavailableException>(async () =>
        {
            await using var driver = new BoltDriver(new BoltDriverOptions { Uri = new Uri("bolt://127.0.0.1:1"), ConnectionTimeout = TimeSpan.FromSeconds(5) });
            await driver.VerifyConnectivityAsync();
        });
        Assert.Contains("127.0.0.1:1", unavailable.Message);
        var scheme = Assert.Throws<ClientException>(() => new BoltDriver(new BoltDriverOptions { Uri = new Uri("http://localhost:7474") }));
        Assert.Contains("bolt://", scheme.Message);
    }
}
