using Graph.Client;

namespace Graph.Neo4j.Tests;

/// <summary>Each kind of statement through the connector and the server, with its counters.</summary>
public class StatementTests(ServerHarness server) : IClassFixture<ServerHarness>
{
    private async Task<QueryResult> Run(string query, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        return await session.RunAsync(query, parameters);
    }

    [Fact]
    public async Task Create_match_set_remove_delete_report_their_counters()
    {
        var create = await Run("CREATE (a:StA {id: 1, name: 'a'})-[:ST_REL {w: 1}]->(b:StA:StB {id: 2}) RETURN a.id AS id");
        Assert.Equal(new Counters { NodesCreated = 2, RelationshipsCreated = 1, PropertiesSet = 4, LabelsAdded = 3 }, create.Counters);
        Assert.Equal(QueryType.ReadWrite, create.Summary.QueryType);

        var set = await Run("MATCH (n:StA {id: 1}) SET n.name = 'A', n:StC RETURN n.name AS name");
        Assert.Equal("A", set.Single()["name"]);
        Assert.Equal(new Counters { PropertiesSet = 1, LabelsAdded = 1 }, set.Counters);

        var remove = await Run("MATCH (n:StA {id: 1}) REMOVE n.name, n:StC");
        Assert.Equal(new Counters { PropertiesSet = 1, LabelsRemoved = 1 }, remove.Counters);
        Assert.Empty(remove.Records);
        Assert.Equal(QueryType.WriteOnly, remove.Summary.QueryType);

        var delete = await Run("MATCH (n:StA) DETACH DELETE n");
        Assert.Equal(new Counters { NodesDeleted = 2, RelationshipsDeleted = 1 }, delete.Counters);
        Assert.Equal(0L, (await Run("MATCH (n:StA) RETURN count(n) AS c")).Single()["c"]);
    }

    [Fact]
    public async Task Merge_creates_once_then_matches()
    {
        const string merge = "MERGE (e:StExpert {id: $id}) ON CREATE SET e.created = true ON MATCH SET e.matched = true RETURN e.created AS created, e.matched AS matched";
        var first = await Run(merge, Params.Of(("id", "x")));
        var second = await Run(merge, Params.Of(("id", "x")));
        Assert.Equal(1, first.Counters.NodesCreated);
        Assert.Equal(0, second.Counters.NodesCreated);
        Assert.Equal(true, second.Single()["matched"]);
    }

    [Fact]
    public async Task Reading_clauses_unwind_with_aggregate_order_optional_union()
    {
        await Run("UNWIND range(1, 5) AS i CREATE (:StNum {i: i, even: i % 2 = 0})");

        var grouped = await Run("MATCH (n:StNum) WITH n.even AS even, count(*) AS c, collect(n.i) AS xs RETURN even, c, xs ORDER BY even");
        Assert.Equal(["even", "c", "xs"], grouped.Keys);
        Assert.Equal([false, true], grouped.Records.Select(r => r["even"]));
        Assert.Equal([3L, 2L], grouped.Records.Select(r => r["c"]));

        var page = await Run("MATCH (n:StNum) RETURN n.i AS i ORDER BY i DESC SKIP 1 LIMIT 2");
        Assert.Equal([4L, 3L], page.Records.Select(r => r["i"]));

        var optional = await Run("MATCH (n:StNum {i: 1}) OPTIONAL MATCH (n)-[:NOPE]->(m) RETURN n.i AS i, m");
        Assert.Null(optional.Single()["m"]);

        var union = await Run("RETURN 1 AS x UNION RETURN 2 AS x UNION RETURN 1 AS x");
        Assert.Equal([1L, 2L], union.Records.Select(r => r["x"]).Order());
        Assert.Equal(QueryType.ReadOnly, union.Summary.QueryType);
    }

    [Fact]
    public async Task Schema_statements_report_system_updates()
    {
        var created = await Run("CREATE CONSTRAINT st_unique_id IF NOT EXISTS FOR (n:StUnique) REQUIRE n.id IS UNIQUE");
        Assert.Equal(1, created.Counters.ConstraintsAdded);
        Assert.Equal(QueryType.SchemaWrite, created.Summary.QueryType);

        await Run("CREATE (:StUnique {id: 1})");
        var e = await Assert.ThrowsAsync<ClientException>(() => Run("CREATE (:StUnique {id: 1})"));
        Assert.Equal(Neo4jStatus.ConstraintValidationFailed, e.Code);

        var dropped = await Run("DROP CONSTRAINT st_unique_id");
        Assert.Equal(1, dropped.Counters.ConstraintsRemoved);
    }

    [Fact]
    public async Task Writes_return_bookmarks_that_the_session_keeps()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var result = await session.RunAsync("CREATE (:StBookmark)");
        Assert.NotNull(result.Summary.Bookmark);
        Assert.Equal([result.Summary.Bookmark!], session.LastBookmarks);
        await session.RunAsync("MATCH (n:StBookmark) RETURN n"); // sent with the bookmark; the server accepts it
    }
}
