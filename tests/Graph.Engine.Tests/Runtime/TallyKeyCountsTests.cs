using Graph.Client;
using Graph.Engine.Execution;
using Graph.Engine.Runtime;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// A chain whose one grouping key is read from its tallied far node, under an ORDER BY count(*) ... LIMIT
/// (<see cref="TallyKeyCounts"/>): counts by key id, only the groups the sort can return moved to the chain's groups,
/// the tied ones chosen by <see cref="ChainCountTop.CandidatesOfOneKey"/>. Fused queries are compared row for row and in
/// order with their row-by-row form (a WITH between the MATCH and the aggregation keeps the planner from fusing), on keys
/// that are strings, integers and NULL only (no equivalent values: the groups are cut before any row is made).
/// </summary>
public class TallyKeyCountsTests
{
    /// <summary>
    /// 300 experts: id NULL (i % 25 = 0), the integer i % 4 (i % 25 = 1), else 's' + i % 113 (the same string on up to
    /// three experts, so groups merge nodes); 24 claims; expert i endorses i % 5 + 1 of them, the first twice when
    /// i % 6 = 0 (parallel relationships); every thirteenth expert lacks the E label.
    /// </summary>
    private static async Task<EmbeddedDriver> Build()
    {
        var driver = Engine.New();
        await driver.Run("UNWIND range(0, 23) AS j CREATE (:C {id: j})");
        await driver.Run(
            "UNWIND range(0, 299) AS i CREATE (e:E {n: i, id: CASE i % 25 WHEN 0 THEN null WHEN 1 THEN i % 4 ELSE 's' + toString(i % 113) END}) " +
            "WITH e, i UNWIND range(1, i % 5 + 1) AS k MATCH (c:C {id: (i * k + k) % 24}) CREATE (e)-[:EN {k: k}]->(c)");
        await driver.Run("MATCH (e:E)-[r:EN {k: 1}]->(c) WHERE e.n % 6 = 0 CREATE (e)-[:EN {k: 0}]->(c)");
        await driver.Run("MATCH (e:E) WHERE e.n % 13 = 0 REMOVE e:E");
        return driver;
    }

    private const string Allies = "MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id";
    private const string Many = "MATCH (a:E) WHERE a.n < 120 WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id";

    /// <summary>The fused query and its row-by-row form.</summary>
    public static TheoryData<string, string> Pairs => new()
    {
        { $"{Allies} RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 5", $"{Allies} WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 5" },
        { $"{Allies} RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally DESC LIMIT 12", $"{Allies} WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally DESC LIMIT 12" },
        { $"{Allies} RETURN b.id AS ally, count(*) AS shared ORDER BY shared, ally LIMIT 7", $"{Allies} WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared, ally LIMIT 7" },
        { $"{Allies} RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally SKIP 3 LIMIT 4", $"{Allies} WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally SKIP 3 LIMIT 4" },
        { $"{Allies} RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 1000", $"{Allies} WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 1000" },
        // no further sort key: the ties come in the order the groups came
        { $"{Allies} RETURN b.id AS ally, count(*) AS shared ORDER BY count(*) DESC LIMIT 3", $"{Allies} WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY count(*) DESC LIMIT 3" },
        // the key twice among the further sort keys
        { $"{Allies} RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally DESC, ally LIMIT 6", $"{Allies} WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally DESC, ally LIMIT 6" },
        // many start rows flushed one after the other into the same counts: large counts, NULL, integers, shared strings
        { $"{Many} RETURN b.id AS k, count(*) AS n ORDER BY n DESC, k LIMIT 6", $"{Many} WITH b RETURN b.id AS k, count(*) AS n ORDER BY n DESC, k LIMIT 6" },
        { $"{Many} RETURN b.id AS k, count(*) AS n ORDER BY n, k DESC LIMIT 9", $"{Many} WITH b RETURN b.id AS k, count(*) AS n ORDER BY n, k DESC LIMIT 9" },
        // a key that is no plain property: the per-node flush, into the same counts
        { $"{Many} RETURN toString(b.id) AS k, count(*) AS n ORDER BY n DESC, k LIMIT 8", $"{Many} WITH b RETURN toString(b.id) AS k, count(*) AS n ORDER BY n DESC, k LIMIT 8" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_one_key_top_over_a_tallied_hop_returns_the_rows_of_the_row_by_row_plan(string fused, string rowByRow)
    {
        await using var driver = await Build();
        Assert.Contains("rows for the top", driver.Explain(fused));
        Assert.DoesNotContain("ChainCount", driver.Explain(rowByRow));
        var expected = RowTexts.InOrder(await driver.Run(rowByRow));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RowTexts.InOrder(await driver.Run(fused)));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_one_key_top_sees_the_uncommitted_writes_of_its_transaction(string fused, string rowByRow)
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        // new experts sharing ids, a deleted endorsement, a removed label, changed ids (to a string of others, to NULL)
        await tx.RunAsync("UNWIND range(400, 429) AS i MATCH (c:C) WHERE c.id % 5 = i % 5 CREATE (:E {n: i, id: 's' + toString(i % 6)})-[:EN]->(c)");
        await tx.RunAsync("MATCH (:E {n: 7})-[r:EN {k: 1}]->() DELETE r");
        await tx.RunAsync("MATCH (e:E) WHERE e.n % 17 = 3 REMOVE e:E");
        await tx.RunAsync("MATCH (e:E) WHERE e.n % 11 = 2 SET e.id = 's5'");
        await tx.RunAsync("MATCH (e:E) WHERE e.n % 19 = 4 SET e.id = null");
        var expected = RowTexts.InOrder(await tx.RunAsync(rowByRow));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RowTexts.InOrder(await tx.RunAsync(fused)));
        await tx.RollbackAsync();
    }

    [Fact]
    public void Groups_come_in_the_order_of_their_first_positive_count_and_a_returned_table_comes_back_empty()
    {
        var tracker = new MemoryTracker(null);
        var counts = TallyKeyCounts.Rent(tracker.Open("test groups"));
        counts.Add(5, 2);
        counts.Add(2, 0); // no group, as TupleCounts makes none
        counts.Add(300, 1); // beyond the first array
        counts.Add(2, 3);
        counts.Add(5, 1);
        Assert.Equal([5, 300, 2], counts.Order.ToArray());
        Assert.Equal(3, counts.CountsById[5]);
        Assert.Equal(3, counts.CountsById[2]);
        Assert.Equal(1, counts.CountsById[300]);
        Assert.True(tracker.Used > 0);
        counts.Return();
        var again = TallyKeyCounts.Rent(tracker.Open("test groups"));
        Assert.Equal(0, again.Count);
        again.Add(300, 4);
        Assert.Equal(4, again.CountsById[300]);
        Assert.Equal(0, again.CountsById[5]);
        again.Return();
    }

    [Fact]
    public void Each_group_is_counted_against_the_statement()
    {
        var tracker = new MemoryTracker(null);
        var counts = TallyKeyCounts.Rent(tracker.Open("test groups"));
        for (var id = 0; id < 1000; id++) counts.Add(id, 1);
        Assert.True(tracker.Used >= 1000 * 12, $"{tracker.Used} bytes for 1,000 groups");
        counts.Return();
        var limited = new MemoryTracker(4096);
        var small = TallyKeyCounts.Rent(limited.Open("test groups"));
        Assert.ThrowsAny<Exception>(() =>
        {
            for (var id = 0; id < 1000; id++) small.Add(id, 1);
        });
        small.Return();
    }

    /// <summary>The one-key choice against the general one, on seeded random tables of strings, integers and NULL.</summary>
    [Theory]
    [InlineData(1, true, false)]
    [InlineData(2, true, true)]
    [InlineData(3, false, false)]
    [InlineData(4, false, true)]
    public void The_one_key_choice_is_the_general_one(int seed, bool descending, bool tieDescending)
    {
        var random = new Random(seed);
        var tracker = new MemoryTracker(null);
        for (var round = 0; round < 60; round++)
        {
            var account = tracker.Open("test");
            var interner = KeyInterner.Rent(account);
            var counts = TallyKeyCounts.Rent(account);
            var distinct = random.Next(1, 80);
            for (var i = 0; i < 200; i++)
            {
                var v = random.Next(distinct + 2);
                object? value = v == distinct ? null : v == distinct + 1 ? (long)(v % 3) : "k" + (v * 7919 % 101);
                counts.Add(interner.Intern(value), random.Next(4) == 0 ? 1 + random.Next(3) : 1);
            }
            var order = counts.Order.ToArray();
            var byId = counts.CountsById.ToArray();
            foreach (var tieKeys in new int[]?[] { [0], [], null, [0, 0] })
            {
                var top = new ChainCountTop((_, _) => 0L, descending)
                {
                    TieKeys = tieKeys,
                    TieDescending = tieKeys is null ? [] : tieKeys.Select(_ => tieDescending).ToArray(),
                };
                foreach (var kept in new long[] { 0, 1, 3, 10, order.Length - 1, order.Length, order.Length + 5 })
                {
                    if (kept < 0) continue;
                    var general = top.Candidates(order.Length, kept, g => byId[order[g]], (g, _) => interner.Value(order[g]));
                    var oneKey = top.CandidatesOfOneKey(counts, kept, interner);
                    Assert.Equal(general, oneKey);
                }
            }
            counts.Return();
            interner.Return();
            account.Dispose();
        }
    }
}
