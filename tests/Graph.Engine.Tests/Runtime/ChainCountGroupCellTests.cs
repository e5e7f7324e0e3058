using Graph.Client;
using static Graph.Engine.Tests.Runtime.PlanTree;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// ChainCount's remembered groups merged into the dense group cells by parts of their cell numbers
/// (<c>TupleCounts.PackedCellPart</c>), a remembered node merged without walking it again, and the relationships of a last
/// hop whose keys read them tabled at a node's first visit. Each fused query is compared with its row-by-row form (a
/// WITH between the MATCH and the aggregation keeps the planner from fusing them).
/// </summary>
public class ChainCountGroupCellTests
{
    /// <summary>
    /// Claims aligned to three paradigms each with signs of many values (each claim's remembered table brings ids the
    /// groups have no cell for yet, so a merge lays the cells out again halfway through a table), experts with keys of
    /// many values reaching several claims each, a claim-like node without the label reached as often, parallel
    /// stances, NULL and 1 vs 1.0 among the signs, a self-loop on a node that is expert and claim.
    /// </summary>
    private static async Task<EmbeddedDriver> Build()
    {
        var driver = Engine.New();
        await driver.Run("UNWIND range(0, 3) AS k CREATE (:P {id: k})");
        await driver.Run("UNWIND range(0, 29) AS k CREATE (:C {n: k})");
        await driver.Run("CREATE (:Fake {n: 99})");
        await driver.Run("MATCH (c:C), (p:P) WHERE (c.n + p.id) % 4 <> 0 CREATE (c)-[:T {sign: CASE c.n % 9 WHEN 0 THEN null WHEN 1 THEN 1.0 ELSE c.n * 4 + p.id END}]->(p)");
        await driver.Run("MATCH (f:Fake), (p:P) CREATE (f)-[:T {sign: 7}]->(p)");
        await driver.Run("UNWIND range(0, 59) AS k CREATE (:E {k: k, g: k % 5})");
        await driver.Run("MATCH (e:E), (c:C) WHERE (e.k * 7 + c.n) % 6 = 0 CREATE (e)-[:A]->(c)");
        await driver.Run("MATCH (e:E), (c:C) WHERE (e.k + c.n) % 11 = 0 CREATE (e)-[:B]->(c)");
        await driver.Run("MATCH (e:E), (f:Fake) WHERE e.k % 2 = 0 CREATE (e)-[:A]->(f)");
        await driver.Run("MATCH (e:E {k: 3}), (c:C {n: 3}) CREATE (e)-[:A]->(c), (e)-[:A]->(c)");
        await driver.Run("UNWIND range(0, 19) AS k CREATE (:I {id: k})");
        await driver.Run("MATCH (e:E), (i:I) WHERE i.id = e.k % 20 CREATE (e)-[:W]->(i)");
        await driver.Run("CREATE (b:E:C {k: 'both', n: 100, g: 1}) CREATE (b)-[:A]->(b), (b)-[:T {sign: 3}]->(b)");
        await driver.Run("MATCH (b:E {k: 'both'}), (p:P {id: 1}) CREATE (b)-[:T {sign: 2}]->(p)");
        return driver;
    }

    /// <summary>The fused query and its row-by-row form.</summary>
    public static TheoryData<string, string> Pairs => new()
    {
        // the start's key more significant than the signs: a merge that grows the signs' radix moves its part
        {
            "MATCH (e:E)-[:A]->(c:C)-[t:T]->(p:P) RETURN t.sign AS s, e.k AS e, count(*) AS n",
            "MATCH (e:E)-[:A]->(c:C)-[t:T]->(p:P) WITH t, e RETURN t.sign AS s, e.k AS e, count(*) AS n"
        },
        {
            "MATCH (e:E)-[r:A|B]->(c:C)-[t:T]->(p:P) RETURN p.id AS p, t.sign AS s, type(r) AS r, e.g AS g, count(*) AS n",
            "MATCH (e:E)-[r:A|B]->(c:C)-[t:T]->(p:P) WITH p, t, r, e RETURN p.id AS p, t.sign AS s, type(r) AS r, e.g AS g, count(*) AS n"
        },
        // a single remembered group per claim (one key of the last hop's far node)
        {
            "MATCH (e:E)-[r:A|B]->(c:C)-[:T]->(p:P) RETURN p.id AS p, e.k AS e, type(r) AS r, count(*) AS n",
            "MATCH (e:E)-[r:A|B]->(c:C)-[:T]->(p:P) WITH p, e, r RETURN p.id AS p, e.k AS e, type(r) AS r, count(*) AS n"
        },
        // the stances shape: the claims' tables merged under the institutions' prefixes (from whichever start the planner takes)
        {
            "MATCH (i:I)<-[:W]-(:E)-[r:A|B]->(:C)-[a:T]->(p:P) RETURN i.id AS i, p.id AS p, type(r) AS t, a.sign AS s, count(*) AS n",
            "MATCH (i:I)<-[:W]-(:E)-[r:A|B]->(:C)-[a:T]->(p:P) WITH i, p, r, a RETURN i.id AS i, p.id AS p, type(r) AS t, a.sign AS s, count(*) AS n"
        },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Remembered_groups_merged_by_cell_parts_are_the_row_by_row_groups(string fused, string rowByRow)
    {
        await using var driver = await Build();
        Assert.Contains("ChainCount", driver.Explain(fused));
        Assert.DoesNotContain("ChainCount", driver.Explain(rowByRow));
        var expected = RowTexts.Sorted(await driver.Run(rowByRow));
        Assert.True(expected.Count > 100, $"{expected.Count} groups");
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run(fused)));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Remembered_groups_see_the_uncommitted_writes_of_their_transaction(string fused, string rowByRow)
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        // a claim loses its label (reached as often as before), a new alignment, a deleted stance
        await tx.RunAsync("MATCH (c:C {n: 6}) REMOVE c:C");
        await tx.RunAsync("MATCH (c:C {n: 12}), (p:P {id: 0}) CREATE (c)-[:T {sign: 1000}]->(p)");
        await tx.RunAsync("MATCH (:E {k: 0})-[r:A]->(:C {n: 0}) DELETE r");
        var expected = RowTexts.Sorted(await tx.RunAsync(rowByRow));
        Assert.Equal(expected, RowTexts.Sorted(await tx.RunAsync(fused)));
        await tx.RollbackAsync();
    }

    /// <summary>
    /// Each claim's first alignment brings a sign no group has yet (the cells are laid out again: the experts' key,
    /// more significant, moves to another stride) and its next ones signs every expert group has: a part of the prefix
    /// worked out before the layout changed would land those paths in another group's cell.
    /// </summary>
    [Fact]
    public async Task A_merge_that_lays_the_cells_out_again_keeps_the_next_paths_in_their_groups()
    {
        await using var driver = Engine.New();
        // paradigms and claims on no path: the experts are the rarest label, the chain's start
        await driver.Run("UNWIND range(0, 199) AS k CREATE (:P {id: k}), (:C {n: 1000 + k})");
        await driver.Run("UNWIND range(0, 39) AS k MATCH (p:P {id: 0}) CREATE (:C {n: k})-[:T {sign: 100 + k}]->(p)");
        await driver.Run("MATCH (c:C), (p:P) WHERE p.id IN [1, 2, 3] CREATE (c)-[:T {sign: p.id}]->(p)");
        await driver.Run("UNWIND range(0, 79) AS k CREATE (:E {k: k, g: k % 5})");
        // the first ten experts (every g) reach claim 0 and its common signs; expert k reaches claim k / 2 besides, so
        // each other claim is first reached by an expert whose g makes a prefix (and few times: the end start is kept)
        await driver.Run("MATCH (e:E), (c:C) WHERE c.n = e.k / 2 OR (c.n = 0 AND e.k < 10) CREATE (e)-[:A]->(c)");
        const string fused = "MATCH (e:E)-[:A]->(c:C)-[t:T]->(p:P) RETURN t.sign AS s, e.g AS g, count(*) AS n";
        Assert.Contains("ChainCount((e)-[:A]->", driver.Explain(fused));
        var expected = RowTexts.Sorted(await driver.Run("MATCH (e:E)-[:A]->(c:C)-[t:T]->(p:P) WITH t, e RETURN t.sign AS s, e.g AS g, count(*) AS n"));
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run(fused)));
    }

    /// <summary>
    /// A claim's relationships are read once whether the last hop's keys read the relationships (a.sign) or only their
    /// ids (type): the first visit of a node with a few of them makes its table at once. Measured as the PROFILE's store
    /// reads added by one more expert reaching the one claim: the second expert's visit must cost what the third's does.
    /// </summary>
    [Theory]
    [InlineData("t.sign")]
    [InlineData("type(t)")]
    public async Task A_last_hop_reading_relationships_reads_a_node_once(string key)
    {
        var added = new List<long>();
        long? previous = null;
        for (var experts = 1; experts <= 3; experts++)
        {
            await using var driver = Engine.New();
            await driver.Run("CREATE (c:C {n: 0})-[:T {sign: 1}]->(:P), (c)-[:T {sign: -1}]->(:P)");
            // claims and paradigms on no path: the experts stay the rarest label, the chain's start
            await driver.Run("UNWIND range(1, 9) AS k CREATE (:C {n: k}), (:P)");
            await driver.Run("MATCH (c:C {n: 0}) UNWIND range(1, $n) AS k CREATE (:E {k: k})-[:A]->(c)", new { n = experts });
            var plan = (await driver.Run($"PROFILE MATCH (:E)-[:A]->(:C)-[t:T]->(:P) RETURN {key} AS k, count(*) AS n")).Summary.Plan!;
            var hits = Flatten(plan).Sum(p => p.DbHits ?? 0);
            Assert.Contains(Flatten(plan), p => p.OperatorType == "ChainCount" && ((string)p.Arguments["Details"]!).StartsWith("(anon)-[:A]->"));
            if (previous is { } before) added.Add(hits - before);
            previous = hits;
        }
        Assert.Equal(added[1], added[0]);
    }
}
