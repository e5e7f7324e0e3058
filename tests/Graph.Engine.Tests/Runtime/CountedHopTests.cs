using Graph.Client;
using static Graph.Engine.Tests.Runtime.PlanTree;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// An anonymous last hop right below an aggregation is counted (ExpandCount, or DegreeCount without a label check)
/// instead of producing one identical row per relationship. Each query is compared with the same query with the
/// relationship named (which the planner must enumerate row by row): same rows, same order.
/// </summary>
public class CountedHopTests
{
    /// <summary>
    /// Fictional researchers: a NULL property, a node without labels, a node of another label, parallel relationships,
    /// self-loops of both types, two types in both directions.
    /// </summary>
    private const string Graph =
        "CREATE (a:P {id: 'a', v: 1}), (b:P {id: 'b', v: 2}), (c:P {id: 'c'}), (d:P:Q {id: 'd', v: 2.5}), (e:Q {id: 'e', v: 1}), (f {id: 'f', v: 7}), (:P {id: 'lonely'}) " +
        "CREATE (a)-[:K]->(b), (a)-[:K]->(b), (b)-[:K]->(c), (c)-[:L]->(a), (a)-[:K]->(a), (a)-[:L]->(a), (d)-[:K]->(b), (e)-[:K]->(b), (b)-[:L]->(e), " +
        "(f)-[:K]->(a), (a)-[:K]->(f), (c)-[:K]->(d), (d)-[:L]->(c), (b)-[:K]->(b)";

    private static Task<EmbeddedDriver> Build() => Engine.NewWith(Graph);

    /// <summary>The counted query and its enumerated form: the anonymous last relationship named <c>unused</c>.</summary>
    public static TheoryData<string, string, string> Pairs => new()
    {
        // a label check on the far end: counted by reading the relationships (ChainCount: fused with the aggregation)
        { "MATCH (x:P)<-[:K]-(:P) RETURN x.id AS k, count(*) AS n", "MATCH (x:P)<-[unused:K]-(:P) WITH x, unused RETURN x.id AS k, count(*) AS n", "ChainCount" },
        // no check: the degree; both directions (a self-loop counts once), a type union, every kind of aggregate
        {
            "MATCH (x)-[:K|L]-() RETURN x.id AS k, count(*) AS n, count(x.v) AS c, sum(x.v) AS s, avg(x.v) AS av, min(x.v) AS mn, max(x.v) AS mx, " +
            "collect(x.v) AS vs, count(DISTINCT x.v) AS d, collect(DISTINCT x.id) AS ds, percentileCont(x.v, 0.5) AS p, stDev(x.v) AS sd",
            "MATCH (x)-[unused:K|L]-() RETURN x.id AS k, count(*) AS n, count(x.v) AS c, sum(x.v) AS s, avg(x.v) AS av, min(x.v) AS mn, max(x.v) AS mx, " +
            "collect(x.v) AS vs, count(DISTINCT x.v) AS d, collect(DISTINCT x.id) AS ds, percentileCont(x.v, 0.5) AS p, stDev(x.v) AS sd",
            "DegreeCount"
        },
        { "MATCH (x)-[:K]->() RETURN x AS node, count(*) AS n", "MATCH (x)-[unused:K]->() RETURN x AS node, count(*) AS n", "DegreeCount" },
        { "MATCH (x)<-[:L]-() RETURN x.v AS v, count(*) AS n", "MATCH (x)<-[unused:L]-() RETURN x.v AS v, count(*) AS n", "DegreeCount" },
        // relationship uniqueness: the last hop must not reuse r (two typed hops sharing a type: ChainCountFilterTests)
        { "MATCH (x)-[r]-(y)-[:K|L]-() RETURN count(*) AS n", "MATCH (x)-[r]-(y)-[unused:K|L]-() RETURN count(*) AS n", "ExpandCount" },
        // two labels on the far end, a missing label, a missing type, a missing anchor label (one row of 0)
        { "MATCH (x:Q)-[:K|L]-(:P:Q) RETURN x.id AS k, count(*) AS n", "MATCH (x:Q)-[unused:K|L]-(:P:Q) WITH x, unused RETURN x.id AS k, count(*) AS n", "ChainCount" },
        { "MATCH (x:P) WITH x MATCH (x)-[:K]->(:Missing) RETURN x.id AS k, count(*) AS n", "MATCH (x:P) WITH x MATCH (x)-[unused:K]->(:Missing) WITH x, unused RETURN x.id AS k, count(*) AS n", "ChainCount" },
        { "MATCH (x:P)-[:NOPE]->() RETURN x.id AS k, count(*) AS n", "MATCH (x:P)-[unused:NOPE]->() RETURN x.id AS k, count(*) AS n", "DegreeCount" },
        { "MATCH (x:Missing)-[:K]->() RETURN count(*) AS n, collect(x.id) AS xs", "MATCH (x:Missing)-[unused:K]->() RETURN count(*) AS n, collect(x.id) AS xs", "DegreeCount" },
        // grouping by a NULL property, then DISTINCT, ORDER BY and a WITH
        { "MATCH (x:P)-[:K|L]->() RETURN DISTINCT x.v AS v, count(*) AS n ORDER BY n DESC, v", "MATCH (x:P)-[unused:K|L]->() RETURN DISTINCT x.v AS v, count(*) AS n ORDER BY n DESC, v", "DegreeCount" },
        { "MATCH (x:Q)-[:K]->(:P) WITH x, count(*) AS n WHERE n > 0 RETURN x.id AS k, n", "MATCH (x:Q)-[unused:K]->(:P) WITH x, unused WITH x, count(*) AS n WHERE n > 0 RETURN x.id AS k, n", "ChainCount" },
        // a correlated subquery (the aggregation runs once per outer row)
        {
            "MATCH (x) CALL { WITH x MATCH (x)-[:K]->(:P) RETURN count(*) AS n } RETURN x.id AS k, n",
            "MATCH (x) CALL { WITH x MATCH (x)-[unused:K]->(:P) RETURN count(*) AS n } RETURN x.id AS k, n",
            "ExpandCount"
        },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_counted_hop_returns_the_rows_of_the_enumerated_hop(string counted, string enumerated, string op)
    {
        await using var driver = await Build();
        Assert.Contains(op, driver.Explain(counted));
        // ChainCount fuses the aggregation too (one hop grouped by its start, with far-node labels, outside subqueries)
        if (op != "ChainCount") Assert.Contains("counted rows", driver.Explain(counted));
        Assert.DoesNotContain("Count(", driver.Explain(enumerated));
        Assert.Equal(RowTexts.InOrder(await driver.Run(enumerated)), RowTexts.InOrder(await driver.Run(counted)));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_counted_hop_sees_the_uncommitted_writes_of_its_transaction(string counted, string enumerated, string op)
    {
        _ = op;
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        // a new relationship, a new parallel one, a deleted relationship, a deleted node and a removed label
        await tx.RunAsync("MATCH (a {id: 'a'}), (c {id: 'c'}) CREATE (c)-[:K]->(a), (c)-[:K]->(a), (a)-[:L]->(c)");
        await tx.RunAsync("MATCH ({id: 'b'})-[r:K]->({id: 'c'}) DELETE r");
        await tx.RunAsync("MATCH (e {id: 'e'}) DETACH DELETE e");
        await tx.RunAsync("MATCH (d {id: 'd'}) REMOVE d:Q");
        await tx.RunAsync("CREATE (:P {id: 'new'})-[:K]->(:P {id: 'newer'})");
        var expected = RowTexts.InOrder(await tx.RunAsync(enumerated));
        Assert.Equal(expected, RowTexts.InOrder(await tx.RunAsync(counted)));
        await tx.RollbackAsync();
    }

    /// <summary>A variable-length last hop nothing reads the relationships of, and its form with the list named.</summary>
    public static TheoryData<string, string> VariableLength => new()
    {
        { "MATCH (x:P)-[:K|L*1..2]-(y) RETURN x.id AS k, count(DISTINCT y) AS n", "MATCH (x:P)-[unused:K|L*1..2]-(y) RETURN x.id AS k, count(DISTINCT y) AS n" },
        { "MATCH (x:P)-[:K*0..3]->(y:P) RETURN x.id AS k, y.id AS e, count(*) AS n", "MATCH (x:P)-[unused:K*0..3]->(y:P) RETURN x.id AS k, y.id AS e, count(*) AS n" },
        { "MATCH (x {id: 'a'})<-[:K*]-(y) WHERE y.id <> x.id RETURN y.id AS e ORDER BY e", "MATCH (x {id: 'a'})<-[unused:K*]-(y) WHERE y.id <> x.id RETURN y.id AS e ORDER BY e" },
        { "MATCH (x)-[r:K]->(z)-[:L*1..2]-(y) RETURN x.id AS k, type(r) AS t, collect(y.id) AS ys", "MATCH (x)-[r:K]->(z)-[unused:L*1..2]-(y) RETURN x.id AS k, type(r) AS t, collect(y.id) AS ys" },
    };

    [Theory]
    [MemberData(nameof(VariableLength))]
    public async Task A_variable_length_hop_without_its_list_returns_the_same_rows(string endsOnly, string withList)
    {
        await using var driver = await Build();
        Assert.Contains("ends only", driver.Explain(endsOnly));
        Assert.DoesNotContain("ends only", driver.Explain(withList));
        Assert.Equal(RowTexts.InOrder(await driver.Run(withList)), RowTexts.InOrder(await driver.Run(endsOnly)));
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("MATCH (a {id: 'a'}), (c {id: 'c'}) CREATE (c)-[:K]->(a), (a)-[:L]->(c)");
        await tx.RunAsync("MATCH ({id: 'b'})-[r:K]->({id: 'c'}) DELETE r");
        await tx.RunAsync("MATCH (e {id: 'e'}) DETACH DELETE e");
        Assert.Equal(RowTexts.InOrder(await tx.RunAsync(withList)), RowTexts.InOrder(await tx.RunAsync(endsOnly)));
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task A_variable_length_hop_below_an_aggregation_passes_one_row_buffer_along()
    {
        await using var driver = await Build();
        const string query = "MATCH (x:P)-[:K|L*1..3]-(y) WHERE y.id <> x.id RETURN x.id AS k, collect(y.id) AS ys, count(*) AS n";
        const string plain = "MATCH (x:P)-[:K|L*1..3]-(y) WHERE y.id <> x.id WITH x, y RETURN x.id AS k, collect(y.id) AS ys, count(*) AS n";
        Assert.True(driver.Compile(query).Root.Descendants().OfType<global::Graph.Engine.Execution.VarExpandOp>().Single().ReuseRows);
        Assert.False(driver.Compile(plain).Root.Descendants().OfType<global::Graph.Engine.Execution.VarExpandOp>().Single().ReuseRows);
        Assert.Equal(RowTexts.InOrder(await driver.Run(plain)), RowTexts.InOrder(await driver.Run(query)));
    }

    /// <summary>
    /// Enough distinct far nodes that the label checks switch from lookups to one scan of the labels' nodes: every third
    /// node lacks :U, every fifth lacks :T, a few far nodes have no label at all, one hub reaches itself.
    /// </summary>
    [Theory]
    [InlineData("MATCH (h:H)-[:R]->(:T) RETURN h.id AS k, count(*) AS n", "MATCH (h:H)-[unused:R]->(:T) RETURN h.id AS k, count(*) AS n")]
    [InlineData("MATCH (h:H)-[:R]->(:T:U) RETURN h.id AS k, count(*) AS n", "MATCH (h:H)-[unused:R]->(:T:U) RETURN h.id AS k, count(*) AS n")]
    [InlineData("MATCH (h:H)-[:R]->(t:T:U) RETURN h.id AS k, count(t) AS n, sum(t.i) AS s", "MATCH (h:H)-[r:R]->(t) WHERE t:T AND t:U RETURN h.id AS k, count(t) AS n, sum(t.i) AS s")]
    public async Task Label_checks_of_many_far_nodes_give_the_enumerated_answer(string query, string plain)
    {
        await using var driver = Engine.New();
        await driver.Run("UNWIND range(0, 12999) AS i CREATE (n:N {i: i}) WITH n, i WHERE i % 5 <> 0 SET n:T WITH n, i WHERE i % 3 <> 0 SET n:U");
        await driver.Run("UNWIND range(0, 3) AS h CREATE (:H {id: h})");
        await driver.Run("MATCH (h:H), (n:N) WHERE n.i % 4 = h.id OR n.i % 7 = 0 CREATE (h)-[:R]->(n)");
        await driver.Run("MATCH (h:H {id: 0}) CREATE (h)-[:R]->(h), (h)-[:R]->(:Other), (h)-[:R]->()");
        var expected = RowTexts.InOrder(await driver.Run(plain));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RowTexts.InOrder(await driver.Run(query)));

        // the scan reads the transaction's labels: uncommitted label changes and a deleted node count as in the plain form
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("MATCH (n:N) WHERE n.i % 11 = 0 REMOVE n:T");
        await tx.RunAsync("MATCH (n:N) WHERE n.i % 5 = 0 AND n.i % 2 = 0 SET n:T:U");
        await tx.RunAsync("MATCH (n:N {i: 1}) DETACH DELETE n");
        var changed = RowTexts.InOrder(await tx.RunAsync(plain));
        Assert.NotEqual(expected, changed);
        Assert.Equal(changed, RowTexts.InOrder(await tx.RunAsync(query)));
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task A_hop_that_something_reads_is_not_counted()
    {
        await using var driver = await Build();
        // the far node is returned, filtered, or checked with a property map: every row is needed
        NotCounted(driver.Explain("MATCH (x)-[:K]->(y) RETURN y.id, count(*)"));
        NotCounted(driver.Explain("MATCH (x)-[:K]->(y) WHERE y.v > 1 RETURN x.id, count(*)"));
        NotCounted(driver.Explain("MATCH (x)-[:K]->({v: 1}) RETURN x.id, count(*)"));
        NotCounted(driver.Explain("MATCH p = (x)-[:K]->() RETURN x.id, count(*)"));
        NotCounted(driver.Explain("MATCH (x)-[:K*1..2]->() RETURN x.id, count(*)"));
        // a relationship list read by a later hop's uniqueness check, or by a path, is built
        Assert.DoesNotContain("ends only", driver.Explain("MATCH (x)-[:K*1..2]->(y)-[:L]->(z) RETURN z.id"));
        Assert.DoesNotContain("ends only", driver.Explain("MATCH p = (x)-[:K*1..2]->(y) RETURN y.id"));
        // without an aggregation the rows themselves are the answer
        NotCounted(driver.Explain("MATCH (x)-[:K]->() RETURN x.id"));
    }

    /// <summary>No counted hop (a ChainCount, which fuses the whole aggregation, is checked in ChainCountTests).</summary>
    private static void NotCounted(string plan)
    {
        Assert.DoesNotContain("ExpandCount(", plan);
        Assert.DoesNotContain("DegreeCount(", plan);
    }

    [Fact]
    public async Task Profile_shows_one_row_per_counted_node()
    {
        await using var driver = await Build();
        // sum(1): an aggregate ChainCount does not fuse, so the counted hop runs (count(*) here is a ChainCount)
        var run = await driver.Profile("MATCH (x:P)<-[:K]-(:P) RETURN x.id AS k, sum(1) AS n");
        Assert.Contains("ExpandCount", run.Plan.Root.DescribeTree());
        // a: from itself; b: from a twice, d and itself; c: from b; d: from c (e, f and the L ones do not count)
        Assert.Equal(["a|1", "b|4", "c|1", "d|1"], RowTexts.InOrder(run.Result).Order().ToList());
        Assert.Equal(4, run.Single<global::Graph.Engine.Execution.ExpandOp>().Rows);

        // what a client sees: the operator under its own name, with its rows
        var plan = (await driver.Run("PROFILE MATCH (x:P)<-[:K]-(:P) RETURN x.id AS k, sum(1) AS n")).Summary.Plan!;
        var counted = Flatten(plan).Single(p => p.OperatorType == "ExpandCount");
        Assert.Equal(4, counted.Rows);
        Assert.StartsWith("(x)<-[:K]-(anon)", (string)counted.Arguments["Details"]!);
        var degree = (await driver.Run("EXPLAIN MATCH (x:P)<-[:K]-() RETURN x.id AS k, count(*) AS n")).Summary.Plan!;
        Assert.Contains(Flatten(degree), p => p.OperatorType == "DegreeCount");
    }
}
