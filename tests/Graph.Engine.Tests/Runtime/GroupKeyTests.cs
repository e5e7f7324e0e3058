using Graph.Client;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// An aggregation keyed by entities finds a row's group by a tuple of entity ids, relationship types and the values of
/// relationship properties (integers, booleans, null; other values by the relationship). Each query is compared with
/// the same grouping made through a WITH, which the aggregation must evaluate key by key: same rows, same order.
/// </summary>
public class GroupKeyTests
{
    /// <summary>
    /// Fictional reviews: weights that are integers, an equal float, a string, booleans and missing ones; parallel
    /// relationships, a self-loop, two types, both directions.
    /// </summary>
    private const string Graph =
        "CREATE (a:P {id: 'a'}), (b:P {id: 'b'}), (c:P {id: 'c'}), (d:Q {id: 'd'}) " +
        "CREATE (a)-[:K {w: 1}]->(b), (a)-[:K {w: 1}]->(b), (a)-[:K {w: 1.0}]->(c), (a)-[:K {w: 2}]->(c), (b)-[:K {w: true}]->(c), " +
        "(b)-[:K {w: 'x'}]->(a), (c)-[:K]->(a), (c)-[:L {w: 1}]->(a), (a)-[:L {w: false}]->(a), (d)-[:K {w: 0}]->(a), (d)-[:L]->(b), " +
        "(a)-[:K {w: 'x'}]->(d), (b)-[:L {w: 2}]->(b)";

    /// <summary>The query grouped by entity and its plain form: keys copied through a WITH hold values, not entities, so every row's group is found by evaluating its keys.</summary>
    public static TheoryData<string, string> Pairs => new()
    {
        { "MATCH ()-[r]->() RETURN r.w AS w, count(*) AS n", "MATCH ()-[r]->() WITH r.w AS w RETURN w, count(*) AS n" },
        { "MATCH (x)-[r]-(y) RETURN x.id AS x, r.w AS w, type(r) AS t, count(*) AS n", "MATCH (x)-[r]-(y) WITH x.id AS x, r.w AS w, type(r) AS t RETURN x, w, t, count(*) AS n" },
        { "MATCH (x:P)-[r:K]->(y)-[s]->(z) RETURN y.id AS y, r.w AS rw, s.w AS sw, type(s) AS t, count(*) AS n, collect(z.id) AS zs",
          "MATCH (x:P)-[r:K]->(y)-[s]->(z) WITH y.id AS y, r.w AS rw, s.w AS sw, type(s) AS t, z RETURN y, rw, sw, t, count(*) AS n, collect(z.id) AS zs" },
        { "MATCH (x) OPTIONAL MATCH (x)-[r:L]->() RETURN x.id AS x, r.w AS w, count(r) AS n", "MATCH (x) OPTIONAL MATCH (x)-[r:L]->() WITH x.id AS x, r.w AS w, r RETURN x, w, count(r) AS n" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Grouping_by_relationship_property_values_gives_the_plain_groups(string query, string plain)
    {
        await using var driver = Engine.New();
        await driver.Run(Graph);
        Assert.Contains("Aggregation(by entity and value)", driver.Explain(query));
        Assert.DoesNotContain("and value", driver.Explain(plain));
        var expected = RowTexts.InOrder(await driver.Run(plain));
        Assert.Equal(expected, RowTexts.InOrder(await driver.Run(query)));

        // the transaction's own changes: created, deleted and re-weighted relationships
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("MATCH (a {id: 'a'}), (d {id: 'd'}) CREATE (d)-[:K {w: 1}]->(a), (a)-[:K {w: 7}]->(d), (d)-[:L {w: 'x'}]->(d)");
        await tx.RunAsync("MATCH ()-[r:K {w: 2}]->() DELETE r");
        await tx.RunAsync("MATCH ()-[r:K]->() WHERE r.w = true SET r.w = 1");
        await tx.RunAsync("MATCH (c {id: 'c'}) DETACH DELETE c");
        var changed = RowTexts.InOrder(await tx.RunAsync(plain));
        Assert.NotEqual(expected, changed);
        Assert.Equal(changed, RowTexts.InOrder(await tx.RunAsync(query)));
        await tx.RollbackAsync();
    }
}
