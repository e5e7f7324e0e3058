using Graph.Engine.Execution;

namespace Graph.Engine.Tests.Runtime;

/// <summary>The bulk-load shape (UNWIND $rows ... MATCH by key ... CREATE): plan and semantics of its fast paths.</summary>
public class BulkWriteTests
{
    private const string LoadEdges =
        "UNWIND $rows AS row MATCH (a:Expert) WHERE a.id = row.from MATCH (b:Claim) WHERE b.id = row.to " +
        "CREATE (a)-[:ENDORSES {confidence: row.confidence, section: row.section}]->(b)";

    private static async Task<EmbeddedDriver> Graph()
    {
        var driver = Engine.New();
        await driver.Run("CREATE CONSTRAINT expert_id FOR (e:Expert) REQUIRE e.id IS UNIQUE");
        await driver.Run("CREATE CONSTRAINT claim_id FOR (c:Claim) REQUIRE c.id IS UNIQUE");
        await driver.Run("UNWIND $rows AS row CREATE (:Expert {id: row.id, name: row.name})", new
        {
            rows = new[] { Row(("id", "e1"), ("name", "One")), Row(("id", "e2"), ("name", null)), Row(("id", 3L), ("name", "Three")) },
        });
        await driver.Run("UNWIND ['c1', 'c2'] AS id CREATE (:Claim {id: id})");
        return driver;
    }

    private static Dictionary<string, object?> Row(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);

    [Fact]
    public async Task Seeks_answer_the_where_equality_without_a_second_filter_and_create_every_row()
    {
        await using var driver = await Graph();
        var rows = new[]
        {
            Row(("from", "e1"), ("to", "c1"), ("confidence", 0.5), ("section", "A")),
            Row(("from", "e2"), ("to", "c1"), ("confidence", 0.5), ("section", "A")),
            Row(("from", 3.0), ("to", "c2"), ("confidence", 1.0), ("section", null)), // 3 = 3.0 in Cypher
            Row(("from", "missing"), ("to", "c2"), ("confidence", 1.0), ("section", "B")),
            Row(("from", null), ("to", "c2"), ("confidence", 1.0), ("section", "B")), // null matches nothing
        };
        var result = await driver.Run(LoadEdges, new { rows });
        Assert.Equal(3, result.Summary.Counters.RelationshipsCreated);
        Assert.Equal(5, result.Summary.Counters.PropertiesSet); // the null section is not set

        var plan = driver.Compile(LoadEdges);
        Assert.Equal(2, plan.Root.Descendants().OfType<NodeIndexSeekOp>().Count());
        Assert.DoesNotContain(plan.Root.Descendants(), op => op is FilterOp);
        Assert.Single(plan.Root.Descendants().OfType<EagerOp>()); // before the CREATE; none after a final one

        var stored = await driver.Run("MATCH (a:Expert)-[r:ENDORSES]->(c:Claim) RETURN a.id AS a, c.id AS c, r.confidence AS conf, r.section AS s ORDER BY c, conf, s");
        Assert.Equal(["e1|c1|0.5|A", "e2|c1|0.5|A", "3|c2|1|"],
            stored.Records.Select(r => string.Join("|", r.Values.Select(v => v is double d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : v?.ToString()))));
        // The caller's row maps are read, never changed.
        Assert.Equal("e1", rows[0]["from"]);
        Assert.Equal(4, rows[0].Count);
    }

    [Fact]
    public async Task A_temporal_value_equals_no_stored_property_through_the_seek_either()
    {
        await using var driver = await Graph();
        await driver.Run("CREATE (:Expert {id: '2020-01-01'})");
        const string query = "MATCH (a:Expert) WHERE a.id = date('2020-01-01') RETURN count(a)";
        Assert.Equal(0L, await driver.Scalar(query));
        Assert.Equal(1L, await driver.Scalar("MATCH (a:Expert) WHERE a.id = toString(date('2020-01-01')) RETURN count(a)"));
    }

    [Fact]
    public async Task A_literal_map_with_a_repeated_key_keeps_the_last_value()
    {
        await using var driver = await Graph();
        await driver.Run("CREATE (:Note {text: 'first', text: 'last'})");
        Assert.Equal("last", await driver.Scalar("MATCH (n:Note) RETURN n.text"));
    }

    [Fact]
    public async Task Nested_parameter_values_are_converted_for_the_engine()
    {
        await using var driver = await Graph();
        var rows = new object[] { new Dictionary<string, object?> { ["id"] = "e9", ["tags"] = new List<object?> { 1, 2 } } };
        await driver.Run("UNWIND $rows AS row CREATE (:Expert {id: row.id, tags: row.tags})", new { rows });
        Assert.Equal(2L, await driver.Scalar("MATCH (e:Expert {id: 'e9'}) RETURN e.tags[1]"));
    }
}
