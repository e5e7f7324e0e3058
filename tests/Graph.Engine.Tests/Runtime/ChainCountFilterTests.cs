using Graph.Client;
using Graph.Engine.Execution;
using static Graph.Engine.Tests.Runtime.PlanTree;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// ChainCount with WHERE conjuncts about one hop's entity and the start row, and with hops of one pattern that share a
/// type (relationship uniqueness compared in the walk). Each fused query is compared with its row-by-row form (a WITH
/// between the MATCH and the aggregation keeps the planner from fusing them): same rows, same order.
/// </summary>
public class ChainCountFilterTests
{
    /// <summary>
    /// Fictional experts endorsing claims: a NULL id, ids 1 and 1.0 on different experts, equal v on different experts,
    /// a string id, parallel endorsements, an endorsement of a node without the Claim label, an expert endorsing an
    /// expert, a claim endorsing itself (a self-loop), weights with NULL, 1 and 1.0.
    /// </summary>
    private const string Graph =
        "CREATE (a:E {id: 1, v: 1}), (b:E {id: 1.0, v: 1}), (c:E {v: 2}), (d:E {id: 'd', v: 2}), (e:E {id: 5}), (f {id: 6, v: 0}), " +
        "(x:C {id: 'x'}), (y:C {id: 'y'}), (z {id: 'z'}), (w:C {id: 'w'}) " +
        "CREATE (a)-[:EN {w: 1}]->(x), (a)-[:EN {w: 1.0}]->(x), (b)-[:EN {w: 2}]->(x), (c)-[:EN]->(x), (d)-[:EN {w: 1}]->(x), " +
        "(a)-[:EN {w: 3}]->(y), (c)-[:EN {w: 1}]->(y), (e)-[:EN {w: 2}]->(y), (f)-[:EN]->(y), (a)-[:EN]->(z), (b)-[:EN]->(z), " +
        "(d)-[:EN]->(w), (e)-[:EN]->(w), (e)-[:EN {w: 1.0}]->(w), (a)-[:EN]->(e), (w)-[:EN]->(w), (d)-[:CR]->(y), (b)-[:CR]->(x)";

    private static Task<EmbeddedDriver> Build() => Engine.NewWith(Graph);

    /// <summary>The fused query and its row-by-row form.</summary>
    public static TheoryData<string, string> Pairs => new()
    {
        // the top-10 allies shape: a conjunct on the far node and the start row, hops sharing a type
        {
            "MATCH (a:E {id: 1})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 10",
            "MATCH (a:E {id: 1})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 10"
        },
        // every start row (the remembered answers are per start row), NULL ids and 1 vs 1.0 compared; the WITH keeps the
        // planner from starting at the claims
        {
            "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id RETURN a.id AS me, b.id AS ally, count(*) AS shared",
            "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id WITH a, b RETURN a.id AS me, b.id AS ally, count(*) AS shared"
        },
        {
            "MATCH (a:E)-[:EN]->(c)<-[:EN]-(b) WHERE b.v > a.v RETURN c.id AS claim, count(*) AS n",
            "MATCH (a:E)-[:EN]->(c)<-[:EN]-(b) WHERE b.v > a.v WITH c RETURN c.id AS claim, count(*) AS n"
        },
        // no WHERE: relationship uniqueness alone (parallel endorsements, the self-loop, a node both endorsing and endorsed)
        {
            "MATCH (a)-[:EN]->(c)<-[:EN]-(b) RETURN a.id AS me, b.id AS other, count(*) AS n",
            "MATCH (a)-[:EN]->(c)<-[:EN]-(b) WITH a, b RETURN a.id AS me, b.id AS other, count(*) AS n"
        },
        {
            "MATCH (a:E)-[r:EN]->(c)-[:EN]-() RETURN c.id AS k, type(r) AS t, count(*) AS n",
            "MATCH (a:E)-[r:EN]->(c)-[:EN]-() WITH c, r RETURN c.id AS k, type(r) AS t, count(*) AS n"
        },
        {
            "MATCH (a:E)-[:EN|CR]-(c)-[:EN]-(b) RETURN b.id AS k, count(*) AS n",
            "MATCH (a:E)-[:EN|CR]-(c)-[:EN]-(b) WITH b RETURN b.id AS k, count(*) AS n"
        },
        // a conjunct on a relationship and the start row, on a middle node only, and a label test in WHERE
        {
            "MATCH (a:E) MATCH (a)-[:EN]->(c)<-[s:EN]-(b) WHERE s.w >= a.v RETURN b.id AS k, count(*) AS n",
            "MATCH (a:E) MATCH (a)-[:EN]->(c)<-[s:EN]-(b) WHERE s.w >= a.v WITH b RETURN b.id AS k, count(*) AS n"
        },
        {
            "MATCH (a:E)-[:EN]->(c)-[:EN]->(b) WHERE c.id <> 'z' AND c:C RETURN a.id AS k, b.id AS e, count(*) AS n",
            "MATCH (a:E)-[:EN]->(c)-[:EN]->(b) WHERE c.id <> 'z' AND c:C WITH a, b RETURN a.id AS k, b.id AS e, count(*) AS n"
        },
        {
            "MATCH (b:E) WITH b MATCH (b)-[:CR]->(c:C)<-[r:EN]-(a) WHERE r.w = 1 RETURN a.id AS k, count(*) AS n",
            "MATCH (b:E) WITH b MATCH (b)-[:CR]->(c:C)<-[r:EN]-(a) WHERE r.w = 1 WITH a RETURN a.id AS k, count(*) AS n"
        },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_filtered_chain_returns_the_rows_of_the_row_by_row_plan(string fused, string rowByRow)
    {
        await using var driver = await Build();
        Assert.Contains("ChainCount", driver.Explain(fused));
        Assert.DoesNotContain("ChainCount", driver.Explain(rowByRow));
        var expected = RowTexts.InOrder(await driver.Run(rowByRow));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RowTexts.InOrder(await driver.Run(fused)));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_filtered_chain_sees_the_uncommitted_writes_of_its_transaction(string fused, string rowByRow)
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        // new and parallel endorsements, a deleted one, a deleted expert, a removed label, changed ids and v
        await tx.RunAsync("MATCH (a:E {id: 1}), (y {id: 'y'}) CREATE (a)-[:EN {w: 0}]->(y), (a)-[:EN {w: 1}]->(y)");
        await tx.RunAsync("MATCH (:E {id: 'd'})-[r:EN]->({id: 'x'}) DELETE r");
        await tx.RunAsync("MATCH (e:E {id: 5}) DETACH DELETE e");
        await tx.RunAsync("MATCH (c:E) WHERE c.id IS NULL REMOVE c:E SET c.id = 1");
        await tx.RunAsync("MATCH (b:E) WHERE b.id = 1.0 AND b.v = 1 AND b.id <> 1 + 0 SET b.v = 3");
        await tx.RunAsync("MATCH (w {id: 'w'}) CREATE (w)<-[:EN {w: 2}]-(:E {id: 'new', v: 1})-[:EN]->(w)");
        var expected = RowTexts.InOrder(await tx.RunAsync(rowByRow));
        Assert.Equal(expected, RowTexts.InOrder(await tx.RunAsync(fused)));
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task A_conjunct_that_fails_on_some_entity_fails_the_fused_chain_the_same_way()
    {
        await using var driver = await Build();
        // integer ids divided by zero fail; 1.0 / 0 is infinite; the string id fails too
        const string fused = "MATCH (a:E {id: 1})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id / 0 > a.v RETURN b.id AS k, count(*) AS n";
        const string rowByRow = "MATCH (a:E {id: 1})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id / 0 > a.v WITH b RETURN b.id AS k, count(*) AS n";
        Assert.Contains("ChainCount", driver.Explain(fused));
        var expected = await Assert.ThrowsAnyAsync<Exception>(() => driver.Run(rowByRow));
        var actual = await Assert.ThrowsAnyAsync<Exception>(() => driver.Run(fused));
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Message, actual.Message);
        // a conjunct that is not a Boolean
        const string notBoolean = "MATCH (a:E {id: 1})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.v RETURN count(*) AS n";
        Assert.Contains("ChainCount", driver.Explain(notBoolean));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => driver.Run(notBoolean));
        Assert.Contains("must be a Boolean", error.Message);
        // on entities the row engine never reaches the conjunct is not evaluated either (x's endorsers only: 1 <> 0 is fine)
        Assert.Equal(["2"], RowTexts.InOrder(await driver.Run("MATCH (a:E {id: 5})-[:EN]->(:C {id: 'y'})<-[:EN]-(b:E) WHERE b.v / b.v >= 1 RETURN count(*) AS n")));
    }

    [Fact]
    public async Task A_conjunct_the_walk_cannot_test_at_one_hop_is_left_to_the_row_engine()
    {
        await using var driver = await Build();
        // an earlier hop's relationship tested above a later hop (the row engine tests it only where the later hop exists),
        // two hops' entities, a relationship and the far node of the same hop, no hop at all, an earlier hop read later,
        // a random conjunct, a pattern in the conjunct
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (b:E) WITH b MATCH (b)-[:CR]->(c:C)<-[r:EN]-(a)-[:EN]->(d) WHERE r.w = 1 RETURN d.id, count(*)"));
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (a:E)-[r:EN]->(c)<-[s:EN]-(b) WHERE s.w > r.w RETURN b.id, count(*)"));
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (a:E)-[r:EN]->(c)<-[s:EN]-(b) WHERE s.w > b.v RETURN b.id, count(*)"));
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (a:E)-[:EN]->(c)<-[:EN]-(b) WHERE $flag RETURN b.id, count(*)"));
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (a:E)-[:EN]->(c)<-[:EN]-(b) WHERE c.id > b.id RETURN b.id, count(*)"));
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (a:E)-[:EN]->(c)<-[:EN]-(b) WHERE b.v > rand() RETURN b.id, count(*)"));
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (a:E)-[:EN]->(c)<-[:EN]-(b) WHERE (b)-[:CR]->() RETURN b.id, count(*)"));
        // a relationship bound before the chain that a hop must differ from
        Assert.DoesNotContain("ChainCount", driver.Explain("MATCH (a:E)-[r:EN]->(c) WITH a, r, c MATCH (a)-[r]->(c)<-[:EN]-(b) RETURN b.id, count(*)"));
    }

    [Fact]
    public async Task A_write_after_a_filtered_chain_keeps_the_answer()
    {
        await using var driver = await Build();
        const string write = "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id WITH b, count(*) AS n SET b.n = n RETURN b.id AS k, n";
        const string plain = "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id WITH b WITH b, count(*) AS n RETURN b.id AS k, n";
        Assert.False(driver.Compile(write).Root.Descendants().OfType<ChainCountOp>().Single().RememberReads);
        var expected = RowTexts.InOrder(await driver.Run(plain));
        Assert.Equal(expected, RowTexts.InOrder(await driver.Run(write)));
        Assert.Equal(expected.Order(), RowTexts.InOrder(await driver.Run("MATCH (b) WHERE b.n IS NOT NULL RETURN b.id AS k, b.n AS n")).Order());
    }

    [Fact]
    public async Task Explain_and_profile_show_the_fused_conjunct()
    {
        await using var driver = await Build();
        const string query = "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id RETURN b.id AS ally, count(*) AS shared";
        var plan = (await driver.Run("EXPLAIN " + query)).Summary.Plan!;
        var chain = Flatten(plan).Single(p => p.OperatorType == "ChainCount");
        Assert.Contains("WHERE b.id <> a.id", (string)chain.Arguments["Details"]!);
        Assert.DoesNotContain(Flatten(plan), p => p.OperatorType == "Filter");
        var profiled = (await driver.Run("PROFILE " + query)).Summary.Plan!;
        Assert.Equal(RowTexts.InOrder(await driver.Run(query)).Count, Flatten(profiled).Single(p => p.OperatorType == "ChainCount").Rows);
    }
}
