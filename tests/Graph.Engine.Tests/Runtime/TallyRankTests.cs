using Graph.Engine.Driver;
using Graph.Engine.Execution;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// A one-key top over a tallied last hop whose tied groups are chosen by the ranks of their ids in the store's string
/// order (<see cref="Graph.Storage.StorageTransaction.TryReadNodeStringRanks"/>, <see cref="ChainCountTop.ChooseTiedByRank"/>)
/// once the ids' column has them: the rows, in order, are the row-by-row plan's for ids that are empty, non-ASCII,
/// surrogate pairs, prefixes of each other and NULL; before and after the ranks are made, after a commit that
/// changes an id (the ranks dropped, made again), inside a transaction that has written, under PROFILE, and with an id
/// duplicated or an integer (no ranks used). The choice by ranks is also compared with the choice by values directly.
/// </summary>
public class TallyRankTests
{
    private static readonly string[] Tricky =
    [
        "", "a", "ab", "abc", "abd", "ab\0", "B", "b", "é", "e\u0301", "z", "\uD83D\uDE00", "\uFFFD", "\uE000", "\uD83D\uDC00", "Ω",
        "e0000001", "e0000010", "e000001", "E0000001",
    ];

    /// <summary>Expert i's id: NULL when i % 31 = 5, else a tricky string, with the expert's number after it from the 19th on (unique).</summary>
    private static object? Id(int i) => i % 31 == 5 ? null : i < Tricky.Length ? Tricky[i] : Tricky[i % Tricky.Length] + i;

    /// <summary>
    /// 400 experts with <see cref="Id"/> (one changed by <paramref name="variant"/> to another ally's id of expert 0, or
    /// to an integer), 12 claims; expert i endorses claim i % 12, and also (i * 7) % 12 when i % 4 = 0: most of an
    /// expert's 30–70 allies share one claim, a few two. Then reads of every id enough for the store to keep their column.
    /// </summary>
    private static async Task<EmbeddedDriver> Build(string variant)
    {
        var driver = Engine.New();
        await driver.Run("UNWIND range(0, 11) AS j CREATE (:C {id: j})");
        var ids = Enumerable.Range(0, 400).Select(Id).ToList();
        await driver.Run(
            "UNWIND range(0, 399) AS i CREATE (e:E {n: i, id: $ids[i]}) WITH e, i " +
            "MATCH (c:C) WHERE c.id = i % 12 OR (i % 4 = 0 AND c.id = (i * 7) % 12) CREATE (e)-[:EN]->(c)", new { ids });
        switch (variant)
        {
            case "duplicate": await driver.Run("MATCH (e:E {n: 120}), (f:E {n: 180}) SET e.id = f.id"); break;
            case "integer": await driver.Run("MATCH (e:E {n: 120}) SET e.id = 120"); break;
            // no NULL id, or one: the nodes without a value need no grouping (the settle moves nodes only for two or more)
            case "nonull": await driver.Run("MATCH (e:E) WHERE e.id IS NULL SET e.id = 'n' + toString(e.n)"); break;
            case "onenull": await driver.Run("MATCH (e:E) WHERE e.id IS NULL AND e.n <> 36 SET e.id = 'n' + toString(e.n)"); break;
        }
        for (var i = 0; i < 8; i++) await driver.Run("MATCH (n) RETURN n.id AS id");
        return driver;
    }

    private static bool HasRanks(EmbeddedDriver driver)
    {
        using var tx = driver.Store.BeginTransaction(write: false);
        return tx.TryReadNodeStringRanks([62L, 64L], driver.Store.Tokens.PropertyKeyId("id"), new int[2]);
    }

    /// <summary>Runs the top-10 over every start until the store has made the ids' ranks (the statements ask for them).</summary>
    private static async Task AskUntilRanks(EmbeddedDriver driver)
    {
        for (var round = 0; round < 50 && !HasRanks(driver); round++)
            foreach (var n in Starts) await driver.Run($"{Allies} {Tops[0][0]}", new { n });
        Assert.True(HasRanks(driver), "no ranks after 50 rounds");
    }

    private const string Allies = "MATCH (a:E {n: $n})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id";

    private static readonly string[][] Tops =
    [
        ["RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 10", "WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 10"],
        ["RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally DESC LIMIT 4", "WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally DESC LIMIT 4"],
        ["RETURN b.id AS ally, count(*) AS shared ORDER BY shared, ally LIMIT 3", "WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared, ally LIMIT 3"],
        ["RETURN b.id AS ally, count(*) AS shared ORDER BY shared, ally DESC SKIP 2 LIMIT 5", "WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared, ally DESC SKIP 2 LIMIT 5"],
        ["RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 1", "WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 1"],
        ["RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 300", "WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 300"],
    ];

    /// <summary>Start experts: tied allies with and without a NULL id, the tricky ids, a start expert whose own id is NULL.</summary>
    private static readonly int[] Starts = [0, 5, 8, 11, 13, 24, 60, 97];

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var variant in new[] { "unique", "duplicate", "integer", "nonull", "onenull" })
            for (var top = 0; top < Tops.Length; top++) data.Add(variant, top);
        return data;
    }

    private static async Task AssertSameRows(EmbeddedDriver driver, int top)
    {
        foreach (var n in Starts)
        {
            var expected = RowTexts.InOrder(await driver.Run($"{Allies} {Tops[top][1]}", new { n }));
            Assert.Equal(expected, RowTexts.InOrder(await driver.Run($"{Allies} {Tops[top][0]}", new { n })));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Tied_allies_chosen_by_rank_are_the_row_by_row_plans_rows(string variant, int top)
    {
        await using var driver = await Build(variant);
        Assert.Contains("rows for the top", driver.Explain($"{Allies} {Tops[top][0]}"));
        // before the ranks, then once they are made
        await AssertSameRows(driver, top);
        await AskUntilRanks(driver);
        await AssertSameRows(driver, top);
        // a commit that changes ids: the ranks go with the column, the next statements read values, then ranks again
        await driver.Run("MATCH (e:E) WHERE e.n IN [1, 19, 24, 62] SET e.id = 'a' + toString(e.n)");
        await driver.Run("MATCH (e:E {n: 64}) SET e.id = null");
        Assert.False(HasRanks(driver));
        await AssertSameRows(driver, top);
        for (var i = 0; i < 8; i++) await driver.Run("MATCH (n) RETURN n.id AS id");
        await AskUntilRanks(driver);
        await AssertSameRows(driver, top);
    }

    /// <summary>
    /// Once the store knows the ids differ (their ranks made), a top over many start rows, whose flushes keep a node once
    /// per start row, still compares the codes (the node kept twice is one value); one start row's does not need to.
    /// </summary>
    [Theory]
    [InlineData("unique")]
    [InlineData("duplicate")]
    [InlineData("nonull")]
    public async Task Nodes_flushed_for_many_start_rows_are_grouped_by_their_values_with_the_ranks(string variant)
    {
        await using var driver = await Build(variant);
        await AskUntilRanks(driver);
        using (var tx = driver.Store.BeginTransaction(write: false))
            Assert.Equal(variant != "duplicate", tx.NodeStringsDistinct(driver.Store.Tokens.PropertyKeyId("id")));
        const string many = "MATCH (a:E) WHERE a.n < 40 WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id";
        foreach (var (fused, rowByRow) in new[]
        {
            ($"{many} RETURN b.id AS k, count(*) AS n ORDER BY n DESC, k LIMIT 6", $"{many} WITH b RETURN b.id AS k, count(*) AS n ORDER BY n DESC, k LIMIT 6"),
            ($"{many} RETURN b.id AS k, count(*) AS n ORDER BY n, k DESC LIMIT 9", $"{many} WITH b RETURN b.id AS k, count(*) AS n ORDER BY n, k DESC LIMIT 9"),
        })
        {
            Assert.Contains("rows for the top", driver.Explain(fused));
            Assert.Equal(RowTexts.InOrder(await driver.Run(rowByRow)), RowTexts.InOrder(await driver.Run(fused)));
        }
        await AssertSameRows(driver, 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task A_transaction_that_has_written_reads_the_values_not_the_ranks(int top)
    {
        await using var driver = await Build("unique");
        await AskUntilRanks(driver);
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("MATCH (e:E) WHERE e.n % 7 = 2 SET e.id = 'A' + toString(e.n)");
        await tx.RunAsync("MATCH (c:C {id: 8}) CREATE (:E {n: 500, id: ''})-[:EN]->(c)");
        foreach (var n in Starts)
        {
            var expected = RowTexts.InOrder(await tx.RunAsync($"{Allies} {Tops[top][1]}", new Dictionary<string, object?> { ["n"] = (long)n }));
            Assert.Equal(expected, RowTexts.InOrder(await tx.RunAsync($"{Allies} {Tops[top][0]}", new Dictionary<string, object?> { ["n"] = (long)n })));
        }
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task Profile_returns_the_same_rows_with_the_ranks()
    {
        await using var driver = await Build("unique");
        await AskUntilRanks(driver);
        foreach (var n in Starts)
        {
            var query = $"{Allies} {Tops[0][0]}";
            var expected = RowTexts.InOrder(await driver.Run($"{Allies} {Tops[0][1]}", new { n }));
            var profiled = await driver.Run("PROFILE " + query, new { n });
            Assert.Equal(expected, RowTexts.InOrder(profiled));
            Assert.NotNull(profiled.Summary.Plan);
        }
    }

    /// <summary>
    /// Random counts and ranks (ties among them, NULL's rank): the tied groups <see cref="ChainCountTop.ChooseTiedByRank"/>
    /// chooses from the list of tied groups are the first wanted of them in (rank, then group number) order, ranks negated
    /// for a descending key.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Choosing_from_the_tied_list_chooses_as_from_all_groups(bool descending)
    {
        var random = new Random(11);
        for (var round = 0; round < 300; round++)
        {
            var n = random.Next(2, 400);
            var counts = Enumerable.Range(0, n).Select(_ => (long)random.Next(1, random.Next(2, 5))).ToArray();
            var ranks = Enumerable.Range(0, n).Select(_ => random.Next(9) == 0 ? Graph.Storage.StorageTransaction.NoValueRank : random.Next(0, 2 * n)).ToArray();
            var kept = random.Next(1, Math.Min(n, 300));
            var top = new ChainCountTop((_, _) => kept, random.Next(2) == 0) { TieKeys = [0], TieDescending = [descending] };
            var threshold = top.KeptBestCount(counts, kept);
            var tied = Enumerable.Range(0, n).Where(g => counts[g] == threshold).ToArray();
            var better = Enumerable.Range(0, n).Count(g => top.Worse(threshold, counts[g]));
            var wanted = kept - better;
            if (wanted > ChainCountTop.TiesChosen) continue; // every tied group goes to the sort then, not chosen
            var expected = tied.OrderBy(g => descending ? -(long)ranks[g] : ranks[g]).ThenBy(g => g).Take(wanted).Order().ToArray();
            var chosen = new int[wanted];
            var size = top.ChooseTiedByRank(tied, ranks, wanted, chosen);
            Assert.Equal(expected, chosen[..size]);
        }
    }

    /// <summary>Random counts and distinct strings (some NULL): the groups chosen by their ranks are the groups chosen by their values.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Choosing_by_rank_chooses_as_by_value(bool descending)
    {
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            var n = random.Next(2, 60);
            var values = Enumerable.Range(0, n).Select(i => random.Next(8) == 0 ? null : (object?)(Tricky[random.Next(Tricky.Length)] + random.Next(1000))).Distinct().ToArray();
            n = values.Length;
            if (n < 2) continue;
            var counts = Enumerable.Range(0, n).Select(_ => (long)random.Next(1, 4)).ToArray();
            var order = values.OfType<string>().Order(StringComparer.Ordinal).ToList();
            var ranks = values.Select(v => v is string s ? order.IndexOf(s) + 1 : Graph.Storage.StorageTransaction.NoValueRank).ToArray();
            var kept = random.Next(1, n);
            var top = new ChainCountTop((_, _) => kept, random.Next(2) == 0) { TieKeys = [0], TieDescending = [descending] };
            var threshold = top.KeptBestCount(counts, kept);
            var byValue = top.CandidatesOfOneKey(counts, values, kept, threshold);
            var better = Enumerable.Range(0, n).Where(g => top.Worse(threshold, counts[g])).ToArray();
            var tied = Enumerable.Range(0, n).Where(g => counts[g] == threshold).ToArray();
            var chosen = new int[kept - better.Length];
            var size = top.ChooseTiedByRank(tied, ranks, chosen.Length, chosen);
            Assert.Equal(Enumerable.Range(0, n).Where(g => byValue[g]), better.Concat(chosen[..size]).Order());
        }
    }
}
