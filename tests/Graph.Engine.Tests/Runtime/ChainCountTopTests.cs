using Graph.Client;
using Graph.Engine.Execution;
using static Graph.Engine.Tests.Runtime.PlanTree;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// ChainCount under an ORDER BY ... LIMIT whose first sort key is count(*) (<see cref="ChainCountTop"/>): it makes rows
/// only for the groups the sort can return. Each fused query is compared with its row-by-row form (a WITH between the
/// MATCH and the aggregation keeps the planner from fusing), same rows, same order, on data with many tied counts.
/// </summary>
public class ChainCountTopTests
{
    /// <summary>
    /// 150 experts: ids NULL (i % 10 = 0), the float i % 7 (i % 10 = 1), the integer i % 7 (i % 10 = 2; 1 and 1.0 on
    /// different experts), a list (i % 10 = 3), else the string 's' + i % 40 (on up to four experts each); w i % 3. 20
    /// claims; expert i endorses i % 5 + 1 of them, the first twice when i % 6 = 0 (parallel relationships); every
    /// thirteenth expert lacks the E label.
    /// </summary>
    private static async Task<EmbeddedDriver> Build()
    {
        var driver = Engine.New();
        await driver.Run("UNWIND range(0, 19) AS j CREATE (:C {id: j})");
        await driver.Run(
            "UNWIND range(0, 149) AS i CREATE (e:E {n: i, w: i % 3, id: CASE i % 10 WHEN 0 THEN null WHEN 1 THEN toFloat(i % 7) WHEN 2 THEN i % 7 " +
            "WHEN 3 THEN [i % 2] ELSE 's' + toString(i % 40) END}) " +
            "WITH e, i UNWIND range(1, i % 5 + 1) AS k MATCH (c:C {id: (i * k + k) % 20}) CREATE (e)-[:EN {k: k}]->(c)");
        await driver.Run("MATCH (e:E)-[r:EN {k: 1}]->(c) WHERE e.n % 6 = 0 CREATE (e)-[:EN {k: 0}]->(c)");
        await driver.Run("MATCH (e:E) WHERE e.n % 13 = 0 REMOVE e:E");
        return driver;
    }

    /// <summary>The fused query and its row-by-row form.</summary>
    public static TheoryData<string, string> Pairs => new()
    {
        // the top-10 allies shape: ties broken by the key, then by the order the groups came
        {
            "MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.n <> a.n RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 5",
            "MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.n <> a.n WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 5"
        },
        // the smallest counts first, the key descending
        {
            "MATCH (a:E {n: 9})-[:EN]->(:C)<-[:EN]-(b:E) RETURN b.id AS ally, count(*) AS shared ORDER BY shared, ally DESC LIMIT 7",
            "MATCH (a:E {n: 9})-[:EN]->(:C)<-[:EN]-(b:E) WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared, ally DESC LIMIT 7"
        },
        // count(*) itself as the sort key and no further key: the ties come in the order the groups came
        {
            "MATCH (a:E {n: 14})-[:EN]->(:C)<-[:EN]-(b:E) RETURN b.id AS ally, count(*) AS shared ORDER BY count(*) DESC LIMIT 3",
            "MATCH (a:E {n: 14})-[:EN]->(:C)<-[:EN]-(b:E) WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY count(*) DESC LIMIT 3"
        },
        // SKIP and LIMIT, LIMIT 0
        {
            "MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally SKIP 2 LIMIT 4",
            "MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally SKIP 2 LIMIT 4"
        },
        {
            "MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 0",
            "MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 0"
        },
        // many start rows into one flush: large counts, NULL, 1 and 1.0 merged, lists, strings of several experts
        {
            "MATCH (a:E) WHERE a.n < 60 WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) RETURN b.id AS k, count(*) AS n ORDER BY n DESC, k LIMIT 6",
            "MATCH (a:E) WHERE a.n < 60 WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WITH b RETURN b.id AS k, count(*) AS n ORDER BY n DESC, k LIMIT 6"
        },
        {
            "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) RETURN b.id AS k, count(*) AS n ORDER BY n, k LIMIT 4",
            "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WITH b RETURN b.id AS k, count(*) AS n ORDER BY n, k LIMIT 4"
        },
        // two keys of the far node as further sort keys, one descending
        {
            "MATCH (a:E) WHERE a.n < 50 WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) RETURN b.w AS w, b.id AS k, count(*) AS n ORDER BY n DESC, w, k DESC LIMIT 9",
            "MATCH (a:E) WHERE a.n < 50 WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WITH b RETURN b.w AS w, b.id AS k, count(*) AS n ORDER BY n DESC, w, k DESC LIMIT 9"
        },
        // a further sort key that is no grouping key (every group tied with the last kept goes to the sort)
        {
            "MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) RETURN b.id AS k, count(*) AS n, count(*) AS m ORDER BY n DESC, m LIMIT 3",
            "MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) WITH a, b RETURN b.id AS k, count(*) AS n, count(*) AS m ORDER BY n DESC, m LIMIT 3"
        },
        // a key of the start row with the far node's: flushed per start row, the groups across them
        {
            "MATCH (a:E) WHERE a.n < 40 WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.n > a.n RETURN a.n % 3 AS g, b.id AS k, count(*) AS n ORDER BY n DESC, g, k LIMIT 8",
            "MATCH (a:E) WHERE a.n < 40 WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.n > a.n WITH a, b RETURN a.n % 3 AS g, b.id AS k, count(*) AS n ORDER BY n DESC, g, k LIMIT 8"
        },
        // fewer groups than the limit
        {
            "MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) RETURN b.w AS w, count(*) AS n ORDER BY n DESC, w LIMIT 10",
            "MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) WITH a, b RETURN b.w AS w, count(*) AS n ORDER BY n DESC, w LIMIT 10"
        },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_chain_under_a_top_by_count_returns_the_rows_of_the_row_by_row_plan(string fused, string rowByRow)
    {
        await using var driver = await Build();
        Assert.Contains("rows for the top", driver.Explain(fused));
        Assert.DoesNotContain("ChainCount", driver.Explain(rowByRow));
        var expected = RowTexts.InOrder(await driver.Run(rowByRow));
        if (!fused.EndsWith("LIMIT 0", StringComparison.Ordinal)) Assert.NotEmpty(expected);
        Assert.Equal(expected, RowTexts.InOrder(await driver.Run(fused)));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_chain_under_a_top_sees_the_uncommitted_writes_of_its_transaction(string fused, string rowByRow)
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        // new experts and endorsements, a deleted endorsement, a removed label, changed ids (duplicates, 1.0)
        await tx.RunAsync("UNWIND range(200, 219) AS i MATCH (c:C) WHERE c.id % 7 = i % 7 CREATE (:E {n: i, w: 1, id: 's' + toString(i % 4)})-[:EN]->(c)");
        await tx.RunAsync("MATCH (:E {n: 9})-[r:EN {k: 1}]->() DELETE r");
        await tx.RunAsync("MATCH (e:E) WHERE e.n % 9 = 1 REMOVE e:E SET e.id = 's3'");
        await tx.RunAsync("MATCH (e:E) WHERE e.n % 11 = 2 SET e.id = 1.0");
        var expected = RowTexts.InOrder(await tx.RunAsync(rowByRow));
        Assert.Equal(expected, RowTexts.InOrder(await tx.RunAsync(fused)));
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task A_limit_from_a_parameter_keeps_as_many_rows_as_the_row_by_row_plan()
    {
        await using var driver = await Build();
        const string fused = "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) RETURN b.id AS k, count(*) AS n ORDER BY n DESC, k LIMIT $k";
        const string rowByRow = "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WITH b RETURN b.id AS k, count(*) AS n ORDER BY n DESC, k LIMIT $k";
        foreach (var k in new long[] { 0, 1, 2, 5, 17, 1000 })
            Assert.Equal(RowTexts.InOrder(await driver.Run(rowByRow, new { k })), RowTexts.InOrder(await driver.Run(fused, new { k })));
        await Assert.ThrowsAnyAsync<Exception>(() => driver.Run(fused, new { k = -1L }));
    }

    [Fact]
    public async Task Profile_shows_rows_made_only_for_the_groups_the_sort_can_return()
    {
        await using var driver = await Build();
        const string query = "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) RETURN b.id AS k, count(*) AS n ORDER BY n DESC, k LIMIT 4";
        var groups = RowTexts.InOrder(await driver.Run("MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) RETURN b.id AS k, count(*) AS n")).Count;
        Assert.True(groups > 20);
        var profiled = (await driver.Run("PROFILE " + query)).Summary.Plan!;
        // every further sort key is a grouping key: exactly the rows returned
        Assert.Equal(4, Flatten(profiled).Single(p => p.OperatorType == "ChainCount").Rows);
    }

    [Fact]
    public async Task A_sort_not_led_by_the_count_is_not_told_to_the_chain()
    {
        await using var driver = await Build();
        var plan = driver.Explain("MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) RETURN b.id AS ally, count(*) AS shared ORDER BY ally, shared DESC LIMIT 5");
        Assert.Contains("ChainCount", plan);
        Assert.DoesNotContain("rows for the top", plan);
        // DISTINCT between the groups and the sort
        Assert.DoesNotContain("rows for the top", driver.Explain("MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) RETURN DISTINCT b.w AS w, count(*) AS n ORDER BY n DESC LIMIT 1"));
    }

    [Fact]
    public void Candidates_are_the_groups_better_than_the_kept_count_and_the_first_ties_by_the_further_keys()
    {
        long[] counts = [1, 3, 2, 3, 2, 2, 1, 2];
        string[] keys = ["h", "g", "f", "e", "d", "c", "b", "a"];
        var top = new ChainCountTop((_, _) => 4L, Descending: true) { TieKeys = [0], TieDescending = [false] };
        // 3, 3 better; of the 2s (f, d, c, a) the two smallest keys: a and c
        Assert.Equal([false, true, false, true, false, true, false, true], top.Candidates(8, 4, g => counts[g], (g, _) => keys[g])!);
        // without further keys every tie goes to the sort
        var byCountOnly = new ChainCountTop((_, _) => 4L, Descending: true);
        Assert.Equal([false, true, true, true, true, true, false, true], byCountOnly.Candidates(8, 4, g => counts[g], (g, _) => keys[g])!);
        // smallest first, keys descending, equal keys in the order they came
        string[] same = ["x", "x", "x", "x", "x", "x", "x", "x"];
        var ascending = new ChainCountTop((_, _) => 3L, Descending: false) { TieKeys = [0], TieDescending = [true] };
        Assert.Equal([true, false, true, false, false, false, true, false], ascending.Candidates(8, 3, g => counts[g], (g, _) => same[g])!);
        Assert.Null(top.Candidates(8, 8, g => counts[g], (g, _) => keys[g]));
        Assert.All(top.Candidates(8, 0, g => counts[g], (g, _) => keys[g])!, Assert.False);
    }
}
