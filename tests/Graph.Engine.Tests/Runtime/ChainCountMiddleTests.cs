using Graph.Client;
using Graph.Engine.Execution;
using static Graph.Engine.Tests.Runtime.PlanTree;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// ChainCount counted from an inner node of the chain (the middle start): the middle label's nodes scanned in id order,
/// each one's groups the product of its left side (walked back to the start's label) and its right side. The groups
/// come out in another order than the row engine's, so each fused query is compared as a set of rows with its
/// row-by-row form (a WITH between the MATCH and the aggregation keeps the planner from fusing them).
/// </summary>
public class ChainCountMiddleTests
{
    private const string Middle = "from the middle";

    /// <summary>
    /// A fictional debate where each expert takes about five stances, so the walk from the four paradigms reaches each
    /// expert ~6 times and the planner starts in the middle. Paradigm keys 1 and 1.0, NULL and a list; claims with equal
    /// ids, aligned twice to one paradigm (parallel) or to a node without the label; experts with no institution, two,
    /// one through parallel relationships, a node without the label, and one expert with ten (more right groups than
    /// are walked one by one); a node that is expert, claim and paradigm at once with a self-loop of each type.
    /// </summary>
    private static async Task<EmbeddedDriver> Build()
    {
        var driver = Engine.New();
        await driver.Run("UNWIND range(0, 3) AS k CREATE (:S {id: k, v: [1, 1.0, null, [1, 2]][k]})");
        await driver.Run("CREATE (:X {id: 'x'}), (:Y {id: 'y'})");
        await driver.Run("UNWIND range(0, 19) AS k CREATE (:C {n: k, id: k % 7})");
        await driver.Run("UNWIND range(0, 39) AS k CREATE (:E {id: k, g: [k % 3, 'g', null][k % 4 % 3]})");
        await driver.Run("UNWIND range(0, 5) AS k CREATE (:I {n: k, id: CASE WHEN k = 5 THEN null ELSE k % 4 END})");
        await driver.Run("MATCH (c:C), (s:S) WHERE s.id = c.n % 4 CREATE (c)-[:T {sign: [1, -1, 1.0, null][c.n % 4]}]->(s)");
        await driver.Run("MATCH (c:C)-[t:T]->(s) WHERE c.n % 5 = 0 CREATE (c)-[:T {sign: t.sign}]->(s)");
        await driver.Run("MATCH (c:C), (x:X) WHERE c.n % 3 = 0 CREATE (c)-[:T {sign: 1}]->(x)");
        await driver.Run("MATCH (c:C), (s:S {id: 3}) WHERE c.n % 6 = 1 CREATE (c)-[:T {sign: 2}]->(s)");
        await driver.Run("MATCH (e:E), (c:C) WHERE ((c.n - e.id * 3) % 20 + 20) % 20 IN [0, 1, 2, 5, 9] AND (c.n + e.id) % 3 = 0 CREATE (e)-[:A]->(c)");
        await driver.Run("MATCH (e:E), (c:C) WHERE ((c.n - e.id * 3) % 20 + 20) % 20 IN [0, 1, 2, 5, 9] AND (c.n + e.id) % 3 <> 0 CREATE (e)-[:B]->(c)");
        await driver.Run("MATCH (e:E)-[r:A|B]->(c:C) WHERE e.id % 4 = 0 AND c.n = (e.id * 3) % 20 CREATE (e)-[:A]->(c)");
        await driver.Run("MATCH (e:E), (i:I) WHERE i.n = e.id % 7 CREATE (e)-[:W]->(i)");
        await driver.Run("MATCH (e:E), (i:I) WHERE e.id % 10 = 1 AND i.n = 2 CREATE (e)-[:W]->(i)");
        await driver.Run("MATCH (e:E), (y:Y) WHERE e.id % 5 = 0 CREATE (e)-[:W]->(y)");
        await driver.Run("MATCH (e:E {id: 7}), (i:I) CREATE (e)-[:W]->(i), (e)-[:W]->(i)");
        await driver.Run("CREATE (b:E:C:S {id: 'both', n: 3, v: 'all', g: 1}) CREATE (b)-[:A]->(b), (b)-[:T {sign: 1}]->(b), (b)-[:W]->(b)");
        await driver.Run("MATCH (b:E {id: 'both'}), (c:C {n: 3}), (i:I {n: 0}) CREATE (b)-[:B]->(c), (b)-[:W]->(i)");
        return driver;
    }

    /// <summary>The fused query and its row-by-row form.</summary>
    public static TheoryData<string, string> Pairs => new()
    {
        // the stances shape: keys on the right's far node, the left's relationships and the start node
        {
            "MATCH (i:I)<-[:W]-(:E)-[r:A|B]->(:C)-[a:T]->(p:S) RETURN i.id AS i, p.id AS p, type(r) AS t, a.sign AS s, count(*) AS n",
            "MATCH (i:I)<-[:W]-(:E)-[r:A|B]->(:C)-[a:T]->(p:S) WITH i, p, r, a RETURN i.id AS i, p.id AS p, type(r) AS t, a.sign AS s, count(*) AS n"
        },
        // keys 1 and 1.0, NULL and lists on the start node; the middle node's own property; no label on the right's end
        {
            "MATCH (i)<-[:W]-(e:E)-[:A|B]->(:C)-[:T]->(p:S) RETURN p.v AS v, e.g AS g, count(*) AS n",
            "MATCH (i)<-[:W]-(e:E)-[:A|B]->(:C)-[:T]->(p:S) WITH p, e RETURN p.v AS v, e.g AS g, count(*) AS n"
        },
        // entities as keys: the middle node, a relationship of each side
        {
            "MATCH (i:I)<-[w:W]-(e:E)-[r:A|B]->(:C)-[:T]->(p:S) RETURN e AS e, w AS w, r AS r, count(*) AS n",
            "MATCH (i:I)<-[w:W]-(e:E)-[r:A|B]->(:C)-[:T]->(p:S) WITH e, w, r RETURN e AS e, w AS w, r AS r, count(*) AS n"
        },
        // no keys; a key on the right's far node only; a key on the left's inner node only
        { "MATCH (i:I)<-[:W]-(:E)-[:A|B]->(:C)-[:T]->(p:S) RETURN count(*) AS n", "MATCH (i:I)<-[:W]-(:E)-[:A|B]->(:C)-[:T]->(p:S) WITH i RETURN count(*) AS n" },
        { "MATCH (i:I)<-[:W]-(:E)-[:A|B]->(:C)-[:T]->(p:S) RETURN i.id AS k, count(*) AS n", "MATCH (i:I)<-[:W]-(:E)-[:A|B]->(:C)-[:T]->(p:S) WITH i RETURN i.id AS k, count(*) AS n" },
        {
            "MATCH (i:I)<-[:W]-(:E)-[:A|B]->(c:C)-[:T]->(p:S) RETURN c.id AS k, count(*) AS n",
            "MATCH (i:I)<-[:W]-(:E)-[:A|B]->(c:C)-[:T]->(p:S) WITH c RETURN c.id AS k, count(*) AS n"
        },
        // hops of the left side sharing a type (relationship uniqueness within the side, the self-loops of 'both')
        {
            "MATCH (i)<-[:W]-(e:E)-[r:A|B|T]->(:C)-[:T]->(p:S) RETURN e.id AS e, type(r) AS t, count(*) AS n",
            "MATCH (i)<-[:W]-(e:E)-[r:A|B|T]->(:C)-[:T]->(p:S) WITH e, r RETURN e.id AS e, type(r) AS t, count(*) AS n"
        },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_chain_counted_from_the_middle_returns_the_row_by_row_groups(string fused, string rowByRow)
    {
        await using var driver = await Build();
        Assert.Contains(Middle, driver.Explain(fused));
        Assert.DoesNotContain("ChainCount", driver.Explain(rowByRow));
        var expected = RowTexts.Sorted(await driver.Run(rowByRow));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run(fused)));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_chain_counted_from_the_middle_sees_the_uncommitted_writes_of_its_transaction(string fused, string rowByRow)
    {
        await using var driver = await Build();
        Assert.Contains(Middle, driver.Explain(fused));
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        // a new expert with stances and an institution, a deleted stance, a detached claim, a removed middle label, a deleted
        // expert, a changed key
        await tx.RunAsync("MATCH (c:C {n: 4}), (i:I {n: 1}) CREATE (:E {id: 'new', g: 1.0})-[:W]->(i), (c)<-[:A]-(:E {id: 'new2'})-[:B]->(c)");
        await tx.RunAsync("MATCH (:E {id: 3})-[r:A|B]->(:C {n: 9}) DELETE r");
        await tx.RunAsync("MATCH (c:C {n: 11}) DETACH DELETE c");
        await tx.RunAsync("MATCH (e:E {id: 12}) REMOVE e:E");
        await tx.RunAsync("MATCH (e:E {id: 13}) DETACH DELETE e");
        await tx.RunAsync("MATCH (p:S {id: 2}) SET p.v = 1, p.id = 1.0");
        var expected = RowTexts.Sorted(await tx.RunAsync(rowByRow));
        Assert.Equal(expected, RowTexts.Sorted(await tx.RunAsync(fused)));
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task A_chain_the_middle_start_would_change_is_counted_from_its_end()
    {
        await using var driver = await Build();
        foreach (var (query, plain) in new[]
                 {
                     // a hop on the right sharing a type with one on the left: uniqueness across the split
                     ("MATCH (i)<-[:A|W]-(:E)-[r:A|B]->(:C)-[:T]->(p:S) RETURN i.id AS i, type(r) AS t, count(*) AS n",
                      "MATCH (i)<-[:A|W]-(:E)-[r:A|B]->(:C)-[:T]->(p:S) WITH i, r RETURN i.id AS i, type(r) AS t, count(*) AS n"),
                     // a key that can fail on an entity on no path (the row engine never evaluates it there)
                     ("MATCH (i:I)<-[:W]-(:E)-[:A|B]->(:C)-[:T]->(p:S) RETURN i.n * 2 AS k, count(*) AS n",
                      "MATCH (i:I)<-[:W]-(:E)-[:A|B]->(:C)-[:T]->(p:S) WITH i RETURN i.n * 2 AS k, count(*) AS n"),
                     // a WHERE conjunct on a hop
                     ("MATCH (i:I)<-[:W]-(e:E)-[:A|B]->(:C)-[:T]->(p:S) WHERE i.n > 0 RETURN i.id AS k, count(*) AS n",
                      "MATCH (i:I)<-[:W]-(e:E)-[:A|B]->(:C)-[:T]->(p:S) WHERE i.n > 0 WITH i RETURN i.id AS k, count(*) AS n"),
                 })
        {
            Assert.True(driver.Explain(query).Contains("ChainCount"), query);
            Assert.DoesNotContain(Middle, driver.Explain(query));
            Assert.Equal(RowTexts.Sorted(await driver.Run(plain)), RowTexts.Sorted(await driver.Run(query)));
        }
        // a start of one node, a subquery run per outer row: from the end
        Assert.DoesNotContain(Middle, driver.Explain("MATCH (p:S {id: 0}) MATCH (i:I)<-[:W]-(:E)-[:A|B]->(:C)-[:T]->(p) RETURN i.id, count(*)"));
        Assert.DoesNotContain(Middle, driver.Explain("MATCH (x:X) CALL { MATCH (i:I)<-[:W]-(:E)-[:A|B]->(:C)-[:T]->(p:S) RETURN i.id AS k, count(*) AS n } RETURN x.id, k, n"));
    }

    /// <summary>
    /// A key that fails on one entity (a string institution id times 2) that lies on no path: its expert takes no stance,
    /// so the row engine never evaluates it; the chain is counted from its end (such keys are not evaluated from the
    /// middle) and gives the row engine's answer, no error.
    /// </summary>
    [Fact]
    public async Task A_key_that_fails_off_every_path_raises_no_error()
    {
        await using var driver = await Build();
        await driver.Run("CREATE (:E {id: 'idle'})-[:W]->(:I {n: 'bad', id: 'bad'})");
        const string query = "MATCH (i:I)<-[:W]-(:E)-[:A|B]->(:C)-[:T]->(p:S) RETURN i.n * 2 AS k, count(*) AS n";
        const string plain = "MATCH (i:I)<-[:W]-(:E)-[:A|B]->(:C)-[:T]->(p:S) WITH i RETURN i.n * 2 AS k, count(*) AS n";
        Assert.Equal(RowTexts.Sorted(await driver.Run(plain)), RowTexts.Sorted(await driver.Run(query)));
        Assert.Contains(Middle, driver.Explain("MATCH (i:I)<-[:W]-(:E)-[:A|B]->(:C)-[:T]->(p:S) RETURN i.n AS k, count(*) AS n"));
    }

    [Fact]
    public async Task Explain_and_profile_name_the_middle_start()
    {
        await using var driver = await Build();
        const string query = "MATCH (i:I)<-[:W]-(e:E)-[r:A|B]->(:C)-[a:T]->(p:S) RETURN i.id AS i, p.id AS p, type(r) AS t, count(*) AS n";
        var plan = (await driver.Run("EXPLAIN " + query)).Summary.Plan!;
        var chain = Flatten(plan).Single(p => p.OperatorType == "ChainCount");
        Assert.Contains("from the middle: NodeByLabelScan(e:E), 2 hops back to the start's :S, 1 on", (string)chain.Arguments["Details"]!);
        var profiled = (await driver.Run("PROFILE " + query)).Summary.Plan!;
        var counted = Flatten(profiled).Single(p => p.OperatorType == "ChainCount");
        Assert.Equal(RowTexts.InOrder(await driver.Run(query)).Count, counted.Rows);
        // nothing beneath it but the argument (not shown): the chain scans the middle label itself
        Assert.Empty(counted.Children);
    }

    [Fact]
    public async Task A_memory_limit_stops_a_chain_counted_from_the_middle()
    {
        await using var driver = EmbeddedDriver.InMemory(new EngineOptions { QueryMemoryLimit = 512 * 1024, SyncOnCommit = false });
        await driver.Run("UNWIND range(0, 1) AS k CREATE (:S {id: k})");
        await driver.Run("UNWIND range(0, 49) AS k MATCH (s:S) CREATE (:C {n: k})-[:T]->(s)");
        for (var batch = 0; batch < 40; batch++)
            await driver.Run("UNWIND range($from, $from + 99) AS k CREATE (e:E {id: k})-[:W]->(:I {id: k}) WITH e, k MATCH (c:C) WHERE (c.n - k) % 10 = 0 CREATE (e)-[:A]->(c)",
                new { from = batch * 100 });
        const string fused = "MATCH (i:I)<-[:W]-(:E)-[:A]->(:C)-[:T]->(p:S) RETURN i.id AS i, p.id AS p, count(*) AS n";
        Assert.Contains(Middle, driver.Explain(fused));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => driver.Run(fused));
        Assert.Contains("QueryMemoryLimit", error.Message);
        Assert.Equal(["40000"], RowTexts.InOrder(await driver.Run("MATCH (i:I)<-[:W]-(:E)-[:A]->(:C)-[:T]->(p:S) RETURN count(*) AS n")));
    }
}
