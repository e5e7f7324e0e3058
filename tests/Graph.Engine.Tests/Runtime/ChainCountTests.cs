using Graph.Client;
using Graph.Engine.Execution;
using static Graph.Engine.Tests.Runtime.PlanTree;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// count(*) over a chain of typed hops, grouped by functions of single entities, runs as one ChainCount operator (no
/// rows; the groups beyond a node remembered per node). Each query is compared with its row-by-row form (a WITH between
/// the MATCH and the aggregation keeps the planner from fusing them): same rows, same order.
/// </summary>
public class ChainCountTests
{
    /// <summary>
    /// Fictional researchers: NULL properties, equal values on different nodes, 1 and 1.0, lists, a node without labels,
    /// parallel relationships, self-loops, three types in both directions.
    /// </summary>
    private const string Graph =
        "CREATE (a:P {id: 'a', v: 1, tags: ['x', 'y']}), (b:P {id: 'b', v: 1.0, tags: ['x', 'y']}), (c:P {id: 'c'}), (d:P:Q {id: 'd', v: 2, tags: ['z']}), " +
        "(e:Q {id: 'e', v: 1}), (f {id: 'f', v: 7}), (g:P {id: 'g', v: 2}) " +
        "CREATE (a)-[:K {w: 1}]->(b), (a)-[:K {w: 1.0}]->(b), (b)-[:K]->(c), (c)-[:L {w: 2}]->(a), (a)-[:K]->(a), (a)-[:L]->(a), (d)-[:K {w: [1, 2]}]->(b), " +
        "(e)-[:K]->(b), (b)-[:L {w: null}]->(e), (f)-[:K]->(a), (a)-[:K]->(f), (c)-[:K]->(d), (d)-[:L]->(c), (b)-[:K]->(b), (b)-[:M]->(d), (d)-[:M]->(g), " +
        "(g)-[:M]->(a), (a)-[:M {w: 1}]->(b), (g)-[:L {w: 2.0}]->(g)";

    private static Task<EmbeddedDriver> Build() => Engine.NewWith(Graph);

    /// <summary>The fused query and its row-by-row form.</summary>
    public static TheoryData<string, string> Pairs => new()
    {
        // keys on the start, a relationship's type, a relationship's property (1 and 1.0, a list, null) and the far node
        {
            "MATCH (x:P)-[r:K]->(y)-[s:L|M]->(z) RETURN x.v AS a, type(r) AS t, s.w AS w, z.id AS zi, count(*) AS n",
            "MATCH (x:P)-[r:K]->(y)-[s:L|M]->(z) WITH x, r, s, z RETURN x.v AS a, type(r) AS t, s.w AS w, z.id AS zi, count(*) AS n"
        },
        // lists as keys, both directions (self-loops), label checks on the far nodes
        {
            "MATCH (x)-[:K]->(y:P)-[:L|M]-(z:Q) RETURN y.tags AS tags, count(*) AS n",
            "MATCH (x)-[:K]->(y:P)-[:L|M]-(z:Q) WITH y RETURN y.tags AS tags, count(*) AS n"
        },
        // no keys (one row), three hops, a node returned as a key, two count(*)
        { "MATCH (x:P)<-[:K]-(y)<-[:L]-(z)<-[:M]-(w) RETURN count(*) AS n", "MATCH (x:P)<-[:K]-(y)<-[:L]-(z)<-[:M]-(w) WITH x RETURN count(*) AS n" },
        {
            "MATCH (x:P)-[:K]->(y)-[:M]->(z) RETURN y AS node, z.v AS v, count(*) AS n, count(*) AS m",
            "MATCH (x:P)-[:K]->(y)-[:M]->(z) WITH y, z RETURN y AS node, z.v AS v, count(*) AS n, count(*) AS m"
        },
        { "MATCH (x)-[:K]-(y)-[:L]-(z) RETURN x.id AS xi, z.id AS zi, count(*) AS n", "MATCH (x)-[:K]-(y)-[:L]-(z) WITH x, z RETURN x.id AS xi, z.id AS zi, count(*) AS n" },
        // a missing label or type: no groups, or one group of 0 without keys
        { "MATCH (x:Missing)-[:K]->(y)-[:L]->(z) RETURN count(*) AS n", "MATCH (x:Missing)-[:K]->(y)-[:L]->(z) WITH x RETURN count(*) AS n" },
        { "MATCH (x:P)-[:K]->(y)-[:NOPE]->(z) RETURN z.id AS k, count(*) AS n", "MATCH (x:P)-[:K]->(y)-[:NOPE]->(z) WITH z RETURN z.id AS k, count(*) AS n" },
        // one hop grouped by the far node (an expression of it), then ORDER BY, DISTINCT, a WITH ... WHERE after the aggregation
        {
            "MATCH (x:P)-[:K]->(y) RETURN y.v * 2 AS v, count(*) AS n ORDER BY n DESC, v",
            "MATCH (x:P)-[:K]->(y) WITH y RETURN y.v * 2 AS v, count(*) AS n ORDER BY n DESC, v"
        },
        {
            "MATCH (x:Q)-[:K]->(y)-[:L|M]->(z) RETURN DISTINCT z.id AS k, count(*) AS n",
            "MATCH (x:Q)-[:K]->(y)-[:L|M]->(z) WITH z RETURN DISTINCT z.id AS k, count(*) AS n"
        },
        // keys of the start row only, an expression of several start-row variables, a copied variable
        {
            "MATCH (w:Q)-[:K]->(x:P) MATCH (x)-[:K]->(y)-[:L]->(z) RETURN w.v + x.v AS s, count(*) AS n",
            "MATCH (w:Q)-[:K]->(x:P) MATCH (x)-[:K]->(y)-[:L]->(z) WITH w, x, z RETURN w.v + x.v AS s, count(*) AS n"
        },
        {
            "MATCH (x:P) WITH x.tags AS t, x MATCH (x)-[:M]->(y)-[r:K]->(z) RETURN t, type(r) AS ty, z, count(*) AS n",
            "MATCH (x:P) WITH x.tags AS t, x MATCH (x)-[:M]->(y)-[r:K]->(z) WITH t, r, z RETURN t, type(r) AS ty, z, count(*) AS n"
        },
        {
            "MATCH (x:P)-[r:K]->(y)-[:L]->(z) WITH type(r) AS t, z, count(*) AS n WHERE n > 1 RETURN t, z.id AS k, n",
            "MATCH (x:P)-[r:K]->(y)-[:L]->(z) WITH r, z WITH type(r) AS t, z, count(*) AS n WHERE n > 1 RETURN t, z.id AS k, n"
        },
        // the start is the rest of the plan: an earlier MATCH with a WHERE, and a correlated subquery run once per outer row
        {
            "MATCH (x:P) WHERE x.v >= 1 MATCH (x)-[:K]->(y)-[:M]->(z) RETURN x.id AS k, z.id AS e, count(*) AS n",
            "MATCH (x:P) WHERE x.v >= 1 MATCH (x)-[:K]->(y)-[:M]->(z) WITH x, z RETURN x.id AS k, z.id AS e, count(*) AS n"
        },
        // one hop grouped by its start with far-node labels (counted per start node, no add per path): both directions
        // with self-loops, two labels, a missing label, keys 1 and 1.0 and NULL on the start
        { "MATCH (x:P)<-[:K]-(:P) RETURN x.id AS k, count(*) AS n", "MATCH (x:P)<-[:K]-(y:P) WITH x, y RETURN x.id AS k, count(*) AS n" },
        { "MATCH (x)-[:K|L]-(:P:Q) RETURN x.v AS v, count(*) AS n", "MATCH (x)-[:K|L]-(y:P:Q) WITH x, y RETURN x.v AS v, count(*) AS n" },
        { "MATCH (x:P)-[:K|M]->(:Missing) RETURN x.id AS k, count(*) AS n", "MATCH (x:P)-[:K|M]->(y:Missing) WITH x, y RETURN x.id AS k, count(*) AS n" },
        { "MATCH (x:Q)-[:M]->(:P) RETURN count(*) AS n", "MATCH (x:Q)-[:M]->(y:P) WITH x, y RETURN count(*) AS n" },
        // a last hop with no key of its own after a keyed hop: its far nodes counted per middle node
        {
            "MATCH (x:P)-[r:K|M]->(y)-[:L]-(:P) RETURN x.v AS v, type(r) AS t, count(*) AS n",
            "MATCH (x:P)-[r:K|M]->(y)-[:L]-(z:P) WITH x, r, z RETURN x.v AS v, type(r) AS t, count(*) AS n"
        },
        {
            "MATCH (x) CALL { WITH x MATCH (x)-[:K]->(y)-[:L]->(z) RETURN z.id AS e, count(*) AS n } RETURN x.id AS k, e, n",
            "MATCH (x) CALL { WITH x MATCH (x)-[:K]->(y)-[:L]->(z) WITH z RETURN z.id AS e, count(*) AS n } RETURN x.id AS k, e, n"
        },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_counted_chain_returns_the_rows_of_the_row_by_row_plan(string fused, string rowByRow)
    {
        await using var driver = await Build();
        Assert.Contains("ChainCount", driver.Explain(fused));
        Assert.DoesNotContain("ChainCount", driver.Explain(rowByRow));
        Assert.Equal(RowTexts.InOrder(await driver.Run(rowByRow)), RowTexts.InOrder(await driver.Run(fused)));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_counted_chain_sees_the_uncommitted_writes_of_its_transaction(string fused, string rowByRow)
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        // new and parallel relationships, a deleted relationship, a deleted node, a removed label, a changed key property
        await tx.RunAsync("MATCH (a {id: 'a'}), (c {id: 'c'}) CREATE (c)-[:K]->(a), (c)-[:K]->(a), (a)-[:L {w: 1}]->(c), (c)-[:M]->(a)");
        await tx.RunAsync("MATCH ({id: 'b'})-[r:K]->({id: 'c'}) DELETE r");
        await tx.RunAsync("MATCH (e {id: 'e'}) DETACH DELETE e");
        await tx.RunAsync("MATCH (d {id: 'd'}) REMOVE d:Q SET d.v = 1.0");
        await tx.RunAsync("MATCH (g {id: 'g'}) CREATE (g)<-[:K]-(:P:Q {id: 'new', v: 3})-[:L]->(g)");
        var expected = RowTexts.InOrder(await tx.RunAsync(rowByRow));
        Assert.Equal(expected, RowTexts.InOrder(await tx.RunAsync(fused)));
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task Relationships_of_a_chain_are_counted_once_per_path_and_groups_merge_equivalent_keys()
    {
        await using var driver = await Build();
        // a -K-> b twice (parallel), then b -L-> e and b -M-> d: four paths from a; keys 1 and 1.0 of a and b are one group
        Assert.Equal(["1|4"], RowTexts.InOrder(await driver.Run("MATCH (x {id: 'a'})-[:K]->(y {id: 'b'}) MATCH (y)-[:L|M]->(z) RETURN x.v AS v, count(*) AS n")));
        var rows = RowTexts.InOrder(await driver.Run("MATCH (x:P)-[:K]->(y)-[:M]->(z) RETURN x.v AS v, count(*) AS n"));
        // paths: a->b->d twice (parallel K), a->a->b, b->b->d, c->d->g, d->b->d; a.v = 1, b.v = 1.0, c.v null, d.v = 2
        Assert.Equal(["1|4", "null|1", "2|1"], rows);
    }

    [Fact]
    public async Task A_chain_the_row_engine_must_enumerate_is_not_fused()
    {
        await using var driver = await Build();
        // an untyped hop, a type expression (hops sharing a type and WHERE conjuncts: ChainCountFilterTests)
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (x)-->(y)-[:K]->(z) RETURN z.id, count(*)"));
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (x)-[:!K]->(y)-[:L]->(z) RETURN z.id, count(*)"));
        // other aggregates, a key of two entities, a property map in the pattern, a path, a cycle, var-length
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (x)-[:K]->(y)-[:L]->(z) RETURN x.id, count(z)"));
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (x)-[:K]->(y)-[:L]->(z) RETURN x.v + z.v, count(*)"));
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (x)-[:K]->(y)-[:L]->(z) RETURN z.v + rand(), count(*)"));
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (x)-[:K]->(y)-[:L]->(z) RETURN [t IN z.tags | t + x.id], count(*)"));
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (x)-[:K]->(y {v: 1})-[:L]->(z) RETURN x.id, count(*)"));
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (x)-[:K {w: 1}]->(y)-[:L]->(z) RETURN x.id, count(*)"));
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH p = (x)-[:K]->(y)-[:L]->(z) RETURN x.id, count(*)"));
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (x)-[:K]->(y)-[:L]->(x) RETURN x.id, count(*)"));
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (x)-[:K*1..2]->(y)-[:L]->(z) RETURN x.id, count(*)"));
        // one hop grouped by its start without a far-node label: counted from the stored degree (DegreeCount); with a
        // label inside a subquery (run once per outer row): ExpandCount, which sets up no tables
        Assert.Contains("DegreeCount", driver.Explain("MATCH (x:P)-[:K]->() RETURN x.id, count(*)"));
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (x:P)-[:K]->() RETURN x.id, count(*)"));
        Assert.Contains("ExpandCount", driver.Explain("MATCH (x) CALL { WITH x MATCH (x)-[:K]->(:P) RETURN count(*) AS n } RETURN x.id, n"));
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (x) CALL { WITH x MATCH (x)-[:K]->(:P) RETURN count(*) AS n } RETURN x.id, n"));
        // a statement that writes before the aggregation
        Assert.DoesNotContain("ChainCount", driver.Explain("CREATE (n:P) WITH n MATCH (x)-[:K]->(y)-[:L]->(z) RETURN z.id, count(*)"));
    }

    [Fact]
    public async Task A_write_after_the_counted_chain_keeps_the_answer_and_reads_nothing_remembered()
    {
        await using var driver = await Build();
        const string write = "MATCH (x:P)-[:K]->(y)-[:L|M]->(z) WITH z, count(*) AS n SET z.n = n RETURN z.id AS k, n";
        const string plain = "MATCH (x:P)-[:K]->(y)-[:L|M]->(z) WITH z WITH z, count(*) AS n RETURN z.id AS k, n";
        var compiled = driver.Compile(write);
        Assert.False(compiled.Root.Descendants().OfType<ChainCountOp>().Single().RememberReads);
        var expected = RowTexts.InOrder(await driver.Run(plain));
        Assert.Equal(expected, RowTexts.InOrder(await driver.Run(write)));
        var stored = RowTexts.InOrder(await driver.Run("MATCH (z) WHERE z.n IS NOT NULL RETURN z.id AS k, z.n AS n"));
        Assert.Equal(expected.Order(), stored.Order());
    }

    /// <summary>
    /// Enough nodes that the remembered tables switch off where nodes do not repeat and stay where they do, and the label
    /// checks switch from lookups to a scan: 3,000 sources with one hop each to their own middle node, middles reaching
    /// a few hubs many times; every third hub lacks its label.
    /// </summary>
    [Fact]
    public async Task A_large_chain_gives_the_row_by_row_answer()
    {
        await using var driver = Engine.New();
        await driver.Run("UNWIND range(0, 5999) AS i CREATE (s:S {i: i})-[:A]->(m:M {i: i})");
        await driver.Run("UNWIND range(0, 29) AS h CREATE (n:H {g: h % 4, i: h}) WITH n, h WHERE h % 3 = 0 REMOVE n:H");
        await driver.Run("MATCH (m:M), (n) WHERE n.g IS NOT NULL AND (m.i % 30 = n.i OR m.i % 7 = n.i % 7) CREATE (m)-[:B {sign: m.i % 2 = 0}]->(n)");
        const string fused = "MATCH (s:S)-[:A]->(m:M)-[b:B]->(h:H) RETURN s.i % 5 AS k, b.sign AS sign, h.g AS g, count(*) AS n";
        const string plain = "MATCH (s:S)-[:A]->(m:M)-[b:B]->(h:H) WITH s, b, h RETURN s.i % 5 AS k, b.sign AS sign, h.g AS g, count(*) AS n";
        Assert.Contains("ChainCount", driver.Explain(fused));
        var expected = RowTexts.InOrder(await driver.Run(plain));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RowTexts.InOrder(await driver.Run(fused)));
        // reversed: the middles repeat now (each hub reaches many), so their tables are remembered
        const string reversed = "MATCH (h:H)<-[b:B]-(m:M)<-[:A]-(s:S) RETURN h.g AS g, b.sign AS sign, s.i % 5 AS k, count(*) AS n";
        const string reversedPlain = "MATCH (h:H)<-[b:B]-(m:M)<-[:A]-(s:S) WITH s, b, h RETURN h.g AS g, b.sign AS sign, s.i % 5 AS k, count(*) AS n";
        Assert.Equal(RowTexts.InOrder(await driver.Run(reversedPlain)), RowTexts.InOrder(await driver.Run(reversed)));
    }

    /// <summary>
    /// The last hop's nodes are remembered from their first visit when they have at most four relationships: middles with
    /// 0 to 7 relationships to ends that sometimes lack the label, each middle reached from several starts (so remembered
    /// tables, empty ones included, are merged many times), some ends reached twice through parallel relationships.
    /// </summary>
    [Fact]
    public async Task Last_hop_nodes_remembered_from_their_first_visit_give_the_row_by_row_answer()
    {
        await using var driver = Engine.New();
        await driver.Run("UNWIND range(0, 39) AS i CREATE (:M {i: i})");
        await driver.Run("UNWIND range(0, 19) AS i CREATE (e:E {i: i, g: i % 3}) WITH e, i WHERE i % 4 = 0 REMOVE e:E");
        await driver.Run("MATCH (m:M), (e) WHERE e.g IS NOT NULL AND (e.i - m.i) % 20 >= 0 AND (e.i - m.i) % 20 < m.i % 8 CREATE (m)-[:B]->(e)");
        await driver.Run("MATCH (m:M)-[:B]->(e) WHERE m.i % 5 = 0 CREATE (m)-[:B]->(e)");
        await driver.Run("UNWIND range(0, 299) AS i MATCH (m:M {i: (i * 7) % 40}) CREATE (:S {i: i})-[:A {w: i % 3}]->(m)");
        foreach (var (fused, plain) in new[]
                 {
                     ("MATCH (s:S)-[a:A]->(m:M)-[:B]->(e:E) RETURN a.w AS w, e.g AS g, count(*) AS n",
                      "MATCH (s:S)-[a:A]->(m:M)-[:B]->(e:E) WITH a, e RETURN a.w AS w, e.g AS g, count(*) AS n"),
                     ("MATCH (s:S)-[:A]->(m:M)-[:B]->(e:E) RETURN s.i % 4 AS k, e AS node, count(*) AS n",
                      "MATCH (s:S)-[:A]->(m:M)-[:B]->(e:E) WITH s, e RETURN s.i % 4 AS k, e AS node, count(*) AS n"),
                     ("MATCH (s:S)-[:A]->(m:M)-[:B]->(:E) RETURN s.i % 7 AS k, count(*) AS n",
                      "MATCH (s:S)-[:A]->(m:M)-[:B]->(e:E) WITH s, e RETURN s.i % 7 AS k, count(*) AS n"),
                 })
        {
            Assert.Contains("ChainCount", driver.Explain(fused));
            var expected = RowTexts.InOrder(await driver.Run(plain));
            Assert.NotEmpty(expected);
            Assert.Equal(expected, RowTexts.InOrder(await driver.Run(fused)));
        }
    }

    [Fact]
    public async Task A_memory_limit_stops_a_counted_chain_with_many_groups()
    {
        await using var driver = EmbeddedDriver.InMemory(new EngineOptions { QueryMemoryLimit = 1024 * 1024, SyncOnCommit = false });
        for (var batch = 0; batch < 40; batch++)
            await driver.Run("UNWIND range($from, $from + 499) AS i CREATE (:S {i: i})-[:A]->(:M {i: i})-[:B]->(:H {i: i})", new { from = batch * 500 });
        const string fused = "MATCH (s:S)-[:A]->(m:M)-[:B]->(h:H) RETURN h.i AS k, count(*) AS n";
        Assert.Contains("ChainCount", driver.Explain(fused));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => driver.Run(fused));
        Assert.Contains("QueryMemoryLimit", error.Message);
        Assert.Equal(["20000"], RowTexts.InOrder(await driver.Run("MATCH (s:S)-[:A]->(m:M)-[:B]->(h:H) RETURN count(*) AS n")));
    }

    [Fact]
    public async Task Explain_and_profile_name_the_counted_chain()
    {
        await using var driver = await Build();
        const string query = "MATCH (x:P)-[r:K]->(y)-[:M]->(z:P) RETURN type(r) AS t, z.id AS k, count(*) AS n";
        var plan = (await driver.Run("EXPLAIN " + query)).Summary.Plan!;
        var chain = Flatten(plan).Single(p => p.OperatorType == "ChainCount");
        Assert.Contains("(x)-[r:K]->(y), (y)-[:M]->(z)", (string)chain.Arguments["Details"]!);
        var profiled = (await driver.Run("PROFILE " + query)).Summary.Plan!;
        var counted = Flatten(profiled).Single(p => p.OperatorType == "ChainCount");
        Assert.Equal(RowTexts.InOrder(await driver.Run(query)).Count, counted.Rows);
        // beneath it the start only: the label scan of x
        Assert.Equal("NodeByLabelScan", Assert.Single(counted.Children).OperatorType);
    }
}
