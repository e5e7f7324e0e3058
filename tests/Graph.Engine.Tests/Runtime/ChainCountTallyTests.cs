using Graph.Client;
using Graph.Engine.Execution;
using Graph.Engine.Runtime;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// ChainCount's last hop counted per far node (<see cref="NodeTally"/>) when the groups and the WHERE conjuncts read
/// only that node and the start row: each fused query is compared with its row-by-row form (a WITH between the MATCH
/// and the aggregation keeps the planner from fusing them), same rows, same order, on data with more than a hundred
/// far nodes per start row (the prefetched flush, the tally's full and partial clearing).
/// </summary>
public class ChainCountTallyTests
{
    /// <summary>
    /// 130 experts: ids i % 97 (ids 0 to 32 on two experts each), v NULL, 1.0, 1 or 2 (equal values on many
    /// experts, 1 and 1.0 on different ones), tags a list; every eleventh without the E label. 30 claims. Expert i
    /// endorses i % 6 + 1 claims, the first of them twice when i % 4 = 0 (parallel), claim 0 endorses itself (a
    /// self-loop) and expert 7 endorses expert 8.
    /// </summary>
    private static async Task<EmbeddedDriver> Build()
    {
        var driver = Engine.New();
        await driver.Run("UNWIND range(0, 29) AS j CREATE (:C {id: j})");
        await driver.Run(
            "UNWIND range(0, 129) AS i CREATE (e:E {n: i, id: i % 97, v: CASE WHEN i % 5 = 0 THEN null WHEN i % 7 = 0 THEN 1.0 ELSE i % 3 END, tags: [i % 2]}) " +
            "WITH e, i UNWIND range(1, i % 6 + 1) AS k MATCH (c:C {id: (i * k + k * k) % 30}) CREATE (e)-[:EN {k: k}]->(c)");
        await driver.Run("MATCH (e:E)-[r:EN {k: 1}]->(c) WHERE e.n % 4 = 0 CREATE (e)-[:EN {k: 0}]->(c)");
        await driver.Run("MATCH (c:C {id: 0}) CREATE (c)-[:EN {k: 9}]->(c)");
        await driver.Run("MATCH (a:E {n: 7}), (b:E {n: 8}) CREATE (a)-[:EN {k: 9}]->(b)");
        await driver.Run("MATCH (e:E) WHERE e.n % 11 = 0 REMOVE e:E");
        return driver;
    }

    /// <summary>The fused query and its row-by-row form.</summary>
    public static TheoryData<string, string> Pairs => new()
    {
        // the top-10 allies shape; id 3 is on two experts, so two start rows, each flushed on its own
        {
            "MATCH (a:E {id: 3})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 10",
            "MATCH (a:E {id: 3})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 10"
        },
        {
            "MATCH (a:E {id: 3})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id RETURN b.id AS ally, count(*) AS shared",
            "MATCH (a:E {id: 3})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id WITH a, b RETURN b.id AS ally, count(*) AS shared"
        },
        // keys equal on different nodes (one group), NULL, 1 and 1.0 (merged into the first to appear), lists, nodes
        {
            "MATCH (a:E {id: 5})-[:EN]->(:C)<-[:EN]-(b:E) RETURN b.v AS v, count(*) AS n",
            "MATCH (a:E {id: 5})-[:EN]->(:C)<-[:EN]-(b:E) WITH b RETURN b.v AS v, count(*) AS n"
        },
        {
            "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) RETURN b.tags AS t, count(*) AS n",
            "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WITH b RETURN b.tags AS t, count(*) AS n"
        },
        {
            "MATCH (a:E {id: 12})-[:EN]->(:C)<-[:EN]-(b) RETURN b AS node, count(*) AS n",
            "MATCH (a:E {id: 12})-[:EN]->(:C)<-[:EN]-(b) WITH b RETURN b AS node, count(*) AS n"
        },
        // every start row into one flush at the end (no start key, a conjunct on the far node alone), far nodes without
        // the label, the self-loop claim reaching itself (the WITH keeps the planner from starting at the claims)
        {
            "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b) WHERE b.v IS NOT NULL OR b.id = 0 RETURN b.id AS k, count(*) AS n",
            "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b) WHERE b.v IS NOT NULL OR b.id = 0 WITH b RETURN b.id AS k, count(*) AS n"
        },
        {
            "MATCH (a)-[:EN]->(c)<-[:EN]-(b) RETURN b.n AS k, count(*) AS n",
            "MATCH (a)-[:EN]->(c)<-[:EN]-(b) WITH b RETURN b.n AS k, count(*) AS n"
        },
        // a start key with the far node's key: flushed per start row
        {
            "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) RETURN a.v AS av, b.id AS k, count(*) AS n",
            "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WITH a, b RETURN a.v AS av, b.id AS k, count(*) AS n"
        },
        // no key, a conjunct on the far node and the start row
        {
            "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.n > a.n RETURN count(*) AS n",
            "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.n > a.n WITH a, b RETURN count(*) AS n"
        },
        // three hops of one type (each differs from both before it)
        {
            "MATCH (a:E {id: 4})-[:EN]->(:C)<-[:EN]-(m:E)-[:EN]->(d) RETURN d.id AS k, count(*) AS n",
            "MATCH (a:E {id: 4})-[:EN]->(:C)<-[:EN]-(m:E)-[:EN]->(d) WITH d RETURN d.id AS k, count(*) AS n"
        },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_tallied_last_hop_returns_the_rows_of_the_row_by_row_plan(string fused, string rowByRow)
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
    public async Task A_tallied_last_hop_sees_the_uncommitted_writes_of_its_transaction(string fused, string rowByRow)
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        // new experts and endorsements, a deleted endorsement, a deleted expert, a removed label, changed ids and v
        await tx.RunAsync("UNWIND range(200, 219) AS i MATCH (c:C) WHERE c.id % 7 = i % 7 CREATE (:E {n: i, id: i % 4, v: 2})-[:EN]->(c)");
        await tx.RunAsync("MATCH (:E {n: 3})-[r:EN {k: 1}]->() DELETE r");
        await tx.RunAsync("MATCH (e:E {n: 12}) DETACH DELETE e");
        await tx.RunAsync("MATCH (e:E) WHERE e.n % 9 = 1 REMOVE e:E SET e.id = 3");
        await tx.RunAsync("MATCH (e:E) WHERE e.n % 13 = 2 SET e.v = 1.0, e.id = 5");
        var expected = RowTexts.InOrder(await tx.RunAsync(rowByRow));
        Assert.Equal(expected, RowTexts.InOrder(await tx.RunAsync(fused)));
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task Statements_that_reuse_a_kept_tally_answer_as_the_first()
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var expected = new List<List<string>>();
        foreach (var (fused, _) in PairsOf()) expected.Add(RowTexts.InOrder(await session.RunAsync(fused)));
        // again, in reverse: each statement takes the tally the one before returned (larger or smaller)
        var pairs = PairsOf().ToList();
        for (var i = pairs.Count - 1; i >= 0; i--) Assert.Equal(expected[i], RowTexts.InOrder(await session.RunAsync(pairs[i].Fused)));
    }

    [Fact]
    public void A_tally_counts_per_node_in_the_order_the_nodes_came_and_clears_for_reuse()
    {
        var tracker = new MemoryTracker(0);
        using var account = tracker.Open("test");
        var tally = NodeTally.Rent(account);
        // ids that share buckets (multiples of a power of two) and many more than the first table holds
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 300; i++) tally.Add(i * 1024L, 1);
            for (var i = 299; i >= 0; i -= 3) tally.Add(i * 1024L, 2);
            Assert.Equal(300, tally.Count);
            for (var i = 0; i < 300; i++)
            {
                Assert.Equal(i * 1024L, tally.NodeAt(i));
                Assert.Equal(i % 3 == 299 % 3 ? 3 : 1, tally.CountAt(i));
            }
            tally.Clear();
            Assert.Equal(0, tally.Count);
            // a few entries in the grown table: cleared entry by entry, the others still absent
            tally.Add(5, 1);
            tally.Add(5 + 1024L * 1024, 4);
            tally.Add(5, 1);
            Assert.Equal([5L, 5 + 1024L * 1024], [tally.NodeAt(0), tally.NodeAt(1)]);
            Assert.Equal([2L, 4L], [tally.CountAt(0), tally.CountAt(1)]);
            tally.Clear();
            tally.Add(5 + 1024L * 1024, 1);
            Assert.Equal(1, tally.Count);
            Assert.Equal(1, tally.CountAt(0));
            tally.Clear();
        }
        Assert.True(tracker.Used > 0);
        tally.Return();
        // the thread's next tally is the returned one, empty, and counts against the next statement's limit only what it
        // holds (not the arrays the statement before grew)
        var next = new MemoryTracker(0);
        using var nextAccount = next.Open("next");
        var again = NodeTally.Rent(nextAccount);
        Assert.Same(tally, again);
        Assert.True(again.Capacity >= 300);
        Assert.Equal(0, again.Count);
        Assert.Equal(0, next.Used);
        again.Add(7, 1);
        Assert.Equal(7, again.NodeAt(0));
        Assert.InRange(next.Used, 1, 16 * 24);
    }

    [Fact]
    public async Task Explain_shows_the_chain_and_the_top_above_it()
    {
        await using var driver = await Build();
        var plan = driver.Explain("MATCH (a:E {id: 3})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 10");
        Assert.Contains("Top(", plan);
        Assert.Contains("ChainCount((a)-[:EN]->(anon) checking :C, (anon)<-[:EN]-(b) checking :E WHERE b.id <> a.id; b.id AS ally, count(*) AS shared; properties read in batches; rows for the top largest counts)", plan);
    }

    private static IEnumerable<(string Fused, string RowByRow)> PairsOf()
    {
        foreach (var row in Pairs) yield return ((string)row[0], (string)row[1]);
    }
}
