using Graph.Client;
using Graph.Engine.Execution;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// A RETURN over one hop, or over two hops meeting at a far node from two bound ends, whose items read only the far
/// node's properties or id, the hops' types, properties or ids and the source row, has its records written straight into
/// RunAsync's result (<see cref="HopRecordWriter"/>). Each statement is compared, in order, with the records of the
/// operators: PROFILE runs them (the projection counted as an operator), and so does StreamAsync.
/// </summary>
public class HopRecordWriterTests
{
    /// <summary>
    /// Parallel relationships both ways, self-loops of both types, nodes without the label P, a node without labels,
    /// ids that are numbers, a list and missing, relationship properties of several types and missing, and a hub (h)
    /// with more relationships than the writer scans for a joined end (it sorts them then).
    /// </summary>
    private static readonly string[] Graph =
    [
        "CREATE CONSTRAINT p_id FOR (n:P) REQUIRE n.id IS UNIQUE",
        "CREATE (a:P {id: 'a', x: 1}), (b:P {id: 'b'}), (c:P {id: 7}), (d:P:Q {id: [1, 2], x: 'd'}), (e:Q {id: 'e'}), (f {id: 'f'}), " +
        "(h:P {id: 'h'}), (n:P {x: 2.5}) " +
        "CREATE (a)-[:K {w: 1}]->(b), (a)-[:K {w: 'one'}]->(b), (b)-[:K]->(a), (b)-[:K {w: 2.0}]->(c), (c)-[:L {w: [3]}]->(a), " +
        "(a)-[:K]->(a), (a)-[:L {w: true}]->(a), (d)-[:K]->(b), (e)-[:K]->(b), (b)-[:L]->(e), (f)-[:K]->(a), (a)-[:K]->(f), " +
        "(c)-[:K]->(d), (d)-[:L]->(c), (b)-[:K]->(b), (h)-[:K]->(h), (a)-[:K]->(h), (a)-[:L]->(h), (b)-[:K]->(h), (h)-[:K]->(b), " +
        "(c)-[:K]->(h), (d)-[:L]->(h), (e)-[:K]->(h), (f)-[:K]->(h), (h)-[:L]->(f), (a)-[:K]->(e), (h)-[:K]->(e), (e)-[:K]->(a), " +
        "(a)-[:L]->(d), (h)-[:L]->(d), (a)-[:K]->(n), (h)-[:K]->(n), (a)-[:K]->(c), (a)-[:L]->(c)",
        "MATCH (a {id: 'a'}), (h {id: 'h'}) UNWIND range(1, 40) AS i CREATE (x:P {id: 'x' + toString(i), x: i}) " +
        "CREATE (h)-[:K {w: i}]->(x), (h)-[:L]->(x) FOREACH (_ IN CASE WHEN i % 3 = 0 THEN [1, 2] ELSE [] END | CREATE (a)-[:K {w: -i}]->(x))",
    ];

    private static async Task<EmbeddedDriver> Build()
    {
        var driver = Engine.New();
        foreach (var statement in Graph) await driver.Run(statement);
        return driver;
    }

    /// <summary>Statements whose records the writer writes.</summary>
    public static TheoryData<string> Written => new()
    {
        // one hop: both directions, parallel relationships, self-loops, the far node's label checked (one, two)
        "MATCH (a {id: 'a'})-[r]->(c) RETURN c.id, type(r), r.w, id(r), id(c)",
        "MATCH (a:P {id: 'a'})-[r:K|L]-(c:P) RETURN c.id AS claim, type(r) AS stance",
        "MATCH (a:P {id: 'h'})<-[r:K|L]-(c:P:Q) RETURN c.id, a.id, a, r.w",
        "MATCH (a:P {id: 'h'})-[r:K]->(c:P) RETURN c.x, c.id, r.w",
        // more records of one start than a batch of far-node reads (16)
        "MATCH (a:P {id: 'h'})-[r]->(c) RETURN c.id, type(r), r.w, c.x",
        // many start rows (a label scan), start values and properties the keys do not have
        "MATCH (a:P)-[r:K]->(c) RETURN a.id, c.id, c.x, c.nothing, r.nothing, a.x",
        "MATCH (a)-[r:L]-(c:Q) RETURN a.id, type(r), c.id",
        // a type no relationship has, a label no node has, a property key nobody has
        "MATCH (a {id: 'a'})-[r:NONE]->(c) RETURN c.id",
        "MATCH (a:P {id: 'a'})-[r]->(c:NOLABEL) RETURN c.id",
        "MATCH (a {id: 'zz'})-[r]->(c) RETURN c.id",
        // two hops from two bound ends: both directions, the same node at both ends, self-loops
        "MATCH (a {id: 'a'}), (b {id: 'b'}) MATCH (a)-[r:K|L]-(c)-[s:K|L]-(b) RETURN c.id, type(r), type(s), id(r), id(s)",
        "MATCH (a {id: 'a'}), (b {id: 'h'}) MATCH (a)-[r]->(c:P)<-[s]-(b) RETURN c.id, id(r), id(s), s.w, r.w",
        "MATCH (a {id: 'a'}), (b {id: 'h'}) MATCH (a)<-[r]-(c)-[s]->(b) RETURN c.id, id(r), id(s)",
        "MATCH (a {id: 'a'}), (b {id: 'a'}) MATCH (a)-[r]-(c)-[s]-(b) RETURN c.id, id(r), id(s)",
        "MATCH (a {id: 'h'}), (b {id: 'h'}) MATCH (a)-[r]-(c)-[s]-(b) RETURN c.id, id(r), id(s), b.id",
        // the hub's side sorted (more than 32 relationships), parallel relationships into the same far nodes
        "MATCH (a {id: 'a'}), (b {id: 'h'}) MATCH (a)-[r:K]->(c:P)<-[s]-(b) RETURN c.id, type(r), type(s), r.w, s.w",
        "MATCH (a {id: 'h'}), (b {id: 'a'}) MATCH (a)-[r]->(c)<-[s:K]-(b) RETURN c.id, type(r), type(s), r.w, s.w",
        // the bench's shapes: seeked ends, and the ends matched first
        "MATCH (a:P {id: 'a'})-[r:K|L]->(c:P)<-[s:K|L]-(b:P {id: 'h'}) RETURN c.id, type(r), type(s)",
        "MATCH (a:P {id: 'a'}), (b:P {id: 'h'}) MATCH (a)-[r:K|L]->(c:P)<-[s:K|L]-(b) RETURN c.id, type(r), type(s)",
        // every start, the end fixed
        "MATCH (b {id: 'h'}), (a:P) MATCH (a)-[r]->(c)<-[s]-(b) RETURN a.id, c.id, id(r), id(s)",
    };

    [Theory]
    [MemberData(nameof(Written))]
    public async Task Written_records_equal_the_operators_in_order(string query)
    {
        await using var driver = await Build();
        Assert.NotNull(Writer(driver, query));
        var expected = RowTexts.InOrder(await driver.Run("PROFILE " + query));
        Assert.Equal(expected, RowTexts.InOrder(await driver.Run(query)));
        Assert.Equal(expected, await Streamed(driver, query));
        // the same statement again in one session (its cursor and context reused)
        await using var session = driver.AsyncSession();
        Assert.Equal(expected, RowTexts.InOrder(await session.RunAsync(query)));
        Assert.Equal(expected, RowTexts.InOrder(await session.RunAsync(query)));
    }

    [Fact]
    public async Task Sorted_ends_of_other_sizes_one_after_the_other_on_one_thread_equal_the_operators()
    {
        // ends e1..e4 of 100, 40, 70 and 33 relationships (sorted, the thread's array kept from statement to statement,
        // larger then smaller: entries of the last statement beyond this one's end must not be read), each reaching
        // some of the start's far nodes, in another order than the start's
        await using var driver = Engine.New();
        await driver.Run("CREATE CONSTRAINT p_id FOR (n:P) REQUIRE n.id IS UNIQUE");
        await driver.Run("CREATE (s:P {id: 's'}) WITH s UNWIND range(1, 120) AS i CREATE (s)-[:K {w: i}]->(:P {id: 'c' + i})");
        foreach (var (end, size, step) in new[] { ("e1", 100, 1), ("e2", 40, 3), ("e3", 70, 7), ("e4", 33, 11) })
            await driver.Run("CREATE (e:P {id: $end}) WITH e UNWIND range(1, $size) AS j MATCH (c:P {id: 'c' + toString((j * $step) % 130)}) CREATE (e)-[:L {w: j}]->(c)",
                new { end, size = (long)size, step = (long)step });
        const string query = "MATCH (a:P {id: 's'})-[r:K]->(c:P)<-[s:L]-(b:P {id: $end}) RETURN c.id, r.w, s.w";
        Assert.NotNull(Writer(driver, query));
        await using var session = driver.AsyncSession();
        for (var round = 0; round < 2; round++)
            foreach (var end in new[] { "e1", "e2", "e3", "e4", "e1", "e4", "nobody" })
            {
                var parameters = Engine.ToMap(new { end });
                var expected = RowTexts.InOrder(await session.RunAsync("PROFILE " + query, parameters));
                Assert.Equal(expected, RowTexts.InOrder(await session.RunAsync(query, parameters)));
                if (end != "nobody") Assert.NotEmpty(expected);
            }
    }

    [Theory]
    [MemberData(nameof(Written))]
    public async Task Written_records_in_a_transaction_that_wrote_equal_the_operators(string query)
    {
        // uncommitted nodes, relationships and properties, a deleted node and relationship the statement must not see
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        await using var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("MATCH (a {id: 'a'}), (h {id: 'h'}) CREATE (a)-[:K {w: 'new'}]->(:P {id: 'n1'})<-[:L]-(h), (a)-[:L]->(h)");
        await tx.RunAsync("MATCH (x {id: 'x3'}) DETACH DELETE x");
        await tx.RunAsync("MATCH ({id: 'a'})-[r:K {w: 1}]->() DELETE r");
        await tx.RunAsync("MATCH (x {id: 'b'}) SET x.id = 'B', x:Q");
        await tx.RunAsync("MATCH (x {id: 7}) REMOVE x:P");
        var expected = RowTexts.InOrder(await tx.RunAsync("PROFILE " + query));
        Assert.Equal(expected, RowTexts.InOrder(await tx.RunAsync(query)));
        Assert.Equal(expected, RowTexts.InOrder(await tx.RunAsync(query)));
    }

    [Fact]
    public async Task Written_records_see_the_rows_of_the_bench_shape_with_parameters()
    {
        await using var driver = await Build();
        const string query = "MATCH (a:P {id: $a})-[r:K|L]->(c:P)<-[s:K|L]-(b:P {id: $b}) RETURN c.id, type(r), type(s)";
        Assert.NotNull(Writer(driver, query));
        foreach (var (a, b) in new[] { ("a", "h"), ("h", "a"), ("a", "a"), ("b", "zz"), ("x3", "h") })
        {
            var parameters = new { a, b };
            Assert.Equal(RowTexts.InOrder(await driver.Run("PROFILE " + query, parameters)), RowTexts.InOrder(await driver.Run(query, parameters)));
        }
        // numbers for strings: a parameter of another type finds another node, or none
        Assert.Equal(RowTexts.InOrder(await driver.Run("PROFILE MATCH (a {id: $id})-[r]->(c) RETURN c.id, type(r)", new { id = 7L })),
            RowTexts.InOrder(await driver.Run("MATCH (a {id: $id})-[r]->(c) RETURN c.id, type(r)", new { id = 7.0 })));
    }

    [Theory]
    // other items, other operators above, an OPTIONAL MATCH, a filter, a write: the operators run (same records)
    [InlineData("MATCH (a {id: 'a'})-[r]->(c) RETURN c")]
    [InlineData("MATCH (a {id: 'a'})-[r]->(c) RETURN r")]
    [InlineData("MATCH (a {id: 'a'})-[r]->(c) RETURN c.id + 1 AS k")]
    [InlineData("MATCH (a {id: 'a'})-[r]->(c) RETURN DISTINCT c.id")]
    [InlineData("MATCH (a {id: 'a'})-[r]->(c) RETURN c.id ORDER BY c.id")]
    [InlineData("MATCH (a {id: 'a'})-[r]->(c) RETURN c.id LIMIT 3")]
    [InlineData("MATCH (a {id: 'a'})-[r]->(c) WHERE c.x IS NULL RETURN c.id")]
    [InlineData("MATCH (a {id: 'a'}) OPTIONAL MATCH (a)-[r:NONE]->(c) RETURN c.id")]
    [InlineData("MATCH (a {id: 'a'})-[r]->(c)-[t]->(d) RETURN d.id")]
    [InlineData("MATCH (a {id: 'a'})-[r*1..2]->(c) RETURN c.id")]
    [InlineData("MATCH (a {id: 'a'})-[r]->(c) SET c.seen = true RETURN c.id")]
    [InlineData("MATCH (a {id: 'a'})-[r]->(c) RETURN *")]
    public async Task Other_shapes_keep_the_operators(string query)
    {
        await using var driver = await Build();
        Assert.Null(Writer(driver, query));
        Assert.Equal(RowTexts.Sorted(await driver.Run("PROFILE " + query)), RowTexts.Sorted(await driver.Run(query)));
    }

    [Theory]
    // each record's converted list counts toward the limit: it stops where the operators stop, with the same message
    [InlineData(3)]
    [InlineData(900)]
    public async Task A_memory_limit_stops_written_records_where_it_stops_the_operators(int lists)
    {
        await using var driver = EmbeddedDriver.InMemory(new EngineOptions { QueryMemoryLimit = 1L << 20, SyncOnCommit = false });
        await driver.Run("CREATE (:H {id: 'h'})");
        for (var from = 1; from <= lists; from += 100)
            await driver.Run($"MATCH (h:H {{id: 'h'}}) UNWIND range({from}, {Math.Min(lists, from + 99)}) AS i CREATE (h)-[:K]->(:C {{id: i, x: range(1, 200)}})");
        const string query = "MATCH (h:H {id: 'h'})-[r:K]->(c:C) RETURN c.id, c.x";
        Assert.NotNull(Writer(driver, query));
        var profiled = await Xunit.Record.ExceptionAsync(() => driver.Run("PROFILE " + query));
        var written = await Xunit.Record.ExceptionAsync(() => driver.Run(query));
        Assert.Equal(profiled?.GetType(), written?.GetType());
        Assert.Equal(profiled?.Message, written?.Message);
        Assert.Equal(lists > 100, written is TransientException { Code: Neo4jStatus.MemoryPoolOutOfMemory });
    }

    [Fact]
    public async Task The_deadline_is_looked_at_while_records_are_written()
    {
        // a clock that moves a millisecond per read: the 3,000 relationships tried must look at it again and again
        await using var driver = EmbeddedDriver.InMemory(new EngineOptions { TimeProvider = new Limits.SteppingClock(), SyncOnCommit = false });
        await driver.Run("CREATE (h:H {id: 'h'}) WITH h UNWIND range(1, 3000) AS i CREATE (h)-[:K]->(:C {id: i})");
        const string query = "MATCH (h:H {id: 'h'})-[r:K]->(c:C) RETURN c.id, type(r)";
        Assert.NotNull(Writer(driver, query));
        foreach (var mode in new[] { "", "PROFILE " })
        {
            await using var session = driver.AsyncSession();
            await using var tx = await session.BeginTransactionAsync(new TransactionConfig { Timeout = TimeSpan.FromMilliseconds(5) });
            var error = await Assert.ThrowsAsync<ClientException>(() => tx.RunAsync(mode + query));
            Assert.Equal("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", error.Code);
        }
    }

    [Fact]
    public async Task The_deadline_is_looked_at_while_small_starts_records_are_written()
    {
        // 300 starts of 10 relationships each: every start's relationships are read as ids and counted as work at once
        // (ctx.Tick(n)); without those units the label scan's 300 rows alone would look at the clock once or twice
        await using var driver = EmbeddedDriver.InMemory(new EngineOptions { TimeProvider = new Limits.SteppingClock(), SyncOnCommit = false });
        await driver.Run("UNWIND range(1, 300) AS s CREATE (h:H {id: s}) WITH h UNWIND range(1, 10) AS i CREATE (h)-[:K]->(:C {id: i})");
        const string query = "MATCH (h:H)-[r:K]->(c:C) RETURN c.id, type(r)";
        Assert.NotNull(Writer(driver, query));
        foreach (var mode in new[] { "", "PROFILE " })
        {
            await using var session = driver.AsyncSession();
            await using var tx = await session.BeginTransactionAsync(new TransactionConfig { Timeout = TimeSpan.FromMilliseconds(8) });
            var error = await Assert.ThrowsAsync<ClientException>(() => tx.RunAsync(mode + query));
            Assert.Equal("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", error.Code);
        }
        // without the transaction's timeout the same statement gives its 3,000 records
        await using var plain = driver.AsyncSession();
        Assert.Equal(3000, (await plain.RunAsync(query)).Records.Count);
    }

    private static IRecordWriter? Writer(EmbeddedDriver driver, string query) =>
        driver.Compile(query).Root is ProjectOp { RecordWriter: { } writer } ? writer : null;

    private static async Task<List<string>> Streamed(EmbeddedDriver driver, string query)
    {
        await using var session = driver.AsyncSession();
        await using var cursor = await session.StreamAsync(query);
        var rows = new List<string>();
        while (await cursor.FetchAsync()) rows.Add(string.Join("|", cursor.Current.Values.Select(ReadPlanShapeTests.Show)));
        return rows;
    }
}
