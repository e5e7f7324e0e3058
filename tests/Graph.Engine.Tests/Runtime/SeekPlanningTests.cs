using Graph.Engine.Execution;

namespace Graph.Engine.Tests.Runtime;

/// <summary>Nodes pinned by a unique key are sought by the index, wherever they sit in the pattern.</summary>
public class SeekPlanningTests
{
    private const string SharedPositions =
        "MATCH (a:Expert {id: $a})-[r1:ENDORSES|CRITICIZES]->(c:Claim)<-[r2:ENDORSES|CRITICIZES]-(b:Expert {id: $b}) " +
        "RETURN c.id AS claim, type(r1) AS s1, type(r2) AS s2 ORDER BY claim";

    /// <summary>20 experts; expert i endorses claims i..i+4 (mod 10) when i is even, criticizes them when odd.</summary>
    private static async Task<EmbeddedDriver> Debate(bool unique)
    {
        var driver = Engine.New();
        if (unique) await driver.Run("CREATE CONSTRAINT expert_id FOR (e:Expert) REQUIRE e.id IS UNIQUE");
        await driver.Run("UNWIND range(0, 9) AS i CREATE (:Claim {id: 'c' + toString(i)})");
        await driver.Run(
            "UNWIND range(0, 19) AS i CREATE (e:Expert {id: 'e' + toString(i)}) WITH e, i " +
            "UNWIND range(i, i + 4) AS k MATCH (c:Claim {id: 'c' + toString(k % 10)}) " +
            "FOREACH (_ IN CASE WHEN i % 2 = 0 THEN [1] ELSE [] END | CREATE (e)-[:ENDORSES]->(c)) " +
            "FOREACH (_ IN CASE WHEN i % 2 = 1 THEN [1] ELSE [] END | CREATE (e)-[:CRITICIZES]->(c))");
        await driver.Run("MATCH (x:Expert), (y:Expert) WHERE x.id < y.id AND toInteger(substring(x.id, 1)) + 1 = toInteger(substring(y.id, 1)) CREATE (x)-[:AGREES_WITH]->(y)");
        return driver;
    }

    private static async Task<List<string>> Rows(EmbeddedDriver driver, string query, object parameters) =>
        (await driver.Run(query, parameters)).Records.Select(r => string.Join("|", r.Values.Select(v => v?.ToString()))).ToList();

    [Fact]
    public async Task Shared_positions_seek_both_experts_and_expand_into_the_second()
    {
        await using var indexed = await Debate(unique: true);
        await using var plain = await Debate(unique: false);
        var parameters = new { a = "e2", b = "e5" };
        var expected = await Rows(plain, SharedPositions, parameters);
        Assert.Equal(["c5|ENDORSES|CRITICIZES", "c6|ENDORSES|CRITICIZES"], expected);
        Assert.Equal(expected, await Rows(indexed, SharedPositions, parameters));

        var run = await indexed.Profile(SharedPositions, parameters);
        var seeks = run.All<NodeIndexSeekOp>();
        Assert.Equal(2, seeks.Count);
        Assert.All(seeks, s => Assert.Equal(1, s.IndexedSeeks));
        Assert.DoesNotContain(run.Plan.Root.Descendants(), op => op is NodeScanOp);
        // the last hop only keeps relationships into the bound b, and the first already only the claims b also has a
        // stance on: 2 of a's 5 claims, then their 2 relationships from b
        var expands = run.All<ExpandOp>().Select(e => e.Rows).OrderBy(n => n).ToList();
        Assert.Equal([2L, 2L], expands);
        Assert.Contains("Expand(Into)((c)<-[r2:ENDORSES|CRITICIZES]-(b), indexing a repeated end)", indexed.Explain(SharedPositions));
    }

    [Fact]
    public async Task Where_equality_on_a_unique_key_also_pins_a_later_node()
    {
        await using var driver = await Debate(unique: true);
        const string query = "MATCH (a:Expert)-[:ENDORSES]->(c:Claim)<-[:ENDORSES]-(b:Expert) WHERE a.id = $a AND b.id = $b RETURN c.id ORDER BY c.id";
        var rows = await Rows(driver, query, new { a = "e0", b = "e2" });
        Assert.Equal(["c2", "c3", "c4"], rows);
        Assert.Equal(2, driver.Compile(query).Root.Descendants().OfType<NodeIndexSeekOp>().Count());
    }

    [Fact]
    public async Task Shortest_path_seeks_both_endpoints_by_the_index()
    {
        await using var indexed = await Debate(unique: true);
        await using var plain = await Debate(unique: false);
        const string query = "MATCH p = shortestPath((a:Expert {id: $a})-[:AGREES_WITH*..4]-(b:Expert {id: $b})) RETURN length(p) AS hops";
        Assert.Equal(3L, await indexed.Scalar(query, new { a = "e3", b = "e6" }));
        Assert.Equal(3L, await plain.Scalar(query, new { a = "e3", b = "e6" }));
        Assert.Empty((await indexed.Run(query, new { a = "e3", b = "e9" })).Records);

        var run = await indexed.Profile(query, new { a = "e3", b = "e6" });
        Assert.Equal(3L, run.Result.Single()[0]);
        var seeks = run.All<NodeIndexSeekOp>();
        Assert.Equal(2, seeks.Count);
        Assert.All(seeks, s => Assert.True(s.IndexedSeeks >= 1));
        Assert.DoesNotContain(run.Plan.Root.Descendants(), op => op is NodeScanOp);
        Assert.Contains("NodeIndexSeek(b:Expert {id})", indexed.Explain(query));
    }

    [Fact]
    public async Task Shortest_path_seeks_an_endpoint_by_a_where_equality()
    {
        await using var driver = await Debate(unique: true);
        const string query = "MATCH p = shortestPath((a:Expert)-[:AGREES_WITH*]-(b:Expert)) WHERE a.id = 'e0' AND b.id = 'e4' RETURN length(p)";
        Assert.Equal(4L, await driver.Scalar(query));
        Assert.Equal(2, driver.Compile(query).Root.Descendants().OfType<NodeIndexSeekOp>().Count());
    }
}
