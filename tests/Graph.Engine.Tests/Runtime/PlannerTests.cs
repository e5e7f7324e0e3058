using Graph.Engine.Execution;

namespace Graph.Engine.Tests.Runtime;

public class PlannerTests
{
    [Fact]
    public async Task Merge_on_a_unique_key_seeks_the_index()
    {
        await using var driver = Engine.New();
        await driver.Run("CREATE CONSTRAINT person_id FOR (p:Person) REQUIRE p.id IS UNIQUE");
        await driver.Run("UNWIND range(1, 200) AS i CREATE (:Person {id: 'p' + toString(i)})");
        const string merge = "UNWIND $ids AS id MERGE (p:Person {id: id}) ON MATCH SET p.seen = true RETURN count(p)";
        var result = await driver.Run(merge, new { ids = new[] { "p5", "p7", "new" } });
        Assert.Equal(3L, result.Single()[0]);
        Assert.Equal(1, result.Counters.NodesCreated);

        var run = await driver.Profile(merge, new { ids = new[] { "p5", "p7", "new" } });
        Assert.Equal(3L, run.Result.Single()[0]);
        Assert.Equal(3, run.Single<NodeIndexSeekOp>().IndexedSeeks);
        Assert.DoesNotContain(run.Plan.Root.Descendants(), op => op is NodeScanOp);
        Assert.Contains("NodeIndexSeek(p:Person {id})", driver.Explain(merge));
    }

    [Fact]
    public async Task Match_with_where_equality_on_an_indexed_key_seeks_and_returns_the_node()
    {
        await using var driver = Engine.New();
        await driver.Run("CREATE INDEX claim_id FOR (c:Claim) ON (c.id)");
        await driver.Run("UNWIND range(1, 100) AS i CREATE (:Claim {id: i})");
        const string query = "MATCH (c:Claim) WHERE c.id = $id RETURN c.id AS id";
        var run = await driver.Profile(query, new { id = 42 });
        Assert.Equal(42L, run.Result.Single()["id"]);
        var seek = run.Single<NodeIndexSeekOp>();
        Assert.Equal(1, seek.IndexedSeeks);
        Assert.Equal(1, seek.Rows);
    }

    [Fact]
    public async Task A_new_index_serves_a_statement_planned_before_it()
    {
        await using var driver = Engine.New();
        await driver.Run("UNWIND range(1, 50) AS i CREATE (:Doc {n: i})");
        const string query = "MATCH (d:Doc {n: $n}) RETURN d.n";
        var before = await driver.Profile(query, new { n = 7 });
        Assert.Equal(7L, before.Result.Single()[0]);
        Assert.Equal(0, before.Single<NodeIndexSeekOp>().IndexedSeeks);
        await driver.Run("CREATE INDEX doc_n FOR (d:Doc) ON (d.n)");
        var after = await driver.Profile(query, new { n = 8 });
        Assert.Equal(8L, after.Result.Single()[0]);
        Assert.Equal(1, after.Single<NodeIndexSeekOp>().IndexedSeeks);
    }

    [Fact]
    public async Task Where_about_one_node_filters_before_expanding()
    {
        await using var driver = Engine.New();
        await driver.Run("UNWIND range(0, 9) AS i CREATE (:L {x: i})-[:R]->(:M {y: i})");
        // count(b), not count(*): count(*) fuses the hop and its filter on b into a ChainCount (ChainCountTallyTests)
        const string query = "MATCH (a:L)-[:R]->(b:M) WHERE a.x > 7 AND b.y < 9 RETURN count(b)";
        var run = await driver.Profile(query);
        Assert.Equal(1L, run.Result.Single()[0]);
        Assert.Equal(2, run.Single<ExpandOp>().Rows);
    }

    [Fact]
    public async Task Statements_are_cached_by_text()
    {
        await using var driver = Engine.New();
        for (var i = 0; i < 5; i++) await driver.Run("UNWIND $xs AS x MERGE (:T {v: x})", new { xs = new[] { 1, 2 } });
        Assert.Equal(2L, await driver.Scalar("MATCH (t:T) RETURN count(t)"));
        Assert.True(driver.PlanCacheStatistics.Hits >= 4);
    }

    [Fact]
    public async Task Show_indexes_lists_neo4j_columns()
    {
        await using var driver = Engine.New();
        await driver.Run("CREATE CONSTRAINT expert_id IF NOT EXISTS FOR (e:Expert) REQUIRE e.id IS UNIQUE");
        var again = await driver.Run("CREATE CONSTRAINT expert_id IF NOT EXISTS FOR (e:Expert) REQUIRE e.id IS UNIQUE");
        Assert.Equal(0, again.Counters.ConstraintsAdded);
        var rows = await driver.Run("SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, owningConstraint");
        var row = Assert.Single(rows.Records);
        Assert.Equal("expert_id", row["name"]);
        Assert.Equal("NODE", row["entityType"]);
        Assert.Equal(new object?[] { "Expert" }, (IReadOnlyList<object?>)row["labelsOrTypes"]!);
        Assert.Equal(new object?[] { "id" }, (IReadOnlyList<object?>)row["properties"]!);
        Assert.Equal("expert_id", row["owningConstraint"]);
        var dropped = await driver.Run("DROP CONSTRAINT expert_id");
        Assert.Equal(1, dropped.Counters.ConstraintsRemoved);
        Assert.Empty((await driver.Run("SHOW CONSTRAINTS")).Records);
    }
}
