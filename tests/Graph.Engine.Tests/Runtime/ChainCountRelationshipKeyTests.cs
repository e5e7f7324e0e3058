using Graph.Client;
using static Graph.Engine.Tests.Runtime.PlanTree;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// ChainCount's keys that read one property of a hop's relationship (<c>a.sign</c>): read from the store by relationship
/// id, the hop reading ids only (or, when something else needs the whole relationship, beside it). Each fused query is
/// compared as a set of rows with its row-by-row form (a WITH between the MATCH and the aggregation keeps the planner from
/// fusing them), in a committed graph and in a transaction that has written. Also the middle start's scan of its label
/// through the store's bitmap once the store keeps one.
/// </summary>
public class ChainCountRelationshipKeyTests
{
    /// <summary>
    /// Experts with about five stances each (the planner starts the stances shape in the middle); the claims' alignments
    /// hold signs of every kind (integers, strings, booleans, none, a float equal to an integer, a list) and a second
    /// property, the affiliations a year on some; parallel alignments, and alignments to a node without the label.
    /// </summary>
    private static async Task<EmbeddedDriver> Build()
    {
        var driver = Engine.New();
        await driver.Run("UNWIND range(0, 3) AS k CREATE (:S {id: k})");
        await driver.Run("CREATE (:X {id: 'x'})");
        await driver.Run("UNWIND range(0, 19) AS k CREATE (:C {n: k, id: k % 7})");
        await driver.Run("UNWIND range(0, 39) AS k CREATE (:E {id: k})");
        await driver.Run("UNWIND range(0, 5) AS k CREATE (:I {n: k, id: 'i' + toString(k % 4)})");
        await driver.Run("MATCH (c:C), (s:S) WHERE s.id = c.n % 4 CREATE (c)-[:T {sign: [1, -1, 'plus', true, 'minus', 2][c.n % 6], w: c.n % 3}]->(s)");
        await driver.Run("MATCH (c:C)-[t:T]->(s) WHERE c.n % 5 = 0 CREATE (c)-[:T {sign: t.sign}]->(s)");
        await driver.Run("MATCH (c:C), (s:S {id: 2}) WHERE c.n % 7 = 3 CREATE (c)-[:T]->(s)");
        await driver.Run("MATCH (c:C), (x:X) WHERE c.n % 3 = 0 CREATE (c)-[:T {sign: 1}]->(x)");
        await driver.Run("MATCH (e:E), (c:C) WHERE ((c.n - e.id * 3) % 20 + 20) % 20 IN [0, 1, 2, 5, 9] AND (c.n + e.id) % 3 = 0 CREATE (e)-[:A]->(c)");
        await driver.Run("MATCH (e:E), (c:C) WHERE ((c.n - e.id * 3) % 20 + 20) % 20 IN [0, 1, 2, 5, 9] AND (c.n + e.id) % 3 <> 0 CREATE (e)-[:B]->(c)");
        await driver.Run("MATCH (e:E), (i:I) WHERE i.n = e.id % 7 CREATE (e)-[:W {since: CASE WHEN e.id % 2 = 0 THEN 2000 + e.id % 3 END}]->(i)");
        await driver.Run("MATCH (e:E {id: 7}), (i:I {n: 1}) CREATE (e)-[:W {since: 'then'}]->(i)");
        return driver;
    }

    private const string Stances = "MATCH (i:I)<-[w:W]-(:E)-[r:A|B]->(:C)-[a:T]->(p:S) ";

    /// <summary>The fused query's RETURN and the row-by-row form's WITH (the same MATCH before both).</summary>
    public static TheoryData<string, string, string> Pairs => new()
    {
        // the stances shape, counted from the middle: a.sign on the left side's last hop
        { Stances, "i.id AS i, p.id AS p, type(r) AS t, a.sign AS s, count(*) AS n", "i, p, r, a" },
        // two properties and the type of one relationship
        { Stances, "a.sign AS s, a.w AS w, type(a) AS t, count(*) AS n", "a" },
        // a property of the right side's relationship (the middle's other side) and of the left's
        { Stances, "w.since AS y, a.sign AS s, count(*) AS n", "w, a" },
        // a property no relationship has (an unknown key: null for every path)
        { Stances, "a.nothing AS x, r.sign AS s, count(*) AS n", "a, r" },
        // one hop from the start, and two hops counted from the start
        { "MATCH (c:C)-[a:T]->(p:S) ", "a.sign AS s, p.id AS p, count(*) AS n", "a, p" },
        { "MATCH (p:S)<-[a:T]-(c:C)<-[r:A]-(e:E) ", "a.w AS w, c.id AS c, count(*) AS n", "a, c" },
        // a conjunct on the relationship: the hop reads whole relationships, the key still by id
        { "MATCH (e:E) MATCH (e)-[r:A|B]->(c:C)-[a:T]->(p:S) WHERE a.w > 0 ", "a.sign AS s, type(r) AS t, count(*) AS n", "a, r" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_key_on_a_relationship_property_gives_the_row_by_row_groups(string match, string keys, string carried)
    {
        await using var driver = await Build();
        var fused = match + "RETURN " + keys;
        var rowByRow = match + "WITH " + carried + " RETURN " + keys;
        var plan = driver.Explain(fused);
        Assert.True(plan.Contains("ChainCount"), plan);
        Assert.DoesNotContain("ChainCount", driver.Explain(rowByRow));
        var expected = RowTexts.Sorted(await driver.Run(rowByRow));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run(fused)));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_key_on_a_relationship_property_sees_the_uncommitted_writes_of_its_transaction(string match, string keys, string carried)
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        // a changed sign, a removed one, a number where a string was, a deleted alignment, a new one, a changed year
        await tx.RunAsync("MATCH (:C {n: 1})-[a:T]->() SET a.sign = 'changed'");
        await tx.RunAsync("MATCH (:C {n: 2})-[a:T]->() REMOVE a.sign");
        await tx.RunAsync("MATCH (:C {n: 4})-[a:T]->() SET a.sign = 4, a.w = 'w'");
        await tx.RunAsync("MATCH (:C {n: 5})-[a:T]->() WITH a LIMIT 1 DELETE a");
        await tx.RunAsync("MATCH (c:C {n: 6}), (s:S {id: 0}) CREATE (c)-[:T {sign: 'new', w: 1}]->(s)");
        await tx.RunAsync("MATCH (:E {id: 8})-[w:W]->() SET w.since = 1999");
        var fused = match + "RETURN " + keys;
        var expected = RowTexts.Sorted(await tx.RunAsync(match + "WITH " + carried + " RETURN " + keys));
        Assert.Equal(expected, RowTexts.Sorted(await tx.RunAsync(fused)));
        await tx.RollbackAsync();
        // the committed graph again after the rollback
        Assert.Equal(RowTexts.Sorted(await driver.Run(match + "WITH " + carried + " RETURN " + keys)), RowTexts.Sorted(await driver.Run(fused)));
    }

    [Fact]
    public async Task Profile_counts_the_rows_of_a_chain_keyed_on_a_relationship_property()
    {
        await using var driver = await Build();
        const string query = Stances + "RETURN i.id AS i, p.id AS p, type(r) AS t, a.sign AS s, count(*) AS n";
        Assert.Contains("from the middle", driver.Explain(query));
        var profiled = await driver.Run("PROFILE " + query);
        var counted = Flatten(profiled.Summary.Plan!).Single(p => p.OperatorType == "ChainCount");
        Assert.Equal(RowTexts.Sorted(await driver.Run(Stances + "WITH i, p, r, a RETURN i.id AS i, p.id AS p, type(r) AS t, a.sign AS s, count(*) AS n")),
            RowTexts.Sorted(profiled));
        Assert.Equal(RowTexts.InOrder(profiled).Count, counted.Rows);
    }

    /// <summary>
    /// The middle start's scan reads the store's bitmap of its label once the store keeps one for the reader's snapshot
    /// (the scans' lookups, reported each time, pay for it after a few dozen statements): one db hit instead of one per
    /// expert, the same groups; after a commit that changes the label's membership, and in a reader older than that commit
    /// (which must not read the newer bitmap), the groups are still the row engine's.
    /// </summary>
    [Fact]
    public async Task The_middle_scan_reads_the_labels_bitmap_only_for_the_snapshot_it_holds_for()
    {
        await using var driver = await Build();
        const string keys = "i.id AS i, p.id AS p, type(r) AS t, a.sign AS s, count(*) AS n";
        const string fused = Stances + "RETURN " + keys;
        const string rowByRow = Stances + "WITH i, p, r, a RETURN " + keys;
        Assert.Contains("from the middle", driver.Explain(fused));
        var expected = RowTexts.Sorted(await driver.Run(rowByRow));
        var first = await driver.Run("PROFILE " + fused);
        Assert.Equal(expected, RowTexts.Sorted(first));
        // 40 experts a scan: the store's minimum of lookups before a bitmap is passed within 30 statements
        for (var run = 0; run < 30; run++) Assert.Equal(expected, RowTexts.Sorted(await driver.Run(fused)));
        var later = await driver.Run("PROFILE " + fused);
        Assert.Equal(expected, RowTexts.Sorted(later));
        long Hits(QueryResult r) => Flatten(r.Summary.Plan!).Sum(p => p.DbHits ?? 0);
        Assert.True(Hits(later) < Hits(first) - 30, $"{Hits(first)} then {Hits(later)} db hits");

        // an older reader, then a commit that changes who is an expert (a label removed, a new expert with a stance)
        await using var oldSession = driver.AsyncSession(SessionConfig.Read);
        var old = await oldSession.BeginTransactionAsync();
        var oldExpected = RowTexts.Sorted(await old.RunAsync(rowByRow));
        Assert.Equal(oldExpected, RowTexts.Sorted(await old.RunAsync(fused)));
        await driver.Run("MATCH (e:E {id: 3}) REMOVE e:E");
        await driver.Run("MATCH (c:C {n: 4}), (i:I {n: 2}) CREATE (i)<-[:W]-(:E {id: 'new'})-[:A]->(c)");
        var changed = RowTexts.Sorted(await driver.Run(rowByRow));
        Assert.NotEqual(expected, changed);
        // the scans after the commit read the index (and pay for a new bitmap), then the new bitmap
        for (var run = 0; run < 30; run++) Assert.Equal(changed, RowTexts.Sorted(await driver.Run(fused)));
        Assert.True(Hits(await driver.Run("PROFILE " + fused)) < Hits(first) - 30);
        Assert.Equal(RowTexts.Sorted(await old.RunAsync(rowByRow)), RowTexts.Sorted(await old.RunAsync(fused)));
        await old.RollbackAsync();
    }
}
