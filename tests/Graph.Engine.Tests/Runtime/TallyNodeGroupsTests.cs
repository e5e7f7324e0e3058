using Graph.Client;
using Graph.Engine.Driver;
using Graph.Engine.Execution;
using Graph.Engine.Runtime;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// A one-key top over a tallied last hop whose key is a property of the far node (<see cref="TallyNodeGroups"/>): the
/// nodes are kept with their values, and when the store's string codes show every value differs, each node is a group
/// and only the groups the sort can return are interned; otherwise every value is interned as before. Fused queries are
/// compared row for row and in order with their row-by-row form on ids that are unique strings (the per-node groups),
/// with NULL ids, experts without the label and parallel relationships — and on the same data with one id duplicated,
/// one an integer, or a float (every value interned), on the committed store and inside a transaction that has written.
/// Nodes kept with the store's string codes only (the flush's usual way once the ids have a column) are settled as the
/// same nodes kept with their values, and fall back to their values read at the end when the codes may repeat.
/// </summary>
public class TallyNodeGroupsTests
{
    /// <summary>
    /// 300 experts: id NULL when i % 29 = 0, else 'e' + i (unique) — one changed by <paramref name="variant"/>; 24 claims;
    /// expert i endorses i % 5 + 1 of them, the first twice when i % 6 = 0; every thirteenth expert lacks the E label.
    /// Then enough reads of every id for the store to keep a column of them (its string codes).
    /// </summary>
    private static async Task<EmbeddedDriver> Build(string variant)
    {
        var driver = Engine.New();
        await driver.Run("UNWIND range(0, 23) AS j CREATE (:C {id: j})");
        await driver.Run(
            "UNWIND range(0, 299) AS i CREATE (e:E {n: i, id: CASE WHEN i % 29 = 0 THEN null ELSE 'e' + toString(i) END}) " +
            "WITH e, i UNWIND range(1, i % 5 + 1) AS k MATCH (c:C {id: (i * k + k) % 24}) CREATE (e)-[:EN {k: k}]->(c)");
        await driver.Run("MATCH (e:E)-[r:EN {k: 1}]->(c) WHERE e.n % 6 = 0 CREATE (e)-[:EN {k: 0}]->(c)");
        await driver.Run("MATCH (e:E) WHERE e.n % 13 = 0 REMOVE e:E");
        switch (variant)
        {
            case "duplicate": await driver.Run("MATCH (e:E {n: 44}) SET e.id = 'e45'"); break;
            case "integer": await driver.Run("MATCH (e:E {n: 44}) SET e.id = 45"); break;
            case "float": await driver.Run("MATCH (e:E {n: 44}) SET e.id = 45.0"); break;
            // no NULL id, or one: the nodes without a value need no grouping (the settle moves nodes only for two or more)
            case "nonull": await driver.Run("MATCH (e:E) WHERE e.id IS NULL SET e.id = 'n' + toString(e.n)"); break;
            case "onenull": await driver.Run("MATCH (e:E) WHERE e.id IS NULL AND e.n <> 58 SET e.id = 'n' + toString(e.n)"); break;
        }
        for (var i = 0; i < 8; i++) await driver.Run("MATCH (n) RETURN n.id AS id");
        Assert.True(HasCodes(driver), "the ids' column was not made");
        return driver;
    }

    private static bool HasCodes(EmbeddedDriver driver)
    {
        using var tx = driver.Store.BeginTransaction(write: false);
        return tx.TryReadNodeStringCodes([1L], driver.Store.Tokens.PropertyKeyId("id"), new int[1]);
    }

    private const string Allies = "MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id";
    private const string Many = "MATCH (a:E) WHERE a.n < 120 WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id";

    private static readonly string[][] Shapes =
    [
        [Allies, "RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 5", "WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 5"],
        [Allies, "RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally DESC LIMIT 12", "WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally DESC LIMIT 12"],
        [Allies, "RETURN b.id AS ally, count(*) AS shared ORDER BY shared, ally LIMIT 7", "WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared, ally LIMIT 7"],
        [Allies, "RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally SKIP 3 LIMIT 4", "WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally SKIP 3 LIMIT 4"],
        [Allies, "RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 1000", "WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 1000"],
        // no further sort key: the tied groups come in the order they came (the NULL group where its first node came)
        [Allies, "RETURN b.id AS ally, count(*) AS shared ORDER BY count(*) DESC LIMIT 3", "WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY count(*) DESC LIMIT 3"],
        [Allies, "RETURN b.id AS ally, count(*) AS shared ORDER BY count(*) LIMIT 9", "WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY count(*) LIMIT 9"],
        // a conjunct whose other operand is no string: every node's value is compared, not its code
        ["MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.n", "RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 6", "WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 6"],
        // conjuncts on the key decided on the store's codes beside one on another property, in either order (the key's
        // conjunct second: its other operand is known only once a node reached it, so the first batch reads values)
        ["MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id AND b.n <> 31", "RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 8", "WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 8"],
        ["MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.n <> 31 AND b.id <> a.id", "RETURN b.id AS ally, count(*) AS shared ORDER BY shared, ally DESC LIMIT 8", "WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared, ally DESC LIMIT 8"],
        // the start node itself, reached back through its parallel relationships: the one code equal to the string's
        ["MATCH (a:E {n: 12})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id = a.id", "RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 2", "WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 2"],
        ["MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> 'e45' AND b.id <> a.id", "RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 4", "WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 4"],
        // many start rows flushed into the same nodes: a node kept twice (every value interned)
        [Many, "RETURN b.id AS k, count(*) AS n ORDER BY n DESC, k LIMIT 6", "WITH b RETURN b.id AS k, count(*) AS n ORDER BY n DESC, k LIMIT 6"],
        [Many, "RETURN b.id AS k, count(*) AS n ORDER BY n, k DESC LIMIT 9", "WITH b RETURN b.id AS k, count(*) AS n ORDER BY n, k DESC LIMIT 9"],
    ];

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var variant in new[] { "unique", "duplicate", "integer", "float", "nonull", "onenull" })
            for (var shape = 0; shape < Shapes.Length; shape++) data.Add(variant, shape);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_top_over_node_keys_returns_the_rows_of_the_row_by_row_plan(string variant, int shape)
    {
        await using var driver = await Build(variant);
        var (fused, rowByRow) = ($"{Shapes[shape][0]} {Shapes[shape][1]}", $"{Shapes[shape][0]} {Shapes[shape][2]}");
        Assert.Contains("rows for the top", driver.Explain(fused));
        Assert.DoesNotContain("ChainCount", driver.Explain(rowByRow));
        var expected = RowTexts.InOrder(await driver.Run(rowByRow));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RowTexts.InOrder(await driver.Run(fused)));
        // the same statement again (the kept tables of the first, returned)
        Assert.Equal(expected, RowTexts.InOrder(await driver.Run(fused)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_top_over_node_keys_sees_the_uncommitted_writes_of_its_transaction(string variant, int shape)
    {
        await using var driver = await Build(variant);
        var (fused, rowByRow) = ($"{Shapes[shape][0]} {Shapes[shape][1]}", $"{Shapes[shape][0]} {Shapes[shape][2]}");
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        // new experts, one with the id of another; a deleted endorsement, a removed label, ids changed and removed
        await tx.RunAsync("UNWIND range(400, 429) AS i MATCH (c:C) WHERE c.id % 5 = i % 5 CREATE (:E {n: i, id: CASE i WHEN 400 THEN 'e8' ELSE 'x' + toString(i) END})-[:EN]->(c)");
        await tx.RunAsync("MATCH (:E {n: 7})-[r:EN {k: 1}]->() DELETE r");
        await tx.RunAsync("MATCH (e:E) WHERE e.n % 17 = 3 REMOVE e:E");
        await tx.RunAsync("MATCH (e:E) WHERE e.n % 11 = 2 SET e.id = 'y' + toString(e.n)");
        await tx.RunAsync("MATCH (e:E) WHERE e.n % 19 = 4 SET e.id = null");
        var expected = RowTexts.InOrder(await tx.RunAsync(rowByRow));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RowTexts.InOrder(await tx.RunAsync(fused)));
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task A_tallied_hop_tests_the_far_labels_on_the_stores_bitmaps_as_its_lookups_do()
    {
        await using var driver = await Build("unique");
        const string fused = $"{Many} RETURN b.id AS k, count(*) AS n ORDER BY n DESC, k LIMIT 1000";
        const string rowByRow = $"{Many} WITH b RETURN b.id AS k, count(*) AS n ORDER BY n DESC, k LIMIT 1000";
        var before = RowTexts.InOrder(await driver.Run(rowByRow));
        // the first statements look the labels up node by node and ask the store for its bitmaps; later ones take them
        for (var i = 0; i < 4; i++) Assert.Equal(before, RowTexts.InOrder(await driver.Run(fused)));
        Assert.True(KeepsBitmap(driver, "E"), "the store keeps no bitmap of E");
        // a commit that removes labels (and adds one to a node that had none): the next statements' bitmaps are its version's
        await driver.Run("MATCH (e:E) WHERE e.n % 7 = 1 REMOVE e:E");
        await driver.Run("MATCH (e) WHERE e.n = 26 SET e:E");
        var after = RowTexts.InOrder(await driver.Run(rowByRow));
        Assert.NotEqual(before, after);
        for (var i = 0; i < 4; i++) Assert.Equal(after, RowTexts.InOrder(await driver.Run(fused)));
    }

    private static bool KeepsBitmap(EmbeddedDriver driver, string label)
    {
        using var tx = driver.Store.BeginTransaction(write: false);
        return tx.KnownLabelMembers(driver.Store.Tokens.LabelId(label), 0) is not null;
    }

    /// <summary>The nodes of expert 7's allies (as the allies query tallies them), with their ids, in node order.</summary>
    private static async Task<List<(long Node, object? Id)>> Nodes(EmbeddedDriver driver) =>
        (await driver.Run("MATCH (b:E) RETURN id(b) AS node, b.id AS id ORDER BY node"))
            .Records.Select(r => ((long)r["node"]!, r["id"])).ToList();

    /// <summary>
    /// Settles <paramref name="nodes"/> (each with count 1 + node % 3, a node listed twice when <paramref name="twice"/>)
    /// under a top of <paramref name="kept"/> by count descending then the key: whether it went per node, the groups
    /// (value and count, in their order) and the values the interner was given.
    /// </summary>
    private static (bool PerNode, List<string> Groups, int Interned) Settle(EmbeddedDriver driver, List<(long Node, object? Id)> nodes, long kept, bool twice, bool byKeyOnly) =>
        Settle(driver, nodes, kept, twice, byKeyOnly, Kept.Values);

    /// <summary>How the nodes are kept: with their values, with the store's codes only, or every third with its value.</summary>
    public enum Kept { Values, Codes, Mixed }

    private static (bool PerNode, List<string> Groups, int Interned) Settle(EmbeddedDriver driver, List<(long Node, object? Id)> nodes, long kept, bool twice, bool byKeyOnly, Kept how)
    {
        using var tx = driver.Store.BeginTransaction(write: false);
        var ctx = new QueryContext(tx, driver.Store.Tokens, ParameterValues.None, new EngineOptions(), CancellationToken.None, null);
        var account = new MemoryTracker(null).Open("test");
        var interner = KeyInterner.Rent(account);
        var byKey = TallyKeyCounts.Rent(account);
        var byNode = TallyNodeGroups.Rent(account);
        var groups = new TupleCounts(1, account, null);
        var top = new ChainCountTop((_, _) => kept, true) { TieKeys = [0], TieDescending = [false] };
        try
        {
            var codes = new int[nodes.Count];
            if (how != Kept.Values)
                Assert.True(tx.TryReadNodeStringCodes(nodes.Select(n => n.Node).ToArray(), driver.Store.Tokens.PropertyKeyId("id"), codes));
            for (var i = 0; i < nodes.Count; i++)
            {
                var (node, id) = nodes[i];
                if (how == Kept.Codes || (how == Kept.Mixed && i % 3 != 0)) byNode.AddCoded(node, codes[i], 1 + node % 3);
                else byNode.Add(node, id, 1 + node % 3);
            }
            if (twice && how == Kept.Values) byNode.Add(nodes[3].Node, nodes[3].Id, 1);
            else if (twice) byNode.AddCoded(nodes[3].Node, codes[3], 1);
            var perNode = byNode.Settle(ctx, byKeyOnly ? -1 : driver.Store.Tokens.PropertyKeyId("id"), groups, top, kept, interner, byKey);
            var texts = new List<string>();
            for (var g = 0; g < groups.Count; g++) texts.Add($"{interner.Value(groups.TupleAt(g)[0]) ?? "null"}:{groups.CountAt(g)}");
            return (perNode, texts, interner.Count);
        }
        finally
        {
            groups.Return();
            byNode.Return();
            byKey.Return();
            interner.Return();
            account.Dispose();
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(40)]
    [InlineData(400)]
    public async Task Unique_strings_are_grouped_per_node_and_only_the_returnable_groups_interned(int kept)
    {
        await using var driver = await Build("unique");
        var nodes = await Nodes(driver);
        var perNode = Settle(driver, nodes, kept, twice: false, byKeyOnly: false);
        var interned = Settle(driver, nodes, kept, twice: false, byKeyOnly: true);
        Assert.True(perNode.PerNode);
        Assert.False(interned.PerNode);
        Assert.Equal(interned.Groups, perNode.Groups);
        // the groups returnable: those better than the kept-th count, the tied ones that sort first, at most kept
        Assert.True(perNode.Groups.Count <= Math.Min(kept, nodes.Count), $"{perNode.Groups.Count} groups for {kept}");
        Assert.Equal(perNode.Groups.Count, perNode.Interned);
        Assert.True(interned.Interned > nodes.Count / 2, "the interned path interns every value");
    }

    [Theory]
    [InlineData("duplicate", false)]
    [InlineData("integer", false)]
    [InlineData("float", false)]
    [InlineData("unique", true)]
    public async Task Values_that_may_repeat_are_interned_as_before(string variant, bool twice)
    {
        await using var driver = await Build(variant);
        var nodes = await Nodes(driver);
        var settled = Settle(driver, nodes, 10, twice, byKeyOnly: false);
        var interned = Settle(driver, nodes, 10, twice, byKeyOnly: true);
        Assert.False(settled.PerNode);
        Assert.Equal(interned.Groups, settled.Groups);
        Assert.NotEmpty(settled.Groups);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(40)]
    [InlineData(400)]
    public async Task Nodes_kept_with_their_codes_only_make_the_groups_of_their_values(int kept)
    {
        await using var driver = await Build("unique");
        var nodes = await Nodes(driver);
        var coded = Settle(driver, nodes, kept, twice: false, byKeyOnly: false, Kept.Codes);
        var mixed = Settle(driver, nodes, kept, twice: false, byKeyOnly: false, Kept.Mixed);
        var interned = Settle(driver, nodes, kept, twice: false, byKeyOnly: true);
        Assert.True(coded.PerNode);
        Assert.True(mixed.PerNode); // the codes' values read, then grouped per node through the values
        Assert.Equal(interned.Groups, coded.Groups);
        Assert.Equal(interned.Groups, mixed.Groups);
        Assert.Equal(coded.Groups.Count, coded.Interned);
        if (kept > 0) Assert.NotEmpty(coded.Groups);
        // once the store has the ids' ranks, the tied groups (a hundred at count 3: read 64 at a time) chosen by them
        using (var tx = driver.Store.BeginTransaction(write: false))
        {
            var all = nodes.Select(n => n.Node).ToArray();
            for (var asks = 0; asks < 100 && !tx.TryReadNodeStringRanks(all, driver.Store.Tokens.PropertyKeyId("id"), new int[all.Length]); asks++) { }
            Assert.True(tx.TryReadNodeStringRanks(all, driver.Store.Tokens.PropertyKeyId("id"), new int[all.Length]));
        }
        Assert.Equal(interned.Groups, Settle(driver, nodes, kept, twice: false, byKeyOnly: false, Kept.Codes).Groups);
        Assert.Equal(interned.Groups, Settle(driver, nodes, kept, twice: false, byKeyOnly: false, Kept.Mixed).Groups);
    }

    [Theory]
    [InlineData("duplicate", false, Kept.Codes)]
    [InlineData("integer", false, Kept.Codes)]
    [InlineData("float", false, Kept.Codes)]
    [InlineData("unique", true, Kept.Codes)]
    [InlineData("duplicate", false, Kept.Mixed)]
    [InlineData("integer", false, Kept.Mixed)]
    [InlineData("unique", true, Kept.Mixed)]
    public async Task Codes_that_may_repeat_fall_back_to_the_values_read_then(string variant, bool twice, Kept how)
    {
        await using var driver = await Build(variant);
        var nodes = await Nodes(driver);
        var settled = Settle(driver, nodes, 10, twice, byKeyOnly: false, how);
        var interned = Settle(driver, nodes, 10, twice, byKeyOnly: true);
        Assert.False(settled.PerNode);
        Assert.Equal(interned.Groups, settled.Groups);
        Assert.NotEmpty(settled.Groups);
    }

    [Fact]
    public void Each_kept_node_is_counted_against_the_statement()
    {
        var tracker = new MemoryTracker(null);
        var nodes = TallyNodeGroups.Rent(tracker.Open("test nodes"));
        for (var id = 0; id < 1000; id++) nodes.Add(id, "v" + id, 1);
        Assert.True(tracker.Used >= 1000 * 24, $"{tracker.Used} bytes for 1,000 nodes");
        nodes.Return();
        var again = TallyNodeGroups.Rent(new MemoryTracker(null).Open("test nodes"));
        Assert.Equal(0, again.Count);
        again.Return();
        var small = TallyNodeGroups.Rent(new MemoryTracker(4096).Open("test nodes"));
        Assert.ThrowsAny<Exception>(() =>
        {
            for (var id = 0; id < 1000; id++) small.Add(id, "v" + id, 1);
        });
        small.Return();
    }
}
