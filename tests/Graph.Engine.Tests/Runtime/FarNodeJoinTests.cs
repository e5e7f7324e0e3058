using Graph.Engine.Execution;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// An expand whose next hop is an Expand(Into) a node bound before (<c>(a)-[r]->(c)&lt;-[s]-(b)</c>) drops the far nodes
/// not joined to that node before it makes their rows. Each statement is compared with a plain form of it whose second
/// hop reaches any node and compares it afterwards (so no Expand(Into) and no join).
/// </summary>
public class FarNodeJoinTests
{
    /// <summary>
    /// Fictional researchers: parallel relationships both ways, self-loops of both types, nodes without the label P, a
    /// node without labels, a hub (h), two types.
    /// </summary>
    private const string Graph =
        "CREATE (a:P {id: 'a'}), (b:P {id: 'b'}), (c:P {id: 'c'}), (d:P:Q {id: 'd'}), (e:Q {id: 'e'}), (f {id: 'f'}), (h:P {id: 'h'}) " +
        "CREATE (a)-[:K]->(b), (a)-[:K]->(b), (b)-[:K]->(a), (b)-[:K]->(c), (c)-[:L]->(a), (a)-[:K]->(a), (a)-[:L]->(a), (d)-[:K]->(b), " +
        "(e)-[:K]->(b), (b)-[:L]->(e), (f)-[:K]->(a), (a)-[:K]->(f), (c)-[:K]->(d), (d)-[:L]->(c), (b)-[:K]->(b), (h)-[:K]->(h), " +
        "(a)-[:K]->(h), (a)-[:L]->(h), (b)-[:K]->(h), (h)-[:K]->(b), (c)-[:K]->(h), (d)-[:L]->(h), (e)-[:K]->(h), (f)-[:K]->(h), (h)-[:L]->(f), " +
        "(a)-[:K]->(e), (h)-[:K]->(e), (e)-[:K]->(a), (a)-[:L]->(d), (h)-[:L]->(d)";

    private static Task<EmbeddedDriver> Build() => Engine.NewWith(Graph);

    public static TheoryData<string, string> JoinedPairs => new()
    {
        // both directions, parallel relationships, c reaching b itself
        {
            "MATCH (a {id: 'a'}), (b {id: 'b'}) MATCH (a)-[r:K|L]-(c)-[s:K|L]-(b) RETURN c.id, type(r), type(s), id(r), id(s)",
            "MATCH (a {id: 'a'}), (b {id: 'b'}) MATCH (a)-[r:K|L]-(c)-[s:K|L]-(x) WHERE x = b RETURN c.id, type(r), type(s), id(r), id(s)"
        },
        // the far node's label checked in the expand: e and f lack P, d has it
        {
            "MATCH (a {id: 'a'}), (b {id: 'h'}) MATCH (a)-[r]->(c:P)<-[s]-(b) RETURN c.id, id(r), id(s)",
            "MATCH (a {id: 'a'}), (b {id: 'h'}) MATCH (a)-[r]->(c:P)<-[s]-(x) WHERE x = b RETURN c.id, id(r), id(s)"
        },
        // the other directions
        {
            "MATCH (a {id: 'a'}), (b {id: 'h'}) MATCH (a)<-[r]-(c)-[s]->(b) RETURN c.id, id(r), id(s)",
            "MATCH (a {id: 'a'}), (b {id: 'h'}) MATCH (a)<-[r]-(c)-[s]->(x) WHERE x = b RETURN c.id, id(r), id(s)"
        },
        {
            "MATCH (a {id: 'h'}), (b {id: 'a'}) MATCH (a)-[r:K]->(c)-[s:K]->(b) RETURN c.id, id(r), id(s)",
            "MATCH (a {id: 'h'}), (b {id: 'a'}) MATCH (a)-[r:K]->(c)-[s:K]->(x) WHERE x = b RETURN c.id, id(r), id(s)"
        },
        // the same node at both ends: self-loops, and the second hop must not reuse the first one's relationship
        {
            "MATCH (a {id: 'a'}), (b {id: 'a'}) MATCH (a)-[r]-(c)-[s]-(b) RETURN c.id, id(r), id(s)",
            "MATCH (a {id: 'a'}), (b {id: 'a'}) MATCH (a)-[r]-(c)-[s]-(x) WHERE x = b RETURN c.id, id(r), id(s)"
        },
        {
            "MATCH (a {id: 'h'}), (b {id: 'h'}) MATCH (a)-[r]-(c)-[s]-(b) RETURN c.id, id(r), id(s)",
            "MATCH (a {id: 'h'}), (b {id: 'h'}) MATCH (a)-[r]-(c)-[s]-(x) WHERE x = b RETURN c.id, id(r), id(s)"
        },
        // every start node, the joined end fixed: the join is built once and kept while that end repeats
        {
            "MATCH (b {id: 'h'}), (a:P) MATCH (a)-[r]->(c)<-[s]-(b) RETURN a.id, c.id, id(r), id(s)",
            "MATCH (b {id: 'h'}), (a:P) MATCH (a)-[r]->(c)<-[s]-(x) WHERE x = b RETURN a.id, c.id, id(r), id(s)"
        },
        // the joined end changing from row to row, and missing (null) on some rows
        {
            "UNWIND ['b', 'zz', 'h', 'a', 'h'] AS bid OPTIONAL MATCH (b {id: bid}) WITH b MATCH (a:P) MATCH (a)-[r:K]->(c)<-[s:K]-(b) RETURN b.id, a.id, c.id, id(r), id(s)",
            "UNWIND ['b', 'zz', 'h', 'a', 'h'] AS bid OPTIONAL MATCH (b {id: bid}) WITH b MATCH (a:P) MATCH (a)-[r:K]->(c)<-[s:K]-(x) WHERE x = b RETURN b.id, a.id, c.id, id(r), id(s)"
        },
        // a type not in the graph (its filter resolves anew on each row), under an aggregation, DISTINCT and ORDER BY
        {
            "MATCH (a {id: 'a'}), (b {id: 'h'}) MATCH (a)-[:K|NOPE]-(c)-[s:K|NOPE]-(b) RETURN c.id AS k, count(s) AS n",
            "MATCH (a {id: 'a'}), (b {id: 'h'}) MATCH (a)-[:K|NOPE]-(c)-[s:K|NOPE]-(x) WHERE x = b RETURN c.id AS k, count(s) AS n"
        },
        {
            "MATCH (a {id: 'a'}), (b {id: 'h'}) MATCH (a)-[r]-(c)-[s]-(b) RETURN DISTINCT c.id AS k ORDER BY k",
            "MATCH (a {id: 'a'}), (b {id: 'h'}) MATCH (a)-[r]-(c)-[s]-(x) WHERE x = b RETURN DISTINCT c.id AS k ORDER BY k"
        },
        // two joins in one statement (each Expand(Into) reads the set of the expand below it, not the other's)
        {
            "MATCH (a {id: 'a'}), (b {id: 'h'}) MATCH (a)-[r]->(c)<-[s]-(b) MATCH (b)-[t]->(d)<-[u]-(a) RETURN c.id, d.id, id(r), id(s), id(t), id(u)",
            "MATCH (a {id: 'a'}), (b {id: 'h'}) MATCH (a)-[r]->(c)<-[s]-(x) WHERE x = b MATCH (b)-[t]->(d)<-[u]-(y) WHERE y = a RETURN c.id, d.id, id(r), id(s), id(t), id(u)"
        },
        // the joined end is the start node itself
        {
            "MATCH (a {id: 'b'}) MATCH (a)-[r:K]->(c)-[s:K]->(a) RETURN c.id, id(r), id(s)",
            "MATCH (a {id: 'b'}) MATCH (a)-[r:K]->(c)-[s:K]->(x) WHERE x = a RETURN c.id, id(r), id(s)"
        },
    };

    [Theory]
    [MemberData(nameof(JoinedPairs))]
    public async Task An_expand_joined_to_the_next_hop_returns_the_enumerated_rows(string joined, string plain)
    {
        await using var driver = await Build();
        Assert.Contains("keeping ends joined to", driver.Explain(joined));
        Assert.DoesNotContain("keeping ends joined to", driver.Explain(plain));
        var expected = RowTexts.Sorted(await driver.Run(plain));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run(joined)));
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run("PROFILE " + joined)));
    }

    [Theory]
    [MemberData(nameof(JoinedPairs))]
    public async Task An_expand_joined_to_the_next_hop_sees_the_uncommitted_writes_of_its_transaction(string joined, string plain)
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        // new parallel relationships and self-loops, a deleted relationship, a deleted node, a removed label
        await tx.RunAsync("MATCH (a {id: 'a'}), (b {id: 'b'}), (h {id: 'h'}) CREATE (a)-[:K]->(b), (b)-[:K]->(a), (h)-[:K]->(a), (b)-[:L]->(b), (a)-[:K]->(h), (h)-[:K]->(c:P {id: 'new'}), (a)-[:K]->(c)");
        await tx.RunAsync("MATCH ({id: 'c'})-[r:K]->({id: 'h'}) DELETE r");
        await tx.RunAsync("MATCH (e {id: 'e'}) DETACH DELETE e");
        await tx.RunAsync("MATCH (d {id: 'd'}) REMOVE d:P");
        var expected = RowTexts.Sorted(await tx.RunAsync(plain));
        Assert.Equal(expected, RowTexts.Sorted(await tx.RunAsync(joined)));
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task The_expand_makes_rows_only_for_far_nodes_joined_to_the_next_hops_end()
    {
        await using var driver = Engine.New();
        // a takes a stance on 10 claims, b on 2 of them and 5 others
        await driver.Run("CREATE (:E {id: 'a'}), (:E {id: 'b'}) WITH 1 AS one UNWIND range(1, 15) AS i CREATE (:C {i: i})");
        await driver.Run("MATCH (a:E {id: 'a'}), (c:C) WHERE c.i <= 10 CREATE (a)-[:S]->(c)");
        await driver.Run("MATCH (b:E {id: 'b'}), (c:C) WHERE c.i IN [3, 7, 11, 12, 13, 14, 15] CREATE (b)-[:S]->(c)");
        const string query = "MATCH (a:E {id: 'a'}), (b:E {id: 'b'}) MATCH (a)-[r:S]->(c:C)<-[s:S]-(b) RETURN c.i AS i ORDER BY i";
        var run = await driver.Profile(query);
        Assert.Equal(["3", "7"], RowTexts.InOrder(run.Result));
        var expand = run.Plan.Root.Descendants().OfType<ExpandOp>().Single(e => !e.TargetBound);
        Assert.NotNull(expand.JoinedTo);
        // without the join: one row per claim of a (10)
        Assert.Equal(2, run.Profile.For(expand).Rows);
    }

    [Fact]
    public async Task The_next_hop_finds_its_relationships_in_the_joined_ends_set_without_reading_the_store()
    {
        await using var driver = Engine.New();
        // a and b share claims 3 and 7; b takes two parallel stances on 7 (one of each type) and one on 3
        await driver.Run("CREATE (:E {id: 'a'}), (:E {id: 'b'}) WITH 1 AS one UNWIND range(1, 12) AS i CREATE (:C {i: i})");
        await driver.Run("MATCH (a:E {id: 'a'}), (c:C) WHERE c.i <= 10 CREATE (a)-[:S]->(c)");
        await driver.Run("MATCH (b:E {id: 'b'}), (c:C) WHERE c.i IN [3, 7, 11, 12] CREATE (b)-[:S]->(c)");
        await driver.Run("MATCH (b:E {id: 'b'}), (c:C {i: 7}) CREATE (b)-[:T]->(c)");
        const string query = "MATCH (a:E {id: 'a'}), (b:E {id: 'b'}) MATCH (a)-[r:S]->(c:C)<-[s:S|T]-(b) RETURN c.i AS i, type(s) AS t, id(s) AS s ORDER BY i, s";
        var run = await driver.Profile(query);
        var plain = await driver.Run(query.Replace("<-[s:S|T]-(b)", "<-[s:S|T]-(x) WHERE x = b"));
        Assert.Equal(RowTexts.InOrder(plain), RowTexts.InOrder(run.Result));
        Assert.Equal(3, run.Result.Records.Count);
        var into = run.Plan.Root.Descendants().OfType<ExpandOp>().Single(e => e.TargetBound);
        Assert.Same(run.Plan.Root.Descendants().OfType<ExpandOp>().Single(e => !e.TargetBound).JoinedTo, into.JoinedBelow);
        // without the shared set the Expand(Into) reads b's (or each claim's) relationships itself for its 2 input rows
        Assert.Equal(3, run.Profile.For(into).Rows);
        Assert.Equal(0, run.Profile.For(into).DbHits);
    }

    [Fact]
    public async Task A_joined_end_much_larger_than_the_expand_is_not_read_for_one_row()
    {
        await using var driver = Engine.New();
        // a has 3 claims, the hub 300 (2 of them shared): reading the hub for a's 3 relationships would cost more
        await driver.Run("CREATE (a:E {id: 'a'}), (h:E {id: 'h'}) WITH a, h UNWIND range(1, 300) AS i CREATE (h)-[:S]->(c:C {i: i}) " +
                         "WITH a, c WHERE c.i IN [1, 2, 301] CREATE (a)-[:S]->(c)");
        await driver.Run("MATCH (a {id: 'a'}) CREATE (a)-[:S]->(:C {i: 0})");
        const string query = "MATCH (a:E {id: 'a'}), (h:E {id: 'h'}) MATCH (a)-[r:S]->(c:C)<-[s:S]-(h) RETURN c.i AS i ORDER BY i";
        var run = await driver.Profile(query);
        Assert.Equal(["1", "2"], RowTexts.InOrder(run.Result));
        var expand = run.Plan.Root.Descendants().OfType<ExpandOp>().Single(e => !e.TargetBound);
        Assert.Equal(3, run.Profile.For(expand).Rows);
        // the hub's relationships are never read in full by this statement
        Assert.True(run.Profile.For(expand).DbHits < 100, $"{run.Profile.For(expand).DbHits} store accesses");
    }

    [Fact]
    public async Task A_write_statement_does_not_join_its_expands()
    {
        await using var driver = await Build();
        // the write runs in a subquery while the match is halfway through its rows: later rows see the relationships it created
        const string write = "MATCH (b {id: 'h'}), (a:P) MATCH (a)-[r:K]->(c)<-[s]-(b) CALL { WITH a, b CREATE (b)-[:K]->(a) } RETURN a.id, c.id, id(r), id(s)";
        Assert.Contains("Expand(Into)", driver.Explain(write));
        Assert.DoesNotContain("joined", driver.Explain(write));
        Assert.DoesNotContain("joined", driver.Explain("MATCH (a {id: 'a'}), (b {id: 'b'}) MATCH (a)-[r]->(c)<-[s]-(b) CREATE (a)-[:K]->(c)"));
        await using var other = await Build();
        const string plainWrite = "MATCH (b {id: 'h'}), (a:P) MATCH (a)-[r:K]->(c)<-[s]-(x) WHERE x = b CALL { WITH a, b CREATE (b)-[:K]->(a) } RETURN a.id, c.id, id(r), id(s)";
        Assert.Equal(RowTexts.Sorted(await other.Run(plainWrite)), RowTexts.Sorted(await driver.Run(write)));
    }

    [Theory]
    [InlineData(5)]   // a set of 15 relationships: sorted in the thread's spare arrays
    [InlineData(20)]  // 60: sorted on pooled arrays
    public async Task A_joined_end_with_parallel_relationships_gives_the_enumerated_rows_in_order(int spokes)
    {
        // fictional panel: hub z reaches each spoke twice (parallel K) and once back (L); y reaches every spoke once,
        // created in descending order so that the far nodes come unsorted out of z's adjacency
        var create = "CREATE (y:P {id: 'y'}), (z:P {id: 'z'}) WITH y, z UNWIND range(" + spokes + ", 1, -1) AS i " +
                     "CREATE (s:P {id: i}), (z)-[:K {n: 1}]->(s), (z)-[:K {n: 2}]->(s), (s)-[:L]->(z), (y)-[:K]->(s)";
        await using var driver = await Engine.NewWith(create);
        const string joined = "MATCH (a {id: 'y'}), (b {id: 'z'}) MATCH (a)-[r]->(c)-[s]-(b) RETURN c.id, type(s), s.n, id(s)";
        const string plain = "MATCH (a {id: 'y'}), (b {id: 'z'}) MATCH (a)-[r]->(c)-[s]-(x) WHERE x = b RETURN c.id, type(s), s.n, id(s)";
        Assert.Contains("keeping ends joined to", driver.Explain(joined));
        var expected = RowTexts.InOrder(await driver.Run(plain));
        Assert.Equal(3 * spokes, expected.Count);
        Assert.Equal(expected, RowTexts.InOrder(await driver.Run(joined)));
        Assert.Equal(expected, RowTexts.InOrder(await driver.Run(joined)));
    }
}
