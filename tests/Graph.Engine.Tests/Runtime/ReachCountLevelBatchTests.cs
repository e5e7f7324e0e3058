using Graph.Client;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// The fused reach count's level batches: the ends' label check of 64 ends at a time through the store's label bitmaps,
/// and an <c>=</c> or <c>&lt;&gt;</c> of the end's id against a string decided by the store's presence bitmap of the key
/// and the string's holders in the label's index (<see cref="Graph.Engine.Execution.EndsByPresence"/>), then label and
/// comparison in one pass. Every statement is run often enough for the store to build the bitmaps, and compared each time
/// with the unfused plan and the depth-first one; under PROFILE, with two input rows, with deleted nodes, and in a
/// transaction that has written.
/// </summary>
public class ReachCountLevelBatchTests
{
    /// <summary>
    /// Two hubs (:H:E, ids 'hub' and 'hub2'); 'hub' has 300 spokes, 'hub2' the spokes i % 3 = 0 too. Spokes with i % 10 &lt; 8
    /// are :E (the others :S, and i % 20 = 0 also :F); spoke ids by i % 8: their own string, missing, a number, 'dup' (30
    /// :E nodes), a list, their own string but 'hub' for spoke 5, 'few' (6 :E nodes) or their own string, their own string.
    /// Each spoke is joined to one of 40 rim nodes (:E, ids 'r0'.., 'hub' for rim 7); every 13th spoke twice to its hub.
    /// An index on (:E, id); twelve spokes deleted in a commit of their own.
    /// </summary>
    private static async Task<EmbeddedDriver> Build()
    {
        var driver = await Engine.NewWith(
            "CREATE (h:H:E {id: 'hub'}), (h2:H:E {id: 'hub2'}) WITH h UNWIND range(0, 299) AS i " +
            "CREATE (h)-[:K]->(s:Spoke {i: i}) " +
            "SET s.id = CASE i % 8 WHEN 0 THEN 's' + i WHEN 1 THEN null WHEN 2 THEN i WHEN 3 THEN 'dup' WHEN 4 THEN [i] " +
            "  WHEN 5 THEN CASE WHEN i = 5 THEN 'hub' ELSE 'h' + i END WHEN 6 THEN CASE WHEN i < 60 THEN 'few' ELSE 'f' + i END " +
            "  ELSE 't' + i END");
        await driver.Run("MATCH (s:Spoke) WHERE s.i % 10 < 8 SET s:E");
        await driver.Run("MATCH (s:Spoke) WHERE s.i % 10 >= 8 SET s:S");
        await driver.Run("MATCH (s:Spoke) WHERE s.i % 20 = 0 SET s:F");
        await driver.Run("MATCH (h:H {id: 'hub2'}), (s:Spoke) WHERE s.i % 3 = 0 CREATE (h)-[:K]->(s)");
        await driver.Run("MATCH (h:H {id: 'hub'}), (s:Spoke) WHERE s.i % 13 = 0 CREATE (h)-[:K]->(s)");
        await driver.Run("UNWIND range(0, 39) AS k CREATE (:E:Rim {k: k, id: CASE k WHEN 7 THEN 'hub' ELSE 'r' + k END})");
        await driver.Run("MATCH (s:Spoke), (r:Rim) WHERE r.k = s.i % 40 CREATE (s)-[:K]->(r)");
        await driver.Run("CREATE INDEX FOR (n:E) ON (n.id)");
        await driver.Run("MATCH (s:Spoke) WHERE s.i % 25 = 1 DETACH DELETE s");
        return driver;
    }

    public static TheoryData<string, string> Statements()
    {
        const string oneHub = "MATCH (s:H {id: 'hub'}) WITH s ";
        const string twoHubs = "MATCH (s:H) WITH s ";
        return new()
        {
            { oneHub, "MATCH (s)-[:K*1..2]-(x:E) WHERE x.id <> s.id" },
            { oneHub, "MATCH (s)-[:K*1..2]-(x:E) WHERE s.id <> x.id" },
            { oneHub, "MATCH (s)-[:K*1..2]-(x:E) WHERE x.id = s.id" },
            { oneHub, "MATCH (s)-[:K*1..2]-(x:E) WHERE x.id <> 'dup'" },
            { oneHub, "MATCH (s)-[:K*1..2]-(x:E) WHERE x.id <> 'few'" },
            { oneHub, "MATCH (s)-[:K*1..2]-(x:E) WHERE x.id = 'few'" },
            { oneHub, "MATCH (s)-[:K*1..2]-(x:E) WHERE x.id <> 'nobody'" },
            { oneHub, "MATCH (s)-[:K*1..2]-(x:E) WHERE x.id <> 'r3'" },
            { oneHub, "MATCH (s)-[:K*1..2]-(x:E) WHERE x.id = 'r3'" },
            { oneHub, "MATCH (s)-[:K*0..2]-(x:E) WHERE x.id <> s.id" },
            { oneHub, "MATCH (s)-[:K*1..2]-(x:E:F) WHERE x.id <> s.id" },
            { oneHub, "MATCH (s)-[:K*1..2]-(x:S) WHERE x.id <> s.id" },
            { oneHub, "MATCH (s)-[:K*1..2]-(x:E)" },
            { oneHub, "MATCH (s)-[:K*1..2]-(x)" },
            { oneHub, "MATCH (s)-[:K*1..2]-(x) WHERE x.id <> s.id" },
            { twoHubs, "MATCH (s)-[:K*1..2]-(x:E) WHERE x.id <> s.id" },
            { twoHubs, "MATCH (s)-[:K*1..2]-(x:E)" },
            { twoHubs, "MATCH (s)-[:K*1..2]-(x:E) WHERE x.id = s.id" },
        };
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task A_level_counted_a_batch_at_a_time_counts_as_the_plans_it_replaces(string start, string pattern)
    {
        await using var driver = await Build();
        var match = start + pattern + " ";
        var fused = match + "RETURN count(DISTINCT x) AS n";
        Assert.Contains("ReachCount", driver.Explain(fused));
        var expected = await driver.Scalar(match + "WITH DISTINCT x RETURN count(x) AS n");
        Assert.Equal(expected, await driver.Scalar(match + "RETURN count(DISTINCT x) AS n, count(DISTINCT s) AS starts"));
        // from the first run (ends checked one by one, values read) to the runs after the store built its bitmaps
        for (var run = 0; run < 40; run++) Assert.Equal(expected, await driver.Scalar(fused));
        Assert.Equal(expected, (await driver.Profile(fused)).Result.Single()["n"]);

        // a writer's view: no bitmap, the values read from the writer's own changes
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("MATCH (x:Spoke) WHERE x.i % 8 = 0 SET x.id = 'hub'");
        await tx.RunAsync("MATCH (x:Spoke) WHERE x.i % 8 = 3 REMOVE x:E");
        await tx.RunAsync("MATCH (x:Rim) WHERE x.k % 5 = 1 DETACH DELETE x");
        await tx.RunAsync("MATCH (h:H) CREATE (h)-[:K]->(:E {id: 'hub'}), (h)-[:K]->(:E {id: 5}), (h)-[:K]->(:E)");
        var inTx = (await tx.RunAsync(match + "WITH DISTINCT x RETURN count(x) AS n")).Single()[0];
        Assert.Equal(inTx, (await tx.RunAsync(fused)).Single()[0]);
        await tx.RollbackAsync();

        // after a commit that changes ids: the bitmaps of the key are dropped with its column, the counts follow
        await driver.Run("MATCH (x:Spoke) WHERE x.i % 8 = 0 AND x.i < 100 SET x.id = 'hub'");
        var changed = await driver.Scalar(match + "WITH DISTINCT x RETURN count(x) AS n");
        for (var run = 0; run < 10; run++) Assert.Equal(changed, await driver.Scalar(fused));
    }

    [Fact]
    public async Task The_hub_reaches_its_labelled_spokes_and_rim_nodes_without_the_holders_of_its_id()
    {
        await using var driver = await Build();
        const string fused = "MATCH (s:H {id: 'hub'}) WITH s MATCH (s)-[:K*1..2]-(x:E) WHERE x.id <> s.id RETURN count(DISTINCT x) AS n";
        var labelled = await driver.Scalar("MATCH (s:H {id: 'hub'}) WITH s MATCH (s)-[:K*1..2]-(x:E) RETURN count(DISTINCT x) AS n");
        var withoutValue = await driver.Scalar("MATCH (s:H {id: 'hub'}) WITH s MATCH (s)-[:K*1..2]-(x:E) WHERE x.id IS NULL RETURN count(DISTINCT x) AS n");
        var holders = await driver.Scalar("MATCH (s:H {id: 'hub'}) WITH s MATCH (s)-[:K*1..2]-(x:E) WHERE x.id = 'hub' RETURN count(DISTINCT x) AS n");
        Assert.True((long)holders! > 1);
        for (var run = 0; run < 40; run++)
            Assert.Equal((long)labelled! - (long)withoutValue! - (long)holders, await driver.Scalar(fused));
    }
}
