using Graph.Client;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// The fused reach count's batches decided from the store's string matches alone (every conjunct an <c>=</c> or
/// <c>&lt;&gt;</c> against a string, the store keeping columns of both keys): full batches of 64 ends whose ids are
/// numbers, strings, one string on many nodes, lists or missing, in both conjunct orders, against the unfused plan and the
/// depth-first one; in a reader, under PROFILE and in a transaction that has written (deleted and changed nodes).
/// </summary>
public class ReachCountMatchedBatchTests
{
    /// <summary>
    /// A hub with 150 spokes, each joined to two of 60 rim nodes (some by two relationships), every seventh spoke with a
    /// self-loop; ids by i % 5: a number, missing, a string of its own, 'dup' (shared), a list; names 'n0'..'n6'. Ten
    /// spokes are deleted in a commit of their own.
    /// </summary>
    private static async Task<EmbeddedDriver> Build()
    {
        var driver = await Engine.NewWith(
            "CREATE (h:H {id: 'hub', name: 'n2'}) WITH h UNWIND range(0, 149) AS i " +
            "CREATE (h)-[:K]->(s:S {name: 'n' + (i % 7)}) " +
            "SET s.id = CASE i % 5 WHEN 0 THEN i WHEN 1 THEN null WHEN 2 THEN 's' + i WHEN 3 THEN 'dup' ELSE [i, i + 1] END " +
            "WITH s, i UNWIND [i % 60, (i * 7) % 60, (i * 7) % 60] AS r MERGE (rim:R {id: CASE r % 3 WHEN 0 THEN 'dup' ELSE 'r' + r END, name: 'n' + (r % 7), k: r}) " +
            "CREATE (s)-[:K]->(rim) WITH DISTINCT s, i WHERE i % 7 = 0 CREATE (s)-[:K]->(s)");
        await driver.Run("MATCH (s:S) WHERE s.name = 'n4' WITH s LIMIT 10 DETACH DELETE s");
        // enough reads of both keys for the store to keep their columns
        await driver.Scalar("UNWIND range(1, 150) AS i MATCH (n) RETURN count(n.id) + count(n.name) AS reads");
        return driver;
    }

    public static TheoryData<string> Wheres() =>
    [
        "WHERE x.id <> s.id", "WHERE x.id = 'dup'", "WHERE x.id <> 'dup'", "WHERE x.id <> s.id AND x.name <> 'n3'",
        "WHERE x.name <> 'n3' AND x.id <> s.id", "WHERE x.name = 'n2' AND x.id <> 'dup'", "WHERE x.id = 'dup' AND x.name <> s.name",
        "WHERE x.name = s.name AND x.id = 'dup'", "WHERE x.id <> 'dup' AND x.id >= 's'", "WHERE s.id <> x.id AND 'n1' <> x.name",
    ];

    [Theory]
    [MemberData(nameof(Wheres))]
    public async Task A_batch_decided_by_the_stores_matches_counts_as_the_plans_it_replaces(string where)
    {
        await using var driver = await Build();
        var match = $"MATCH (s:H {{id: 'hub'}}) WITH s MATCH (s)-[:K*1..2]-(x) {where} ";
        var fused = match + "RETURN count(DISTINCT x) AS n";
        Assert.Contains("ReachCount", driver.Explain(fused));
        var expected = await driver.Scalar(match + "WITH DISTINCT x RETURN count(x) AS n");
        Assert.Equal(expected, await driver.Scalar(match + "RETURN count(DISTINCT x) AS n, count(DISTINCT s) AS starts"));
        Assert.Equal(expected, await driver.Scalar(fused));
        Assert.Equal(expected, (await driver.Profile(fused)).Result.Single()["n"]);

        // a writer's view: the store's matches are not asked for, the values are read from the writer's own changes
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("MATCH (x:S) WHERE x.name = 'n5' SET x.id = 'dup'");
        await tx.RunAsync("MATCH (x:R) WHERE x.k % 4 = 1 DETACH DELETE x");
        await tx.RunAsync("MATCH (h:H) CREATE (h)-[:K]->(:S {id: 'dup', name: 'n3'}), (h)-[:K]->(:S {id: 5, name: 'n2'})");
        var inTx = (await tx.RunAsync(match + "WITH DISTINCT x RETURN count(x) AS n")).Single()[0];
        Assert.Equal(inTx, (await tx.RunAsync(fused)).Single()[0]);
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task The_hub_reaches_its_spokes_and_rim_nodes()
    {
        await using var driver = await Build();
        // 140 spokes left and 60 rim nodes; the hub itself is no end (no trail of length 1..2 back to it)
        Assert.Equal(200L, await driver.Scalar("MATCH (s:H {id: 'hub'}) WITH s MATCH (s)-[:K*1..2]-(x) RETURN count(DISTINCT x) AS n"));
    }
}
