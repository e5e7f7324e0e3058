using Graph.Client;
using static Graph.Engine.Tests.Runtime.PlanTree;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// ChainCount's loop over a hop whose far nodes' groups beyond are remembered (the stances' expert → claim hop: a claim's
/// (paradigm, sign) groups added cell by cell): remembered single groups, remembered tables of two or three groups,
/// claims with no group beyond (no alignment, or one to a node without the label), groups met for the first time with a
/// prefix (added whole), and the groups' cells laid out again while claims are remembered (institutions keep appearing).
/// Each fused query is compared as a set of rows with its row-by-row form (a WITH between the MATCH and the aggregation),
/// in a committed graph and in a transaction that has written.
/// </summary>
public class ChainCountKnownSuffixTests
{
    /// <summary>
    /// 240 experts with about six stances each (two types, parallel stances on some), affiliated to one of 90
    /// institutions (so their ids keep growing the cells' radix over the run); 40 claims with 0–3 alignments of signs of
    /// every kind (integers, strings, booleans, a float, none), some to a node without the paradigms' label.
    /// </summary>
    private static async Task<EmbeddedDriver> Build()
    {
        var driver = Engine.New();
        await driver.Run("UNWIND range(0, 3) AS k CREATE (:S {id: k})");
        await driver.Run("CREATE (:X {id: 'x'})");
        await driver.Run("UNWIND range(0, 39) AS k CREATE (:C {n: k, id: k % 9})");
        await driver.Run("UNWIND range(0, 239) AS k CREATE (:E {id: k})");
        await driver.Run("UNWIND range(0, 89) AS k CREATE (:I {n: k, id: CASE WHEN k % 5 = 0 THEN k ELSE 'i' + toString(k) END})");
        // claims n % 8 = 7 have no alignment; 0–2 one, 3–4 two, 5–6 three (one of them to a parallel paradigm)
        await driver.Run("MATCH (c:C), (s:S) WHERE c.n % 8 < 7 AND s.id = c.n % 4 CREATE (c)-[:T {sign: [1, -1, 'plus', true, 'minus', 2.0, null][c.n % 7]}]->(s)");
        await driver.Run("MATCH (c:C), (s:S) WHERE c.n % 8 IN [3, 4, 5, 6] AND s.id = (c.n + 1) % 4 CREATE (c)-[:T {sign: -1}]->(s)");
        await driver.Run("MATCH (c:C), (s:S) WHERE c.n % 8 IN [5, 6] AND s.id = (c.n + 2) % 4 CREATE (c)-[:T {sign: 'third'}]->(s)");
        await driver.Run("MATCH (c:C), (x:X) WHERE c.n % 8 = 7 OR c.n % 5 = 1 CREATE (c)-[:T {sign: 1}]->(x)");
        await driver.Run("MATCH (e:E), (c:C) WHERE (c.n * 7 + e.id) % 40 < 4 CREATE (e)-[:A]->(c)");
        await driver.Run("MATCH (e:E), (c:C) WHERE (c.n * 11 + e.id * 3) % 40 < 2 CREATE (e)-[:B]->(c)");
        await driver.Run("MATCH (e:E)-[:A]->(c:C) WHERE e.id % 17 = 0 CREATE (e)-[:A]->(c)");
        // affiliations: the first experts to the first institutions, so new institution ids come all along the scan
        await driver.Run("MATCH (e:E), (i:I) WHERE i.n = (e.id * 3 + e.id / 40) % 90 CREATE (e)-[:W]->(i)");
        return driver;
    }

    private const string Stances = "MATCH (i:I)<-[:W]-(:E)-[r:A|B]->(:C)-[a:T]->(p:S) ";

    /// <summary>The fused query's MATCH and RETURN, and the row-by-row form's WITH.</summary>
    public static TheoryData<string, string, string> Pairs => new()
    {
        // the stances shape, counted from the middle: the left side's first hop is the loop's
        { Stances, "i.id AS i, p.id AS p, type(r) AS t, a.sign AS s, count(*) AS n", "i, p, r, a" },
        // no key on the relationship of the loop's hop; the paradigm only
        { Stances, "i.id AS i, p.id AS p, count(*) AS n", "i, p" },
        // counted from the start: the expert's key, then the loop over its claims
        { "MATCH (e:E)-[r:A|B]->(:C)-[a:T]->(p:S) ", "e.id AS e, type(r) AS t, a.sign AS s, p.id AS p, count(*) AS n", "e, r, a, p" },
        // a key on the claim: the hop is not the loop's (a far node's key), the general walk
        { Stances, "i.id AS i, c.id AS c, type(r) AS t, a.sign AS s, count(*) AS n", "i, c, r, a" },
    };

    private static string Fused(string match, string keys) => match.Replace("(:C)", "(c:C)") + "RETURN " + keys;

    private static string RowByRow(string match, string keys, string carried) => match.Replace("(:C)", "(c:C)") + "WITH " + carried + " RETURN " + keys;

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task The_remembered_claims_are_counted_as_the_row_engine_counts_them(string match, string keys, string carried)
    {
        await using var driver = await Build();
        var fused = Fused(match, keys);
        var rowByRow = RowByRow(match, keys, carried);
        var plan = driver.Explain(fused);
        Assert.True(plan.Contains("ChainCount"), plan);
        Assert.DoesNotContain("ChainCount", driver.Explain(rowByRow));
        var expected = RowTexts.Sorted(await driver.Run(rowByRow));
        Assert.True(expected.Count > 100, $"{expected.Count} groups");
        // twice: the second run meets the store's label bitmaps and pooled cells
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run(fused)));
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run(fused)));
    }

    [Fact]
    public async Task The_stances_shape_is_counted_from_the_middle()
    {
        await using var driver = await Build();
        Assert.Contains("from the middle", driver.Explain(Fused(Stances, "i.id AS i, p.id AS p, type(r) AS t, a.sign AS s, count(*) AS n")));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task The_remembered_claims_see_the_uncommitted_writes_of_their_transaction(string match, string keys, string carried)
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        // a changed sign, a removed one, a number where a string was, a deleted alignment, a new one, a deleted claim,
        // a deleted expert, an expert's new stance, a paradigm's label removed
        await tx.RunAsync("MATCH (:C {n: 1})-[a:T]->() SET a.sign = 'changed'");
        await tx.RunAsync("MATCH (:C {n: 2})-[a:T]->() REMOVE a.sign");
        await tx.RunAsync("MATCH (:C {n: 4})-[a:T]->() SET a.sign = 4");
        await tx.RunAsync("MATCH (:C {n: 5})-[a:T]->() WITH a LIMIT 1 DELETE a");
        await tx.RunAsync("MATCH (c:C {n: 7}), (s:S {id: 0}) CREATE (c)-[:T {sign: 'new'}]->(s)");
        await tx.RunAsync("MATCH (c:C {n: 11}) DETACH DELETE c");
        await tx.RunAsync("MATCH (e:E {id: 12}) DETACH DELETE e");
        await tx.RunAsync("MATCH (e:E {id: 13}), (c:C {n: 3}) CREATE (e)-[:B]->(c)");
        await tx.RunAsync("MATCH (s:S {id: 3}) REMOVE s:S");
        var fused = Fused(match, keys);
        var rowByRow = RowByRow(match, keys, carried);
        var expected = RowTexts.Sorted(await tx.RunAsync(rowByRow));
        Assert.Equal(expected, RowTexts.Sorted(await tx.RunAsync(fused)));
        await tx.RollbackAsync();
        Assert.Equal(RowTexts.Sorted(await driver.Run(rowByRow)), RowTexts.Sorted(await driver.Run(fused)));
    }

    [Fact]
    public async Task Profile_counts_the_rows_of_the_remembered_claims()
    {
        await using var driver = await Build();
        var query = Fused(Stances, "i.id AS i, p.id AS p, type(r) AS t, a.sign AS s, count(*) AS n");
        var profiled = await driver.Run("PROFILE " + query);
        var counted = Flatten(profiled.Summary.Plan!).Single(p => p.OperatorType == "ChainCount");
        Assert.Equal(RowTexts.Sorted(await driver.Run(RowByRow(Stances, "i.id AS i, p.id AS p, type(r) AS t, a.sign AS s, count(*) AS n", "i, p, r, a"))),
            RowTexts.Sorted(profiled));
        Assert.Equal(RowTexts.InOrder(profiled).Count, counted.Rows);
    }
}
