using Graph.Client;
using static Graph.Engine.Tests.Runtime.PlanTree;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// ChainCount's run of remembered claims added straight to the int cells (the stances' expert → claim hop once the
/// claims' memo is indexed by node id, from 2,048 claims on): single groups, tables of two or three groups, claims with no
/// group beyond, and every way out of the run — a group not made yet for this expert's institution, a claim seen for the
/// first time, another relationship type, the cells laid out again as institutions keep coming. Each fused query is
/// compared as a set of rows with its row-by-row form (a WITH between the MATCH and the aggregation), twice, in a
/// transaction that has written (and after its rollback), and under PROFILE.
/// </summary>
public class ChainCountKnownRunTests
{
    private const int Claims = 3000;
    private const int Experts = 700;

    /// <summary>
    /// 3,000 claims with 0–3 alignments (signs of every kind: integers, strings, a boolean, a float, null; some to a node
    /// without the paradigms' label), 700 experts with about ten stances each of two types (some parallel), affiliated to
    /// one of 60 institutions whose ids are integers or strings, the later institutions met only late in the scan.
    /// </summary>
    private static async Task<EmbeddedDriver> Build()
    {
        var driver = Engine.New();
        await driver.Run("CREATE CONSTRAINT c_n FOR (c:C) REQUIRE c.n IS UNIQUE");
        await driver.Run("CREATE CONSTRAINT e_n FOR (e:E) REQUIRE e.n IS UNIQUE");
        await driver.Run("UNWIND range(0, 3) AS k CREATE (:S {id: CASE WHEN k = 2 THEN 'two' ELSE k END})");
        await driver.Run("CREATE (:X {id: 'x'})");
        await driver.Run($"UNWIND range(0, {Claims - 1}) AS k CREATE (:C {{n: k, id: k % 9}})");
        await driver.Run($"UNWIND range(0, {Experts - 1}) AS k CREATE (:E {{n: k, id: k}})");
        await driver.Run("UNWIND range(0, 59) AS k CREATE (:I {n: k, id: CASE WHEN k % 3 = 0 THEN k ELSE 'i' + toString(k) END})");
        // claims n % 8 = 7 have no alignment; 0–2 one, 3–4 two, 5–6 three
        await driver.Run("MATCH (c:C), (s:S) WHERE c.n % 8 < 7 AND (s.id = c.n % 4 OR (s.id = 'two' AND c.n % 4 = 2)) " +
                         "CREATE (c)-[:T {sign: [1, -1, 'plus', true, 'minus', 2.0, null][c.n % 7]}]->(s)");
        await driver.Run("MATCH (c:C), (s:S) WHERE c.n % 8 IN [3, 4, 5, 6] AND (s.id = (c.n + 1) % 4 OR (s.id = 'two' AND (c.n + 1) % 4 = 2)) " +
                         "CREATE (c)-[:T {sign: -1}]->(s)");
        await driver.Run("MATCH (c:C), (s:S) WHERE c.n % 8 IN [5, 6] AND s.id = 0 CREATE (c)-[:T {sign: 'third'}]->(s)");
        await driver.Run("MATCH (c:C), (x:X) WHERE c.n % 8 = 7 OR c.n % 5 = 1 CREATE (c)-[:T {sign: 1}]->(x)");
        // stances: each expert's claims spread over all claims, so most claims are met by several experts
        await driver.Run($"UNWIND range(0, {Experts * 8 - 1}) AS k MATCH (e:E {{n: k % {Experts}}}), (c:C {{n: (k * 7919) % {Claims}}}) CREATE (e)-[:A]->(c)");
        await driver.Run($"UNWIND range(0, {Experts * 2 - 1}) AS k MATCH (e:E {{n: k % {Experts}}}), (c:C {{n: (k * 104729 + 13) % {Claims}}}) CREATE (e)-[:B]->(c)");
        await driver.Run("MATCH (e:E)-[:A]->(c:C) WHERE e.n % 29 = 0 CREATE (e)-[:A]->(c)");
        // affiliations: the scan meets new institutions all along (expert n goes to institution n * 60 / 700, mixed a little)
        await driver.Run($"MATCH (e:E), (i:I) WHERE i.n = (e.n * 60 / {Experts} + e.n % 3) % 60 CREATE (e)-[:W]->(i)");
        return driver;
    }

    private const string Stances = "MATCH (i:I)<-[:W]-(:E)-[r:A|B]->(c:C)-[a:T]->(p:S) ";

    /// <summary>The fused query's RETURN and the row-by-row form's WITH.</summary>
    public static TheoryData<string, string> Keys => new()
    {
        { "i.id AS i, p.id AS p, type(r) AS t, a.sign AS s, count(*) AS n", "i, p, r, a" },
        // no key on the loop's relationship
        { "i.id AS i, p.id AS p, a.sign AS s, count(*) AS n", "i, p, a" },
        // the relationship's type only beyond the institution
        { "i.id AS i, type(r) AS t, count(*) AS n", "i, r" },
    };

    private static string Fused(string keys) => Stances + "RETURN " + keys;

    private static string RowByRow(string keys, string carried) => Stances + "WITH " + carried + " RETURN " + keys;

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task The_runs_of_remembered_claims_count_as_the_row_engine_counts(string keys, string carried)
    {
        await using var driver = await Build();
        Assert.Contains("from the middle", driver.Explain(Fused(keys)));
        var expected = RowTexts.Sorted(await driver.Run(RowByRow(keys, carried)));
        Assert.True(expected.Count > 50, $"{expected.Count} groups");
        // twice: the second run meets the store's label bitmaps and pooled cells
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run(Fused(keys))));
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run(Fused(keys))));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task The_runs_see_the_uncommitted_writes_of_their_transaction(string keys, string carried)
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        // changed, removed and retyped signs, a deleted alignment, new alignments, deleted claims and experts, new stances,
        // a paradigm's label removed
        await tx.RunAsync("MATCH (c:C)-[a:T]->() WHERE c.n % 97 = 1 SET a.sign = 'changed'");
        await tx.RunAsync("MATCH (c:C)-[a:T]->() WHERE c.n % 89 = 2 REMOVE a.sign");
        await tx.RunAsync("MATCH (c:C)-[a:T]->() WHERE c.n % 83 = 4 SET a.sign = 4");
        await tx.RunAsync("MATCH (c:C {n: 5})-[a:T]->() WITH a LIMIT 1 DELETE a");
        await tx.RunAsync("MATCH (c:C), (s:S {id: 1}) WHERE c.n % 101 = 7 CREATE (c)-[:T {sign: 'new'}]->(s)");
        await tx.RunAsync("MATCH (c:C) WHERE c.n % 113 = 11 DETACH DELETE c");
        await tx.RunAsync("MATCH (e:E) WHERE e.n % 131 = 12 DETACH DELETE e");
        await tx.RunAsync("MATCH (e:E), (c:C) WHERE e.n % 50 = 13 AND c.n = e.n * 3 CREATE (e)-[:B]->(c)");
        await tx.RunAsync("MATCH (s:S {id: 3}) REMOVE s:S");
        var expected = RowTexts.Sorted(await tx.RunAsync(RowByRow(keys, carried)));
        Assert.Equal(expected, RowTexts.Sorted(await tx.RunAsync(Fused(keys))));
        await tx.RollbackAsync();
        Assert.Equal(RowTexts.Sorted(await driver.Run(RowByRow(keys, carried))), RowTexts.Sorted(await driver.Run(Fused(keys))));
    }

    [Fact]
    public async Task Profile_shows_the_groups_the_runs_counted()
    {
        await using var driver = await Build();
        const string keys = "i.id AS i, p.id AS p, type(r) AS t, a.sign AS s, count(*) AS n";
        var profiled = await driver.Run("PROFILE " + Fused(keys));
        var counted = Flatten(profiled.Summary.Plan!).Single(p => p.OperatorType == "ChainCount");
        Assert.Equal(RowTexts.Sorted(await driver.Run(RowByRow(keys, "i, p, r, a"))), RowTexts.Sorted(profiled));
        Assert.Equal(RowTexts.InOrder(profiled).Count, counted.Rows);
    }

    [Fact]
    public async Task The_total_is_every_path()
    {
        await using var driver = await Build();
        var total = (long)(await driver.Run(Stances + "WITH 1 AS one RETURN count(*) AS n")).Records.Single()["n"]!;
        var groups = await driver.Run(Fused("i.id AS i, p.id AS p, type(r) AS t, a.sign AS s, count(*) AS n"));
        Assert.Equal(total, groups.Records.Sum(r => (long)r["n"]!));
    }
}
