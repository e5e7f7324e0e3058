using Graph.Engine.Execution;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// An expand with few far nodes (fewer label checks than <see cref="SharedLabelBits"/> waits for) asks the store once,
/// without a lock, for the bitmaps it already keeps (<see cref="Graph.Storage.StorageTransaction.KnownLabelMembers"/>),
/// and its lookups count toward the store building them: after enough small statements the checks read no node. The
/// rows stay those of the same query with its label test written as <c>'L' IN labels(x)</c> (never folded into the
/// expand), across commits that change labels and inside a transaction that changed them itself.
/// </summary>
public class SmallExpandLabelBitsTests
{
    /// <summary>Far nodes of the hub: a statement checks this many labels (well under 256).</summary>
    private const int Leaves = 30;

    private static readonly (string Folded, string Plain)[] Pairs =
    [
        ("MATCH (h:Hub {id: 'h'})-[r:R]->(x:Mark) RETURN x.i, type(r)", "MATCH (h:Hub {id: 'h'})-[r:R]->(x) WHERE 'Mark' IN labels(x) RETURN x.i, type(r)"),
        ("MATCH (h:Hub {id: 'h'})-[:R|S]-(x:Mark:Leaf) RETURN x.i", "MATCH (h:Hub {id: 'h'})-[:R|S]-(x) WHERE 'Mark' IN labels(x) AND 'Leaf' IN labels(x) RETURN x.i"),
        ("MATCH (h:Hub {id: 'h'}) RETURN size([(h)-[:R]->(x:Mark) | x]) AS n", "MATCH (h:Hub {id: 'h'}) RETURN size([(h)-[:R]->(x) WHERE 'Mark' IN labels(x) | x]) AS n"),
        ("MATCH (h:Hub {id: 'h'})-[:R]->(x:Mark)<-[:R]-(k:Hub) RETURN k.id, x.i", "MATCH (h:Hub {id: 'h'})-[:R]->(x)<-[:R]-(k:Hub) WHERE 'Mark' IN labels(x) RETURN k.id, x.i"),
    ];

    private static async Task<EmbeddedDriver> Build()
    {
        var driver = Engine.New();
        await driver.Run($"CREATE (h:Hub {{id: 'h', i: -1}}), (k:Hub {{id: 'k'}}), (h)-[:R]->(k), (h)-[:R]->(h) WITH h, k UNWIND range(1, {Leaves}) AS i " +
                         "CREATE (h)-[:R]->(x:Leaf {i: i}), (k)-[:R]->(x) WITH h, x, i WHERE i % 3 = 0 SET x:Mark CREATE (x)-[:S]->(h), (h)-[:R]->(x)");
        // a Mark without Leaf (and without i), a self-loop on a Mark
        await driver.Run("MATCH (h:Hub {id: 'h'}) CREATE (h)-[:R]->(m:Mark), (m)-[:R]->(m)");
        return driver;
    }

    /// <summary>Enough small statements for the store to build the bitmaps of Mark and Leaf from their counted lookups.</summary>
    private static async Task Warm(EmbeddedDriver driver)
    {
        for (var i = 0; i < 60; i++) await driver.Run(Pairs[0].Folded);
        for (var i = 0; i < 40; i++) await driver.Run(Pairs[1].Folded);
    }

    private static async Task AssertSameRows(EmbeddedDriver driver)
    {
        foreach (var (folded, plain) in Pairs)
            Assert.Equal(RowTexts.Sorted(await driver.Run(plain)), RowTexts.Sorted(await driver.Run(folded)));
    }

    private static async Task<long> ExpandHits(EmbeddedDriver driver, string query) =>
        (await driver.Profile(query)).All<ExpandOp>().Sum(s => s.DbHits);

    [Fact]
    public async Task Small_expands_read_the_stores_bitmap_once_it_is_built_and_give_the_same_rows()
    {
        await using var driver = await Build();
        Assert.Contains("checking :Mark", driver.Explain(Pairs[0].Folded));
        var first = await ExpandHits(driver, Pairs[0].Folded);
        await AssertSameRows(driver);
        await Warm(driver);
        var later = await ExpandHits(driver, Pairs[0].Folded);
        // the first run looked up each of the hub's 42 far nodes; a later one reads the bitmap once instead
        Assert.True(later <= first - 40, $"store accesses of the expand: first run {first}, later run {later}");
        await AssertSameRows(driver);
    }

    [Fact]
    public async Task Labels_changed_by_a_commit_are_seen_by_the_next_statement()
    {
        await using var driver = await Build();
        await Warm(driver);
        await AssertSameRows(driver);
        await driver.Run("MATCH (x:Leaf) WHERE x.i % 5 = 0 SET x:Mark");
        await AssertSameRows(driver);
        await Warm(driver);
        await driver.Run("MATCH (x:Mark) WHERE x.i % 7 = 0 REMOVE x:Mark");
        Assert.Equal(0L, await driver.Scalar("MATCH (h:Hub {id: 'h'})-[:R]->(x:Mark) WHERE x.i = 21 RETURN count(*)"));
        await Warm(driver);
        await driver.Run("MATCH (x:Mark) WHERE x.i % 11 = 0 DETACH DELETE x");
        await driver.Run("MATCH (h:Hub {id: 'h'}) CREATE (h)-[:R]->(:Mark {i: 5000})");
        Assert.Equal(1L, await driver.Scalar("MATCH (h:Hub {id: 'h'})-[:R]->(x:Mark) WHERE x.i = 5000 RETURN count(*)"));
        await AssertSameRows(driver);
        await Warm(driver);
        await AssertSameRows(driver);
    }

    [Fact]
    public async Task A_transaction_that_changed_labels_checks_them_itself()
    {
        await using var driver = await Build();
        await Warm(driver);
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        // Marks of the build have two R from the hub
        Assert.Equal(2L, (await tx.RunAsync("MATCH (h:Hub {id: 'h'})-[:R]->(x:Mark) WHERE x.i = 21 RETURN count(*) AS n")).Single()["n"]);
        await tx.RunAsync("MATCH (x:Leaf) WHERE x.i % 5 = 0 SET x:Mark");
        await tx.RunAsync("MATCH (x:Mark) WHERE x.i % 7 = 0 REMOVE x:Mark");
        await tx.RunAsync("MATCH (x:Mark) WHERE x.i % 11 = 0 DETACH DELETE x");
        foreach (var (folded, plain) in Pairs)
            Assert.Equal(RowTexts.Sorted(await tx.RunAsync(plain)), RowTexts.Sorted(await tx.RunAsync(folded)));
        Assert.Equal(0L, (await tx.RunAsync("MATCH (h:Hub {id: 'h'})-[:R]->(x:Mark) WHERE x.i = 21 RETURN count(*) AS n")).Single()["n"]);
        Assert.Equal(1L, (await tx.RunAsync("MATCH (h:Hub {id: 'h'})-[:R]->(x:Mark) WHERE x.i = 25 RETURN count(*) AS n")).Single()["n"]);
        await tx.RollbackAsync();
        // the rolled-back changes never reach the shared bitmap
        Assert.Equal(2L, await driver.Scalar("MATCH (h:Hub {id: 'h'})-[:R]->(x:Mark) WHERE x.i = 21 RETURN count(*)"));
        Assert.Equal(0L, await driver.Scalar("MATCH (h:Hub {id: 'h'})-[:R]->(x:Mark) WHERE x.i = 25 RETURN count(*)"));
        await AssertSameRows(driver);
    }
}
