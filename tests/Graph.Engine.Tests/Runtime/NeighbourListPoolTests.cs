using Graph.Engine.Execution;
using Graph.Storage;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// The neighbour lists a thread keeps for its next counted chains: a kept list comes back empty, a large one is not kept,
/// and a statement is charged for what it read into a list, not for the capacity an earlier statement left in it.
/// </summary>
public class NeighbourListPoolTests
{
    [Fact]
    public void A_returned_list_comes_back_empty_to_the_same_thread()
    {
        var list = NeighbourListPool.Rent();
        for (var i = 0; i < 3000; i++) list.Add(i, 1, i + 1);
        NeighbourListPool.Return(list);
        var again = NeighbourListPool.Rent();
        Assert.Same(list, again);
        Assert.Equal(0, again.Count);
        Assert.True(again.Capacity >= 3000);
        NeighbourListPool.Return(again);
    }

    [Fact]
    public void A_list_past_the_bound_is_not_kept()
    {
        var large = new NeighbourList();
        for (var i = 0; i <= NeighbourListPool.MaxKeptEntries; i++) large.Add(i, 1, i);
        NeighbourListPool.Return(large);
        var rented = NeighbourListPool.Rent();
        Assert.NotSame(large, rented);
        NeighbourListPool.Return(rented);
    }

    /// <summary>
    /// A hub of 30,000 relationships needs a 640 KB list, past the limit; once it failed (its list kept by the thread), a
    /// node of 1,000 is counted within the limit, as often as asked, and a node of 6,000 too (its 160 KB are charged).
    /// </summary>
    [Fact]
    public async Task A_kept_list_is_charged_for_what_the_statement_read()
    {
        await using var driver = EmbeddedDriver.InMemory(new EngineOptions { QueryMemoryLimit = 512L << 10, SyncOnCommit = false });
        await driver.Run("CREATE (:Start {i: 1})-[:P]->(:Hub {n: 'hub'}), (:Start {i: 2})-[:P]->(:Hub {n: 'small'}), (:Start {i: 3})-[:P]->(:Hub {n: 'mid'})");
        for (var batch = 0; batch < 30; batch++)
            await driver.Run("MATCH (h:Hub {n: 'hub'}) UNWIND range(1, 1000) AS i CREATE (h)-[:R]->(:Leaf {i: i})");
        await driver.Run("MATCH (h:Hub {n: 'small'}) UNWIND range(1, 1000) AS i CREATE (h)-[:R]->(:Leaf {i: i})");
        for (var batch = 0; batch < 6; batch++)
            await driver.Run("MATCH (h:Hub {n: 'mid'}) UNWIND range(1, 1000) AS i CREATE (h)-[:R]->(:Leaf {i: i})");
        const string fused = "MATCH (s:Start)-[:P]->(h:Hub)-[:R]->(x:Leaf) WHERE s.i = $i RETURN s.i AS k, count(*) AS n";
        Assert.Contains("ChainCount", driver.Explain(fused));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => driver.Run(fused, new { i = 1 }));
        Assert.Contains("QueryMemoryLimit", error.Message);
        for (var run = 0; run < 10; run++)
        {
            Assert.Equal(["2|1000"], RowTexts.InOrder(await driver.Run(fused, new { i = 2 })));
            Assert.Equal(["3|6000"], RowTexts.InOrder(await driver.Run(fused, new { i = 3 })));
        }
    }
}
