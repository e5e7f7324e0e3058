using Graph.Client;
namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// DISTINCT aggregates remember nodes and relationships by id and other values by Cypher equivalence: compared with the
/// same values made distinct by <c>WITH DISTINCT</c> (a different operator) on mixed columns.
/// </summary>
public class DistinctAggregateTests
{
    private const string Graph =
        "CREATE (a:P {id: 'a', v: 1}), (b:P {id: 'b', v: 1.0}), (c:P {id: 'c'}), (a)-[:K]->(b), (a)-[:K]->(b), (b)-[:K]->(b), (c)-[:L]->(a) " +
        "WITH a UNWIND range(1, 200) AS i CREATE (a)-[:M]->(:Q {id: i % 50})";

    private static Task<EmbeddedDriver> Build() => Engine.NewWith(Graph);

    [Theory]
    // nodes reached many times (more than the set keeps hashed), relationships along parallel edges and self-loops
    [InlineData("MATCH (x)-[r]-(y) RETURN x.id AS k, count(DISTINCT y) AS n, count(DISTINCT r) AS m",
        "MATCH (x)-[r]-(y) WITH DISTINCT x.id AS k, y RETURN k, count(y) AS n, 0 AS m",
        "MATCH (x)-[r]-(y) WITH DISTINCT x.id AS k, r RETURN k, 0 AS n, count(r) AS m")]
    // one column holding nodes, relationships, 1 and 1.0, lists, strings and nulls: entities never equal other values
    [InlineData("MATCH (x)-[r]->(y) UNWIND [x, r, y, x.v, y.v, [x.v], [1], 'a', x.id, null] AS v RETURN count(DISTINCT v) AS n",
        "MATCH (x)-[r]->(y) UNWIND [x, r, y, x.v, y.v, [x.v], [1], 'a', x.id, null] AS v WITH DISTINCT v RETURN count(v) AS n", null)]
    [InlineData("MATCH (x:P)-[r]-(y) RETURN x.id AS k, size(collect(DISTINCT y)) AS n",
        "MATCH (x:P)-[r]-(y) WITH DISTINCT x.id AS k, y RETURN k, size(collect(y)) AS n", null)]
    public async Task Distinct_aggregates_count_each_value_once(string query, string plain, string? plainSecond)
    {
        await using var driver = await Build();
        var expected = RowTexts.Sorted(await driver.Run(plain));
        var actual = RowTexts.Sorted(await driver.Run(query));
        if (plainSecond is null)
        {
            Assert.Equal(expected, actual);
            return;
        }
        // the query's two columns come from two plain queries (k|n|0 and k|0|m)
        var second = RowTexts.Sorted(await driver.Run(plainSecond));
        var merged = expected.Zip(second, (n, m) => string.Join("|", n.Split('|')[0], n.Split('|')[1], m.Split('|')[2])).ToList();
        Assert.Equal(merged, actual);
    }

    [Fact]
    public async Task Collect_distinct_keeps_the_nodes_in_first_seen_order()
    {
        await using var driver = await Build();
        var result = await driver.Run("MATCH (a {id: 'a'})-[:M]->(q) WITH q ORDER BY q.id DESC, id(q) RETURN [n IN collect(DISTINCT q) | n.id] AS ids");
        var ids = ((IEnumerable<object?>)result.Records.Single()["ids"]!).Select(v => (long)v!).ToList();
        Assert.Equal(200, ids.Count);
        Assert.Equal(ids.OrderByDescending(i => i).ToList(), ids);
    }
}
