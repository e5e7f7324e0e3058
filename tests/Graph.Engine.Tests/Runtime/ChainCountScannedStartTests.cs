using Graph.Client;
using static Graph.Engine.Tests.Runtime.PlanTree;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// ChainCount over the scan of its start label whose start keys are properties of the start node (the endorsements per
/// claim, <c>c.id</c>): the label's nodes read into a list and the keys read by node id, no row per start node; and the
/// last hop counted per node against the store's label bitmaps (every endorser checked for <c>:E</c>). Each fused query is
/// compared as a set of rows (and, where the start's order decides the groups' order, in order) with its row-by-row form,
/// in a committed graph, in a transaction that has written, and under PROFILE (where the scan runs as an operator).
/// </summary>
public class ChainCountScannedStartTests
{
    /// <summary>
    /// 30 claims whose ids are integers, strings, floats equal to an integer, booleans or missing; 60 experts (some also
    /// :F) endorsing about a quarter of them, a few twice; endorsements from nodes that are not experts; claims no one endorses.
    /// </summary>
    private static async Task<EmbeddedDriver> Build()
    {
        var driver = Engine.New();
        await driver.Run("UNWIND range(0, 29) AS k CREATE (:C {n: k, id: CASE k % 6 WHEN 0 THEN k WHEN 1 THEN 'c' + toString(k % 4) WHEN 2 THEN 1.0 WHEN 3 THEN 1 WHEN 4 THEN true END, w: k % 3})");
        await driver.Run("UNWIND range(0, 59) AS k CREATE (:E {id: k})");
        await driver.Run("MATCH (e:E) WHERE e.id % 3 = 0 SET e:F");
        await driver.Run("UNWIND range(0, 9) AS k CREATE (:X {id: k})");
        await driver.Run("MATCH (e:E), (c:C) WHERE (e.id + c.n) % 4 = 0 AND c.n % 10 <> 9 CREATE (e)-[:A]->(c)");
        await driver.Run("MATCH (e:E)-[:A]->(c:C) WHERE e.id % 11 = 0 CREATE (e)-[:A]->(c)");
        await driver.Run("MATCH (x:X), (c:C) WHERE (x.id + c.n) % 3 = 0 CREATE (x)-[:A]->(c)");
        await driver.Run("MATCH (e:E), (c:C) WHERE (e.id * 7 + c.n) % 5 = 0 CREATE (e)-[:B]->(c)");
        return driver;
    }

    /// <summary>The fused query's MATCH and RETURN, and the row-by-row form's WITH.</summary>
    public static TheoryData<string, string, string> Pairs => new()
    {
        // the endorsements per claim: one hop, the start key by id, endorsers checked against :E
        { "MATCH (:E)-[:A]->(c:C) ", "c.id AS claim, count(*) AS n", "c" },
        // two properties of the start, one of them missing on some claims; two labels at the far end
        { "MATCH (:E:F)-[:A]->(c:C) ", "c.id AS claim, c.nothing AS x, c.w AS w, count(*) AS n", "c" },
        // both types; two hops from the start (the last one to the experts' other claims)
        { "MATCH (:E)-[:A|B]->(c:C) ", "c.w AS w, count(*) AS n", "c" },
        { "MATCH (c:C)<-[:A]-(:E)-[:B]->(d:C) ", "c.id AS claim, d.w AS w, count(*) AS n", "c, d" },
        // a start key that is not a property (the scan runs as an operator) and one that is an expression of one
        { "MATCH (:E)-[:A]->(c:C) ", "c AS claim, count(*) AS n", "c" },
        { "MATCH (:E)-[:A]->(c:C) ", "toString(c.id) AS claim, count(*) AS n", "c" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task The_scanned_start_gives_the_row_by_row_groups(string match, string keys, string carried)
    {
        await using var driver = await Build();
        var fused = match + "RETURN " + keys;
        var rowByRow = match + "WITH " + carried + " RETURN " + keys;
        var plan = driver.Explain(fused);
        Assert.True(plan.Contains("ChainCount"), plan);
        Assert.DoesNotContain("ChainCount", driver.Explain(rowByRow));
        var expected = RowTexts.Sorted(await driver.Run(rowByRow));
        Assert.NotEmpty(expected);
        // a few times: the store's label bitmaps are taken after the first statements' lookups
        for (var run = 0; run < 4; run++) Assert.Equal(expected, RowTexts.Sorted(await driver.Run(fused)));
    }

    [Fact]
    public async Task The_groups_come_in_the_scans_order_with_the_first_claims_values()
    {
        await using var driver = await Build();
        // 1.0 and 1 are one group: the row engine shows the value of the group's first claim in the scan's order
        const string query = "MATCH (:E)-[:A]->(c:C) RETURN c.id AS claim, count(*) AS n";
        var fused = RowTexts.InOrder(await driver.Run(query));
        Assert.Equal(RowTexts.InOrder(await driver.Run("PROFILE " + query)), fused);
        Assert.Equal(RowTexts.InOrder(await driver.Run("MATCH (:E)-[:A]->(c:C) WITH c RETURN c.id AS claim, count(*) AS n")), fused);
    }

    [Fact]
    public async Task A_chain_with_no_key_counts_every_path_and_an_unknown_label_none()
    {
        await using var driver = await Build();
        Assert.Contains("ChainCount", driver.Explain("MATCH (c:C)<-[:A]-(:E) RETURN count(*) AS n"));
        Assert.Equal(await driver.Scalar("MATCH (c:C)<-[:A]-(:E) WITH c RETURN count(*) AS n"), await driver.Scalar("MATCH (c:C)<-[:A]-(:E) RETURN count(*) AS n"));
        Assert.Equal(
            RowTexts.Sorted(await driver.Run("MATCH (c:C)<-[:A]-(:E)-[:B]->(d:C) WITH c, d RETURN count(*) AS n")),
            RowTexts.Sorted(await driver.Run("MATCH (c:C)<-[:A]-(:E)-[:B]->(d:C) RETURN count(*) AS n")));
        Assert.Empty((await driver.Run("MATCH (:E)-[:A]->(c:Nothing) RETURN c.id AS claim, count(*) AS n")).Records);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task The_scanned_start_sees_the_uncommitted_writes_of_its_transaction(string match, string keys, string carried)
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        // a changed id, a removed one, a number where a string was, a deleted claim, a new claim with endorsers, a claim
        // that lost its label, an endorser that lost :E, a deleted endorser, a new endorsement
        await tx.RunAsync("MATCH (c:C {n: 1}) SET c.id = 'changed'");
        await tx.RunAsync("MATCH (c:C {n: 2}) REMOVE c.id");
        await tx.RunAsync("MATCH (c:C {n: 7}) SET c.id = 7, c.w = 'w'");
        await tx.RunAsync("MATCH (c:C {n: 8}) DETACH DELETE c");
        await tx.RunAsync("MATCH (e:E) WHERE e.id < 5 CREATE (e)-[:A]->(:C {n: 100, id: 'new', w: 1})");
        await tx.RunAsync("MATCH (c:C {n: 12}) REMOVE c:C");
        await tx.RunAsync("MATCH (e:E {id: 4}) REMOVE e:E");
        await tx.RunAsync("MATCH (e:E {id: 8}) DETACH DELETE e");
        await tx.RunAsync("MATCH (e:E {id: 9}), (c:C {n: 13}) CREATE (e)-[:A]->(c)");
        var fused = match + "RETURN " + keys;
        var rowByRow = match + "WITH " + carried + " RETURN " + keys;
        Assert.Equal(RowTexts.Sorted(await tx.RunAsync(rowByRow)), RowTexts.Sorted(await tx.RunAsync(fused)));
        await tx.RollbackAsync();
        Assert.Equal(RowTexts.Sorted(await driver.Run(rowByRow)), RowTexts.Sorted(await driver.Run(fused)));
    }

    [Fact]
    public async Task Profile_shows_the_scans_rows_and_the_same_groups()
    {
        await using var driver = await Build();
        const string query = "MATCH (:E)-[:A]->(c:C) RETURN c.id AS claim, count(*) AS n";
        var profiled = await driver.Run("PROFILE " + query);
        Assert.Equal(RowTexts.Sorted(await driver.Run(query)), RowTexts.Sorted(profiled));
        var plan = profiled.Summary.Plan!;
        Assert.Equal(30L, Flatten(plan).Single(p => p.OperatorType == "NodeByLabelScan").Rows);
        Assert.Equal(RowTexts.InOrder(profiled).Count, Flatten(plan).Single(p => p.OperatorType == "ChainCount").Rows);
    }

    [Fact]
    public async Task A_correlated_subquery_counts_its_chain_for_each_outer_row()
    {
        await using var driver = await Build();
        const string inner = "MATCH (c:C)<-[:A]-(:E)-[:B]->(d:C) ";
        var fused = "UNWIND [1, 2] AS k CALL { WITH k " + inner + "RETURN c.id AS claim, d.w + k AS w, count(*) AS n } RETURN k, claim, w, n";
        var rowByRow = "UNWIND [1, 2] AS k CALL { WITH k " + inner + "WITH k, c, d RETURN c.id AS claim, d.w + k AS w, count(*) AS n } RETURN k, claim, w, n";
        Assert.Equal(RowTexts.Sorted(await driver.Run(rowByRow)), RowTexts.Sorted(await driver.Run(fused)));
        var plain = "UNWIND [1, 2] AS k CALL { " + inner + "RETURN c.id AS claim, count(*) AS n } RETURN k, claim, n";
        var plainRowByRow = "UNWIND [1, 2] AS k CALL { " + inner + "WITH c RETURN c.id AS claim, count(*) AS n } RETURN k, claim, n";
        Assert.Equal(RowTexts.Sorted(await driver.Run(plainRowByRow)), RowTexts.Sorted(await driver.Run(plain)));
    }
}
