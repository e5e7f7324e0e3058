using Graph.Client;
using Graph.Engine.Execution;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// The per-row shortcuts of one hop, each compared with a form of the same query that enumerates it plainly: an expand
/// writing one reused buffer for a consumer done with each row (the result cursor), and an Expand(Into) reading the
/// relationships of an end bound once for all rows only once.
/// </summary>
public class ExpandRowsTests
{
    /// <summary>
    /// Fictional researchers: parallel relationships both ways, self-loops of both types, a node without labels, a hub
    /// (h) that most nodes reach, two types.
    /// </summary>
    private const string Graph =
        "CREATE (a:P {id: 'a'}), (b:P {id: 'b'}), (c:P {id: 'c'}), (d:P:Q {id: 'd'}), (e:Q {id: 'e'}), (f {id: 'f'}), (h:P {id: 'h'}) " +
        "CREATE (a)-[:K]->(b), (a)-[:K]->(b), (b)-[:K]->(a), (b)-[:K]->(c), (c)-[:L]->(a), (a)-[:K]->(a), (a)-[:L]->(a), (d)-[:K]->(b), " +
        "(e)-[:K]->(b), (b)-[:L]->(e), (f)-[:K]->(a), (a)-[:K]->(f), (c)-[:K]->(d), (d)-[:L]->(c), (b)-[:K]->(b), (h)-[:K]->(h), " +
        "(a)-[:K]->(h), (a)-[:L]->(h), (b)-[:K]->(h), (h)-[:K]->(b), (c)-[:K]->(h), (d)-[:L]->(h), (e)-[:K]->(h), (f)-[:K]->(h), (h)-[:L]->(f)";

    private static Task<EmbeddedDriver> Build() => Engine.NewWith(Graph);

    /// <summary>
    /// An Expand(Into) with an end bound before the match (the same node on every row), and its plain form: the end
    /// reached by an Expand(All) and compared afterwards.
    /// </summary>
    public static TheoryData<string, string> IntoPairs => new()
    {
        // the target bound once (b), the middle node varying: both directions, parallel relationships, c reaching b itself
        {
            "MATCH (a {id: 'a'}), (b {id: 'b'}) MATCH (a)-[r:K|L]-(c)-[s:K|L]-(b) RETURN c.id, type(r), type(s), id(r), id(s)",
            "MATCH (a {id: 'a'}), (b {id: 'b'}) MATCH (a)-[r:K|L]-(c)-[s:K|L]-(x) WHERE x = b RETURN c.id, type(r), type(s), id(r), id(s)"
        },
        {
            "MATCH (a {id: 'a'}), (b {id: 'h'}) MATCH (a)-[r:K]->(c)<-[s:K]-(b) RETURN c.id, id(r), id(s)",
            "MATCH (a {id: 'a'}), (b {id: 'h'}) MATCH (a)-[r:K]->(c)<-[s:K]-(x) WHERE x = b RETURN c.id, id(r), id(s)"
        },
        {
            "MATCH (a:P), (h {id: 'h'}) MATCH (a)-[r]->(h) RETURN a.id, type(r), id(r)",
            "MATCH (a:P), (h {id: 'h'}) MATCH (a)-[r]->(x) WHERE x = h RETURN a.id, type(r), id(r)"
        },
        // the same node at both ends: the second hop must not reuse the first one's relationship
        {
            "MATCH (a {id: 'a'}), (b {id: 'a'}) MATCH (a)-[r]-(c)-[s]-(b) RETURN c.id, id(r), id(s)",
            "MATCH (a {id: 'a'}), (b {id: 'a'}) MATCH (a)-[r]-(c)-[s]-(x) WHERE x = b RETURN c.id, id(r), id(s)"
        },
        // the source end repeating (a cartesian product: every pair of nodes), self-loops included
        {
            "MATCH (x:P), (y) MATCH (x)-[r:K]->(y) RETURN x.id, y.id, id(r)",
            "MATCH (x:P), (y) MATCH (x)-[r:K]->(z) WHERE z = y RETURN x.id, y.id, id(r)"
        },
        {
            "MATCH (x), (y:P) MATCH (x)<-[r]-(y) RETURN x.id, y.id, id(r)",
            "MATCH (x), (y:P) MATCH (x)<-[r]-(z) WHERE z = y RETURN x.id, y.id, id(r)"
        },
        // a type not in the graph (its filter resolves anew on each row), under an aggregation, DISTINCT and ORDER BY
        {
            "MATCH (a {id: 'a'}), (b {id: 'h'}) MATCH (a)-[:K|NOPE]-(c)-[s:K|NOPE]-(b) RETURN c.id AS k, count(s) AS n",
            "MATCH (a {id: 'a'}), (b {id: 'h'}) MATCH (a)-[:K|NOPE]-(c)-[s:K|NOPE]-(x) WHERE x = b RETURN c.id AS k, count(s) AS n"
        },
        {
            "MATCH (a:P), (h {id: 'h'}) MATCH (a)-[r]-(h) RETURN DISTINCT a.id AS k ORDER BY k",
            "MATCH (a:P), (h {id: 'h'}) MATCH (a)-[r]-(x) WHERE x = h RETURN DISTINCT a.id AS k ORDER BY k"
        },
    };

    [Theory]
    [MemberData(nameof(IntoPairs))]
    public async Task An_expand_into_a_repeated_end_returns_the_enumerated_rows(string into, string plain)
    {
        await using var driver = await Build();
        Assert.Contains("indexing a repeated end", driver.Explain(into));
        Assert.DoesNotContain("Expand(Into)", driver.Explain(plain));
        var expected = RowTexts.Sorted(await driver.Run(plain));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run(into)));
    }

    [Theory]
    [MemberData(nameof(IntoPairs))]
    public async Task An_expand_into_a_repeated_end_sees_the_uncommitted_writes_of_its_transaction(string into, string plain)
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        // new parallel relationships and self-loops, a deleted relationship, a deleted node
        await tx.RunAsync("MATCH (a {id: 'a'}), (b {id: 'b'}), (h {id: 'h'}) CREATE (a)-[:K]->(b), (b)-[:K]->(a), (h)-[:K]->(a), (b)-[:L]->(b), (a)-[:K]->(h)");
        await tx.RunAsync("MATCH ({id: 'c'})-[r:K]->({id: 'h'}) DELETE r");
        await tx.RunAsync("MATCH (e {id: 'e'}) DETACH DELETE e");
        var expected = RowTexts.Sorted(await tx.RunAsync(plain));
        Assert.Equal(expected, RowTexts.Sorted(await tx.RunAsync(into)));
        await tx.RollbackAsync();
    }

    [Theory]
    // each claim also has 150 fans: a row reads the hub's 100 relationships, the smaller side; the index pays at once
    [InlineData(150, 100, 400)]
    // no fans: a row reads its claim's 3 relationships (6 accesses with the call and the two degrees, 480 in all); the
    // hub is sorted only once the rows have read as much as it has, so never more than reading row by row
    [InlineData(0, 200, 480)]
    public async Task An_expand_into_reads_a_repeated_end_once_when_that_pays(int fans, long minHits, long maxHits)
    {
        await using var driver = Engine.New();
        // a hub with 100 claims, 40 of them also reached twice from a
        await driver.Run("CREATE (a:X {id: 'a'}), (h:X {id: 'h'}) WITH a, h UNWIND range(1, 100) AS i CREATE (h)-[:R]->(c:C {i: i}) " +
                         "WITH a, c WHERE c.i % 10 < 4 CREATE (a)-[:R {w: 1}]->(c), (a)-[:R {w: 1}]->(c)");
        await driver.Run("UNWIND range(1, $fans) AS i CREATE (:Fan)", new { fans });
        await driver.Run("MATCH (f:Fan), (c:C) WHERE c.i % 10 < 4 CREATE (f)-[:R]->(c)");
        // r's property filter stands between the two hops: the first expand keeps no far nodes joined to h (whose set
        // the Expand(Into) would read instead, FarNodeJoinTests), so the Expand(Into) reads and indexes h itself
        const string query = "MATCH (a {id: 'a'}), (h {id: 'h'}) MATCH (a)-[r:R {w: 1}]->(c)<-[s:R]-(h) RETURN c.i, id(r), id(s)";
        Assert.DoesNotContain("joined", driver.Explain(query));
        var run = await driver.Profile(query);
        Assert.Equal(80, run.Result.Records.Count);
        var into = run.Profile.For(run.Plan.Root.Descendants().OfType<ExpandOp>().Single(e => e.TargetBound));
        Assert.Equal(80, into.Rows);
        Assert.InRange(into.DbHits, minHits, maxHits);
        Assert.Equal(
            RowTexts.Sorted(await driver.Run("MATCH (a {id: 'a'}), (h {id: 'h'}) MATCH (a)-[r:R {w: 1}]->(c)<-[s:R]-(x) WHERE x = h RETURN c.i, id(r), id(s)")),
            RowTexts.Sorted(run.Result));
    }

    [Fact]
    public async Task A_write_statement_does_not_index_a_repeated_end()
    {
        await using var driver = await Build();
        // the write runs in a subquery while the match is halfway through its rows: each row sees the ones created before
        const string write = "MATCH (a:P), (h {id: 'h'}) MATCH (a)-[r]->(h) CALL { WITH a, h CREATE (h)<-[:K]-(a) } RETURN a.id, id(r)";
        Assert.Contains("Expand(Into)", driver.Explain(write));
        Assert.DoesNotContain("indexing", driver.Explain(write));
        var plan = driver.Explain("MATCH (a {id: 'a'}), (b {id: 'b'}) MATCH (a)-[r]->(b) CREATE (a)-[:K]->(b)");
        Assert.Contains("Expand(Into)", plan);
        Assert.DoesNotContain("indexing", plan);
    }

    /// <summary>
    /// Statements whose last expand feeds the result cursor directly (one reused buffer) and their forms through an
    /// operator that keeps rows (a sort), compared as sets of records: records built from a reused buffer stay intact.
    /// </summary>
    public static TheoryData<string, string> TransientPairs => new()
    {
        { "MATCH (x:P)-[r:K|L]->(y) RETURN x, r, y", "MATCH (x:P)-[r:K|L]->(y) RETURN x, r, y ORDER BY id(r)" },
        { "MATCH (x {id: 'a'})-[r]-(y)-[s]-(z:P) RETURN y.id, z, id(r), id(s)", "MATCH (x {id: 'a'})-[r]-(y)-[s]-(z:P) RETURN y.id, z, id(r), id(s) ORDER BY id(r), id(s)" },
        { "MATCH (x:Q)-[r]->(y:P) WHERE y.id <> 'h' RETURN x.id, [r, y] AS pair", "MATCH (x:Q)-[r]->(y:P) WHERE y.id <> 'h' RETURN x.id, [r, y] AS pair ORDER BY id(r)" },
        { "MATCH p = (x:P)-[:K]->(y) RETURN p", "MATCH p = (x:P)-[:K]->(y) RETURN p ORDER BY id(x), id(y)" },
        { "MATCH (x:P) WITH x MATCH (x)-[r:L]-(y) RETURN x.id, type(r), y.id", "MATCH (x:P) WITH x MATCH (x)-[r:L]-(y) RETURN x.id, type(r), y.id ORDER BY x.id, y.id" },
        { "MATCH (x:P) OPTIONAL MATCH (x)-[r:L]->(y) RETURN x.id, r, y", "MATCH (x:P) OPTIONAL MATCH (x)-[r:L]->(y) RETURN x.id, r, y ORDER BY x.id" },
        { "MATCH (x:P) CALL { WITH x MATCH (x)-[r:K]->(y) RETURN y } RETURN x.id, y.id", "MATCH (x:P) CALL { WITH x MATCH (x)-[r:K]->(y) RETURN y } RETURN x.id, y.id ORDER BY x.id, y.id" },
        { "MATCH (x:P)-[r:K]->(y) RETURN DISTINCT y", "MATCH (x:P)-[r:K]->(y) RETURN DISTINCT y ORDER BY id(y)" },
        { "MATCH (x:P)-[r:K]->(y) RETURN x.id, collect(y.id) AS ys", "MATCH (x:P)-[r:K]->(y) WITH x, y RETURN x.id, collect(y.id) AS ys" },
        { "MATCH (x:P)-[r:K]->(y) RETURN x.id, y.id, id(r) LIMIT 5", "MATCH (x:P)-[r:K]->(y) WITH x, y, r ORDER BY id(r) RETURN x.id, y.id, id(r) LIMIT 5" },
    };

    [Theory]
    [MemberData(nameof(TransientPairs))]
    public async Task Records_built_from_a_reused_expand_buffer_stay_intact(string streamed, string sorted)
    {
        await using var driver = await Build();
        var expected = RowTexts.Sorted(await driver.Run(sorted));
        Assert.True(expected.Distinct().Count() > 1);
        var result = await driver.Run(streamed);
        var profiled = await driver.Run("PROFILE " + streamed);
        if (streamed.Contains("LIMIT", StringComparison.Ordinal))
        {
            // LIMIT without ORDER BY: any 5 different rows of the full answer
            var all = RowTexts.Sorted(await driver.Run(sorted.Replace(" LIMIT 5", "", StringComparison.Ordinal)));
            Assert.Equal(5, RowTexts.Sorted(result).Distinct().Count(all.Contains));
            Assert.Equal(5, RowTexts.Sorted(profiled).Distinct().Count(all.Contains));
            return;
        }
        Assert.Equal(expected, RowTexts.Sorted(result));
        // the same under PROFILE, through the client's PROFILE prefix
        Assert.Equal(expected, RowTexts.Sorted(profiled));
    }
}
