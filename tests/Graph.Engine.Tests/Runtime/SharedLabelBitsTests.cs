using Graph.Client;
using Graph.Engine.Execution;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// Far-node label checks answered by the store's shared label bitmaps (<see cref="SharedLabelBits"/>) once the lookups
/// of earlier statements paid for one: the same rows as the same query with its label test written as
/// <c>'L' IN labels(x)</c> (which no planner folds into the expand), before and after commits that change labels, and
/// inside a transaction that changed labels itself (which never gets a bitmap).
/// </summary>
public class SharedLabelBitsTests
{
    /// <summary>More far nodes than the lookups the store wants reported before it builds (1,024).</summary>
    private const int Leaves = 1500;

    private static readonly (string Folded, string Plain)[] Pairs =
    [
        ("MATCH (h:Hub {id: 'h'})-[:R]->(x:Mark) RETURN x.i", "MATCH (h:Hub {id: 'h'})-[:R]->(x) WHERE 'Mark' IN labels(x) RETURN x.i"),
        ("MATCH (h:Hub)-[:R]->(x:Mark:Leaf) RETURN h.id, count(*)", "MATCH (h:Hub)-[:R]->(x) WHERE 'Mark' IN labels(x) AND 'Leaf' IN labels(x) RETURN h.id, count(*)"),
        // distinct ends from one input row, with the id comparison of the bench's agreement reach
        (
            "MATCH (h:Hub {id: 'h'}) WITH h MATCH (h)-[:R*1..2]-(x:Mark) WHERE x.i <> h.i RETURN count(DISTINCT x)",
            "MATCH (h:Hub {id: 'h'}) WITH h MATCH (h)-[:R*1..2]-(x) WHERE 'Mark' IN labels(x) AND x.i <> h.i RETURN count(DISTINCT x)"
        ),
        ("MATCH (h:Hub) WITH h MATCH (h)-[:R*1..2]->(x:Mark) RETURN h.id, x.i", "MATCH (h:Hub) WITH h MATCH (h)-[:R*1..2]->(x) WHERE 'Mark' IN labels(x) RETURN h.id, x.i"),
    ];

    private static async Task<EmbeddedDriver> Build()
    {
        var driver = Engine.New();
        await driver.Run($"CREATE (h:Hub {{id: 'h', i: -1}}), (k:Hub {{id: 'k'}}), (h)-[:R]->(k) WITH h, k UNWIND range(1, {Leaves}) AS i " +
                         "CREATE (h)-[:R]->(x:Leaf {i: i}), (k)-[:R]->(x) WITH x, i WHERE i % 3 = 0 SET x:Mark");
        // a Mark without Leaf, and one without an i
        await driver.Run("MATCH (k:Hub {id: 'k'}) CREATE (k)-[:R]->(:Mark {i: 0}), (k)-[:R]->(:Mark:Leaf)");
        return driver;
    }

    private static async Task AssertSameRows(EmbeddedDriver driver)
    {
        foreach (var (folded, plain) in Pairs)
        {
            Assert.Contains("checking :", driver.Explain(folded));
            Assert.Equal(RowTexts.Sorted(await driver.Run(plain)), RowTexts.Sorted(await driver.Run(folded)));
        }
    }

    private static async Task<long> LabelCheckHits(EmbeddedDriver driver, string query)
    {
        var run = await driver.Profile(query);
        return run.All<ExpandOp>().Sum(s => s.DbHits) + run.All<VarExpandOp>().Sum(s => s.DbHits);
    }

    [Fact]
    public async Task Once_the_store_has_a_bitmap_the_checks_read_no_node_and_give_the_same_rows()
    {
        await using var driver = await Build();
        var query = Pairs[0].Folded;
        var first = await LabelCheckHits(driver, query);
        await AssertSameRows(driver);
        var later = await LabelCheckHits(driver, query);
        // the first run looked up each of the 1,502 far nodes; a later one looks up its first 256 (a statement with fewer
        // checks never asks the store for its bitmaps) and tests bits for the other 1,246
        Assert.True(later < first - 600, $"store accesses of the expand: first run {first}, later run {later}");
        await AssertSameRows(driver);
    }

    [Fact]
    public async Task Labels_changed_by_a_commit_are_seen_by_the_next_statement()
    {
        await using var driver = await Build();
        await AssertSameRows(driver);
        await AssertSameRows(driver);
        await driver.Run("MATCH (x:Leaf) WHERE x.i % 5 = 0 SET x:Mark");
        await driver.Run("MATCH (x:Mark) WHERE x.i % 7 = 0 REMOVE x:Mark");
        await driver.Run("MATCH (x:Mark) WHERE x.i % 11 = 0 DETACH DELETE x");
        await driver.Run("MATCH (h:Hub {id: 'h'}) CREATE (h)-[:R]->(:Mark {i: 5000})");
        await AssertSameRows(driver);
        Assert.Equal(1L, await driver.Scalar("MATCH (h:Hub {id: 'h'})-[:R]->(x:Mark) WHERE x.i = 5000 RETURN count(*)"));
        Assert.Equal(0L, await driver.Scalar("MATCH (h:Hub {id: 'h'})-[:R]->(x:Mark) WHERE x.i = 21 RETURN count(*)"));
    }

    [Fact]
    public async Task A_transaction_that_changed_labels_checks_them_itself()
    {
        await using var driver = await Build();
        await AssertSameRows(driver);
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("MATCH (x:Leaf) WHERE x.i % 5 = 0 SET x:Mark");
        await tx.RunAsync("MATCH (x:Mark) WHERE x.i % 7 = 0 REMOVE x:Mark");
        await tx.RunAsync("MATCH (x:Mark) WHERE x.i % 11 = 0 DETACH DELETE x");
        foreach (var (folded, plain) in Pairs)
            Assert.Equal(RowTexts.Sorted(await tx.RunAsync(plain)), RowTexts.Sorted(await tx.RunAsync(folded)));
        Assert.Equal(0L, (await tx.RunAsync("MATCH (h:Hub {id: 'h'})-[:R]->(x:Mark) WHERE x.i = 21 RETURN count(*) AS n")).Single()["n"]);
        await tx.RollbackAsync();
        // the rolled-back changes never reach the shared bitmap
        Assert.Equal(1L, await driver.Scalar("MATCH (h:Hub {id: 'h'})-[:R]->(x:Mark) WHERE x.i = 21 RETURN count(*)"));
        await AssertSameRows(driver);
    }
}
