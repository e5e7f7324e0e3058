using Graph.Client;

namespace Graph.Engine.Tests.Runtime;

/// <summary>Label and relationship type expressions give the same rows as the equivalent boolean WHERE forms.</summary>
public class LabelExpressionTests
{
    /// <summary>32 nodes whose labels A, B, C follow the bits of i (node 0 has none); relationships R, S, T between neighbours.</summary>
    private static async Task<EmbeddedDriver> Graph()
    {
        var driver = Engine.New();
        await driver.Run("""
            UNWIND range(0, 31) AS i
            CREATE (n {i: i})
            FOREACH (_ IN CASE WHEN i % 2 = 1 THEN [1] ELSE [] END | SET n:A)
            FOREACH (_ IN CASE WHEN (i / 2) % 2 = 1 THEN [1] ELSE [] END | SET n:B)
            FOREACH (_ IN CASE WHEN (i / 4) % 2 = 1 THEN [1] ELSE [] END | SET n:C)
            """);
        await driver.Run("""
            MATCH (a), (b) WHERE b.i = a.i + 1
            CREATE (a)-[:R {k: a.i}]->(b)
            WITH a, b WHERE a.i % 3 = 0 CREATE (a)-[:S {k: a.i}]->(b)
            WITH a, b WHERE a.i % 5 = 0 CREATE (b)-[:T {k: a.i}]->(a)
            """);
        return driver;
    }

    private static async Task<List<long>> Ids(EmbeddedDriver driver, string query) =>
        (await driver.Run(query)).Records.Select(r => (long)r[0]!).Order().ToList();

    [Theory]
    [InlineData("MATCH (n:A|B) RETURN n.i", "MATCH (n) WHERE n:A OR n:B RETURN n.i")]
    [InlineData("MATCH (n:A&B) RETURN n.i", "MATCH (n) WHERE n:A AND n:B RETURN n.i")]
    [InlineData("MATCH (n:!A) RETURN n.i", "MATCH (n) WHERE NOT n:A RETURN n.i")]
    [InlineData("MATCH (n:%) RETURN n.i", "MATCH (n) WHERE size(labels(n)) > 0 RETURN n.i")]
    [InlineData("MATCH (n:!%) RETURN n.i", "MATCH (n) WHERE size(labels(n)) = 0 RETURN n.i")]
    [InlineData("MATCH (n:(A|B)&!C) RETURN n.i", "MATCH (n) WHERE (n:A OR n:B) AND NOT n:C RETURN n.i")]
    [InlineData("MATCH (n:A&(B|!C)) RETURN n.i", "MATCH (n) WHERE n:A AND (n:B OR NOT n:C) RETURN n.i")]
    [InlineData("MATCH (n:A|B|C) RETURN n.i", "MATCH (n) WHERE n:A OR n:B OR n:C RETURN n.i")]
    [InlineData("MATCH (n) WHERE n:A|C RETURN n.i", "MATCH (n) WHERE n:A OR n:C RETURN n.i")]
    [InlineData("MATCH (n) WHERE n:!(A&B) RETURN n.i", "MATCH (n) WHERE NOT (n:A AND n:B) RETURN n.i")]
    [InlineData("MATCH (a:A)-[:R]->(b:!A&(B|C)) RETURN b.i", "MATCH (a:A)-[:R]->(b) WHERE NOT b:A AND (b:B OR b:C) RETURN b.i")]
    [InlineData("MATCH (a:B|C)-[:R]->(b:A|B) RETURN a.i * 100 + b.i", "MATCH (a)-[:R]->(b) WHERE (a:B OR a:C) AND (b:A OR b:B) RETURN a.i * 100 + b.i")]
    [InlineData("MATCH (n:A|B {i: 3}) RETURN n.i", "MATCH (n) WHERE (n:A OR n:B) AND n.i = 3 RETURN n.i")]
    [InlineData("MATCH ()-[r:!R]->() RETURN r.k", "MATCH ()-[r]->() WHERE type(r) <> 'R' RETURN r.k")]
    [InlineData("MATCH ()-[r:%]->() RETURN r.k", "MATCH ()-[r]->() RETURN r.k")]
    [InlineData("MATCH ()-[r:R|S]->() RETURN r.k", "MATCH ()-[r]->() WHERE type(r) IN ['R', 'S'] RETURN r.k")]
    [InlineData("MATCH ()-[r:(R|S)&!S]->() RETURN r.k", "MATCH ()-[r:R]->() RETURN r.k")]
    [InlineData("MATCH ()-[r]->() WHERE r:S|T RETURN r.k", "MATCH ()-[r]->() WHERE type(r) = 'S' OR type(r) = 'T' RETURN r.k")]
    [InlineData("MATCH (a {i: 0})-[:!T*1..3]->(b) RETURN b.i", "MATCH (a {i: 0})-[rs*1..3]->(b) WHERE all(r IN rs WHERE type(r) <> 'T') RETURN b.i")]
    [InlineData("MATCH (n) RETURN size([x IN [n] WHERE x:A | x.i])", "MATCH (n) RETURN CASE WHEN n:A THEN 1 ELSE 0 END")]
    [InlineData("MATCH (n) RETURN size([x IN [n] WHERE x:(A|B) | x.i])", "MATCH (n) RETURN CASE WHEN n:A OR n:B THEN 1 ELSE 0 END")]
    public async Task A_label_expression_matches_what_its_boolean_form_matches(string expression, string boolean)
    {
        await using var driver = await Graph();
        var expected = await Ids(driver, boolean);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await Ids(driver, expression));
    }

    [Fact]
    public async Task A_disjunction_of_labels_is_a_union_of_label_scans_with_each_node_once()
    {
        await using var driver = await Graph();
        Assert.Contains("UnionNodeByLabelsScan(n:A|B)", driver.Explain("MATCH (n:A|B) RETURN n"));
        Assert.Equal(24L, await driver.Scalar("MATCH (n:A|B) RETURN count(n)"));
        Assert.Equal(24L, await driver.Scalar("MATCH (n:A|B) RETURN count(DISTINCT n)"));
        Assert.Equal(0L, await driver.Scalar("MATCH (n:Missing|Absent) RETURN count(n)"));
    }

    [Theory]
    [InlineData("MATCH (n:A:B|C) RETURN n", "InvalidLabelExpression")]
    [InlineData("CREATE (n:A|B)", "InvalidLabelExpression")]
    [InlineData("MERGE (n:!A)", "InvalidLabelExpression")]
    [InlineData("CREATE ()-[:R|S]->()", "NoSingleRelationshipType")]
    [InlineData("MATCH (n) SET n:A|B", "UnexpectedSyntax")]
    [InlineData("MATCH (n:A|) RETURN n", "UnexpectedSyntax")]
    public async Task Label_expressions_where_they_are_not_allowed_are_syntax_errors(string query, string detail)
    {
        await using var driver = Engine.New();
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.Run(query));
        Assert.Equal(Neo4jStatus.SyntaxError, error.Code);
        Assert.Equal(detail, error.Detail);
    }

    [Fact]
    public async Task Create_with_a_conjunction_of_labels_still_works()
    {
        await using var driver = Engine.New();
        await driver.Run("CREATE (:A&B {v: 1}), (:A:C {v: 2})");
        Assert.Equal(["A", "B"], ((IEnumerable<object?>)(await driver.Run("MATCH (n {v: 1}) RETURN labels(n)")).Single()[0]!).Cast<string>().Order());
    }
}
