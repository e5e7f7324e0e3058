namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// The read-path shortcuts (aggregation grouped by entity ids, top-k sort, variable-length hops producing each end once)
/// return exactly what the plain plans return. Each query is compared with a form the shortcut does not apply to.
/// </summary>
public class ReadPlanShapeTests
{
    /// <summary>
    /// Duplicated ids on different nodes (two 'a'), a missing property, 1 and 1.0, parallel relationships, a self-loop,
    /// two relationship types in both directions and a node of another label.
    /// </summary>
    private static async Task<EmbeddedDriver> Build()
    {
        var driver = Engine.New();
        await driver.Run(
            "CREATE (a:P {id: 'a', v: 1}), (b:P {id: 'b', v: 2}), (c:P {id: 'c'}), (d:P {id: 'a', v: 3}), (e:Q {id: 'e', v: 1.0}), (f:P {id: 'f', v: 1}), (:P {id: 'lonely'}) " +
            "CREATE (a)-[:K]->(b), (a)-[:K]->(b), (b)-[:K]->(c), (c)-[:L]->(a), (a)-[:K]->(a), (d)-[:K]->(b), (e)-[:K]->(b), (b)-[:L]->(e), (f)-[:K]->(a)");
        return driver;
    }

    private static async Task<List<string>> Rows(EmbeddedDriver driver, string query, object? parameters = null) =>
        (await driver.Run(query, parameters)).Records.Select(r => string.Join("|", r.Values.Select(Show))).ToList();

    /// <summary>A value as text for comparing results (nodes by their id property, floats marked).</summary>
    internal static string Show(object? v) => v switch
    {
        null => "null",
        global::Graph.Client.Node n => "node:" + n.Properties.GetValueOrDefault("id"),
        IEnumerable<object?> list when v is not string => "[" + string.Join(",", list.Select(Show)) + "]",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f",
        _ => v.ToString() ?? "",
    };

    [Theory]
    [InlineData("MATCH (x)-[r]->(y) RETURN y.id AS k, count(*) AS n", "MATCH (x)-[r]->(y) RETURN head([y.id]) AS k, count(*) AS n")]
    [InlineData("MATCH (x)-[r]-(y) RETURN x.v AS v, type(r) AS t, count(*) AS n, collect(y.id) AS ys",
        "MATCH (x)-[r]-(y) RETURN head([x.v]) AS v, head([type(r)]) AS t, count(*) AS n, collect(y.id) AS ys")]
    [InlineData("MATCH (x) OPTIONAL MATCH (x)-[r:K]->(y) RETURN y.id AS k, type(r) AS t, count(*) AS n, count(y) AS m",
        "MATCH (x) OPTIONAL MATCH (x)-[r:K]->(y) RETURN head([y.id]) AS k, head([type(r)]) AS t, count(*) AS n, count(y) AS m")]
    [InlineData("MATCH (x:P)-[r]->(y) RETURN y AS node, count(*) AS n, sum(x.v) AS s", "MATCH (x:P)-[r]->(y) RETURN head([y]) AS node, count(*) AS n, sum(x.v) AS s")]
    [InlineData("MATCH (x)-[r]->(y) WHERE x.id = 'nobody' RETURN y.id AS k, count(*) AS n", "MATCH (x)-[r]->(y) WHERE x.id = 'nobody' RETURN head([y.id]) AS k, count(*) AS n")]
    public async Task Grouping_by_entity_ids_returns_the_plain_groups_in_the_same_order(string query, string plain)
    {
        await using var driver = await Build();
        Assert.Contains("Aggregation(by entity)", driver.Explain(query));
        Assert.DoesNotContain("Aggregation(by entity)", driver.Explain(plain));
        Assert.Equal(await Rows(driver, plain), await Rows(driver, query));
    }

    [Fact]
    public async Task Expands_below_an_aggregation_share_one_row_buffer_without_changing_results()
    {
        await using var driver = await Build();
        const string query = "MATCH (x)-[r]->(y)-[s]-(z:P) WHERE z.id <> x.id RETURN x.id AS k, collect(id(r)) AS rs, collect([y.id, type(s), z.id]) AS tail, count(*) AS n";
        const string plain = "MATCH p = (x)-[r]->(y)-[s]-(z:P) WHERE z.id <> x.id RETURN head([x.id]) AS k, collect(id(r)) AS rs, collect([y.id, type(s), z.id]) AS tail, count(*) AS n";
        var expands = driver.Compile(query).Root.Descendants().OfType<global::Graph.Engine.Execution.ExpandOp>().ToList();
        Assert.Equal(2, expands.Count);
        Assert.All(expands, e => Assert.True(e.ReuseRows));
        Assert.All(driver.Compile(plain).Root.Descendants().OfType<global::Graph.Engine.Execution.ExpandOp>(), e => Assert.False(e.ReuseRows));
        Assert.Equal(await Rows(driver, plain), await Rows(driver, query));
    }

    [Fact]
    public async Task Grouping_stays_exact_after_the_entity_cache_gives_up_on_rarely_repeated_entities()
    {
        await using var driver = Engine.New();
        await driver.Run("UNWIND range(0, 2999) AS i CREATE (:N {g: i % 7, i: i})");
        const string query = "UNWIND range(1, 3) AS k MATCH (n:N) WHERE n.i % k = 0 RETURN n.g AS g, n AS node, count(*) AS c";
        const string plain = "UNWIND range(1, 3) AS k MATCH (n:N) WHERE n.i % k = 0 RETURN head([n.g]) AS g, head([n]) AS node, count(*) AS c";
        Assert.Contains("Aggregation(by entity)", driver.Explain(query));
        var rows = await Rows(driver, query);
        Assert.Equal(3000, rows.Count);
        Assert.Equal(await Rows(driver, plain), rows);
    }

    [Fact]
    public async Task Grouping_by_a_property_merges_different_nodes_with_equivalent_values()
    {
        await using var driver = await Build();
        // two nodes have id 'a'; 1 and 1.0 are the same group
        Assert.Equal(["a|2", "b|1", "c|1", "e|1", "f|1", "lonely|1"], await Rows(driver, "MATCH (x) RETURN x.id AS id, count(*) AS n ORDER BY id"));
        Assert.Equal(["1|3", "2|1", "3|1", "null|2"], await Rows(driver, "MATCH (x) RETURN x.v AS v, count(*) AS n ORDER BY v"));
    }

    [Fact]
    public async Task A_statement_that_writes_groups_by_value()
    {
        await using var driver = await Build();
        const string query = "MATCH (x:P) SET x.seen = true WITH x RETURN x.id AS id, count(*) AS n";
        Assert.DoesNotContain("Aggregation(by entity)", driver.Explain(query));
        Assert.Equal(["a|2", "b|1", "c|1", "f|1", "lonely|1"], (await Rows(driver, query)).Order().ToList());
    }

    [Theory]
    [InlineData("MATCH (x)-[r]-(y) RETURN x.id AS a, y.id AS b, type(r) AS t ORDER BY a DESC", 3, null)]
    [InlineData("MATCH (x)-[r]-(y) RETURN x.v AS v, y.id AS b ORDER BY v, b DESC", 4, 2)]
    [InlineData("MATCH (x) RETURN x.v AS v ORDER BY v DESC", 2, 1)]
    [InlineData("MATCH (x) RETURN x.id AS id ORDER BY id", 100, null)]
    [InlineData("MATCH (x) RETURN x.id AS id ORDER BY id", 0, null)]
    public async Task Top_k_returns_the_first_rows_of_the_stable_sort(string sorted, int limit, int? skip)
    {
        await using var driver = await Build();
        var all = await Rows(driver, sorted);
        var query = sorted + (skip is null ? "" : " SKIP $skip") + " LIMIT $limit";
        var parameters = new { limit = (long)limit, skip = (long)(skip ?? 0) };
        Assert.Contains("Top(", driver.Explain(query));
        Assert.Equal(all.Skip(skip ?? 0).Take(limit).ToList(), await Rows(driver, query, parameters));
        Assert.Equal(all.Skip(skip ?? 0).Take(limit).ToList(), await Rows(driver, sorted + (skip is null ? "" : $" SKIP {skip}") + $" LIMIT {limit}"));
    }

    [Theory]
    [InlineData("MATCH (x)-[r]-(y) RETURN y.id AS k, count(*) AS n, collect(x.id) AS xs ORDER BY n DESC, k LIMIT {0}")]
    [InlineData("MATCH (x:P) CALL {{ WITH x MATCH (x)-[]-(y) RETURN y.id AS k, count(*) AS n ORDER BY n DESC, k LIMIT {0} }} RETURN x.id AS x, k, n")]
    [InlineData("MATCH (x) WITH x.v AS v, count(*) AS n ORDER BY n DESC, v SKIP 1 LIMIT {0} RETURN v, n")]
    public async Task Top_k_over_groups_returns_what_sorting_all_groups_returns(string template)
    {
        await using var driver = await Build();
        var top = string.Format(template, "2");
        var plain = string.Format(template, "1 + 1");
        Assert.Contains("Top(", driver.Explain(top));
        Assert.DoesNotContain("Top(", driver.Explain(plain));
        Assert.Equal(await Rows(driver, plain), await Rows(driver, top));
        Assert.NotEmpty(await Rows(driver, top));
    }

    [Fact]
    public async Task Top_k_is_not_used_for_a_computed_limit_and_bad_limits_still_fail()
    {
        await using var driver = await Build();
        Assert.Contains("Sort(", driver.Explain("MATCH (x) RETURN x.id AS id ORDER BY id LIMIT 1 + 1"));
        Assert.Equal(["a", "a"], await Rows(driver, "MATCH (x) RETURN x.id AS id ORDER BY id LIMIT 1 + 1"));
        await Assert.ThrowsAnyAsync<global::Graph.Client.GraphException>(() => driver.Run("MATCH (x) RETURN x.id AS id ORDER BY id LIMIT $n", new { n = -1L }));
    }

    [Theory]
    [InlineData("MATCH (x:P {id: 'b'})-[*1..2]-(y) RETURN count(DISTINCT y) AS n, collect(DISTINCT y.id) AS ids",
        "MATCH p = (x:P {id: 'b'})-[*1..2]-(y) RETURN count(DISTINCT y) AS n, collect(DISTINCT y.id) AS ids")]
    [InlineData("MATCH (x:P)-[:K*0..2]->(y) WHERE y.id <> x.id RETURN x.id AS id, count(DISTINCT y) AS n, max(y.id) AS top",
        "MATCH p = (x:P)-[:K*0..2]->(y) WHERE y.id <> x.id RETURN x.id AS id, count(DISTINCT y) AS n, max(y.id) AS top")]
    [InlineData("MATCH (x)-[:K|L*2..3]-(y:P) RETURN x, min(y.id) AS low, count(DISTINCT y.v) AS vs",
        "MATCH p = (x)-[:K|L*2..3]-(y:P) RETURN x, min(y.id) AS low, count(DISTINCT y.v) AS vs")]
    [InlineData("MATCH (x {id: 'lonely'})-[*1..2]-(y) RETURN count(DISTINCT y) AS n", "MATCH p = (x {id: 'lonely'})-[*1..2]-(y) RETURN count(DISTINCT y) AS n")]
    [InlineData("MATCH (x:P)<-[:K*1..2]-(y) WITH x, count(DISTINCT y) AS n RETURN x.id AS id, n ORDER BY id, n",
        "MATCH p = (x:P)<-[:K*1..2]-(y) WITH x, count(DISTINCT y) AS n RETURN x.id AS id, n ORDER BY id, n")]
    public async Task Variable_length_hops_feeding_distinct_aggregates_produce_each_end_once(string query, string withPath)
    {
        await using var driver = await Build();
        // a count of the distinct ends alone is fused with the expand (ReachCount), which finds each end once too
        Assert.Matches(@"VarLengthExpand\(distinct ends|ReachCount\(", driver.Explain(query));
        Assert.DoesNotContain("distinct ends", driver.Explain(withPath));
        Assert.DoesNotContain("ReachCount", driver.Explain(withPath));
        Assert.Equal(await Rows(driver, withPath), await Rows(driver, query));
    }

    [Theory]
    [InlineData("MATCH (x:P {id: 'b'})-[*1..2]-(y) RETURN count(y) AS n")]
    [InlineData("MATCH (x:P {id: 'b'})-[*1..2]-(y) RETURN count(DISTINCT y) AS n, count(*) AS all")]
    [InlineData("MATCH (x:P {id: 'b'})-[r*1..2]-(y) RETURN count(DISTINCT y) AS n")]
    [InlineData("MATCH (x:P {id: 'b'})-[*1..2]-(y)-[:L]-(z) RETURN count(DISTINCT z) AS n")]
    [InlineData("OPTIONAL MATCH (x:P {id: 'b'})-[*1..2]-(y) RETURN count(DISTINCT y) AS n")]
    public async Task Every_path_counts_when_rows_are_counted_or_the_relationships_are_read(string query)
    {
        await using var driver = await Build();
        Assert.DoesNotContain("distinct ends", driver.Explain(query));
    }

    [Fact]
    public async Task A_node_sought_by_its_key_is_not_checked_again_by_the_hop_reaching_it()
    {
        await using var driver = Engine.New();
        await driver.Run("CREATE CONSTRAINT p_id FOR (p:P) REQUIRE p.id IS UNIQUE");
        await driver.Run("CREATE (a:P {id: 'a'}), (b:P {id: 'b'}), (c:C {id: 'c'}), (d:C {id: 'd'}), (x:X {id: 'b'}) " +
                         "CREATE (a)-[:E]->(c), (b)-[:E]->(c), (b)-[:E]->(c), (a)-[:E]->(d), (x)-[:E]->(d), (b)-[:F]->(d)");
        const string query = "MATCH (a:P {id: $a})-[r]->(c:C)<-[s:E]-(b:P {id: $b}) RETURN c.id AS c, type(r) AS r, type(s) AS s ORDER BY c, r, s";
        var plan = driver.Explain(query);
        Assert.Contains("Expand(Into)", plan);
        Assert.DoesNotContain("NodeCheck(b)", plan);
        Assert.DoesNotContain("b properties", plan);
        Assert.Equal(["c|E|E", "c|E|E"], await Rows(driver, query, new { a = "a", b = "b" }));
        Assert.Empty(await Rows(driver, query, new { a = "a", b = "x" }));
        Assert.Equal(await Rows(driver, "MATCH (a:P)-[r]->(c:C)<-[s:E]-(b:P) WHERE a.id = 'b' AND b.id = 'b' RETURN c.id AS c, type(r) AS r, type(s) AS s ORDER BY c, r, s"),
            await Rows(driver, query, new { a = "b", b = "b" }));
    }

    [Theory]
    [InlineData("MATCH (x)-[]->(y)<-[]-(z) RETURN x.id, y.id, z.id ORDER BY x.id, y.id, z.id", "MATCH (x)-[r1]->(y)<-[r2]-(z) RETURN x.id, y.id, z.id ORDER BY x.id, y.id, z.id")]
    [InlineData("MATCH (x:P)-[:K]->(y), (y)-[:K]-(z) RETURN x.id, z.id ORDER BY x.id, z.id", "MATCH (x:P)-[r1:K]->(y), (y)-[r2:K]-(z) RETURN x.id, z.id ORDER BY x.id, z.id")]
    [InlineData("MATCH (x)-[:K]->(y) OPTIONAL MATCH (y)-[:L]->(z) RETURN x.id, z.id ORDER BY x.id, z.id", "MATCH (x)-[r1:K]->(y) OPTIONAL MATCH (y)-[r2:L]->(z) RETURN x.id, z.id ORDER BY x.id, z.id")]
    public async Task The_anonymous_relationship_of_the_last_hop_is_not_materialized(string query, string named)
    {
        await using var driver = await Build();
        var expands = driver.Compile(query).Root.Descendants().OfType<global::Graph.Engine.Execution.ExpandOp>().ToList();
        Assert.Contains(expands, e => !e.BindRelationship);
        Assert.All(driver.Compile(named).Root.Descendants().OfType<global::Graph.Engine.Execution.ExpandOp>(), e => Assert.True(e.BindRelationship));
        Assert.Equal(await Rows(driver, named), await Rows(driver, query));
    }

    [Theory]
    [InlineData("MATCH (:P)-[:K]->(y) RETURN y.id AS id, count(*) AS n ORDER BY id", "MATCH (x:P)-[r:K]->(y) RETURN y.id AS id, count(*) AS n ORDER BY id")]
    [InlineData("MATCH (y)<-[:K]-(:P:Q) RETURN y.id AS id, count(*) AS n ORDER BY id", "MATCH (y)<-[r:K]-(x:P:Q) RETURN y.id AS id, count(*) AS n ORDER BY id")]
    [InlineData("MATCH (y:P)-[]-(:Q) RETURN y.id AS id ORDER BY id", "MATCH (y:P)-[r]-(x:Q) RETURN y.id AS id ORDER BY id")]
    [InlineData("MATCH (y:P)-[]-({id: 'b'}) RETURN y.id AS id ORDER BY id", "MATCH (y:P)-[r]-(x {id: 'b'}) RETURN y.id AS id ORDER BY id")]
    [InlineData("MATCH (y)-[:K]->(:P)-[:K]->(:P) RETURN y.id AS id ORDER BY id", "MATCH (y)-[r1:K]->(x:P)-[r2:K]->(z:P) RETURN y.id AS id ORDER BY id")]
    [InlineData("MATCH (y)-[{w: 2}]->(:P) RETURN y.id AS id, count(*) AS n ORDER BY id", "MATCH (y)-[r {w: 2}]->(x:P) RETURN y.id AS id, count(*) AS n ORDER BY id")]
    public async Task The_far_node_is_label_checked_by_the_expand_and_an_anonymous_end_is_not_bound(string query, string named)
    {
        await using var driver = await Build();
        await driver.Run("MATCH (a {id: 'a'})-[r:K]->(b {id: 'b'}) WITH r LIMIT 1 SET r.w = 2");
        await driver.Run("MATCH (f {id: 'f'}) SET f:Q");
        Assert.Equal(await Rows(driver, named), await Rows(driver, query));
        Assert.NotEmpty(await Rows(driver, query));
    }

    [Fact]
    public async Task A_large_expansion_remembers_label_checks_per_node()
    {
        await using var driver = Engine.New();
        await driver.Run("UNWIND range(0, 999) AS i CREATE (n {i: i}) WITH n, i " +
                         "FOREACH (_ IN CASE WHEN i % 3 = 0 THEN [1] ELSE [] END | SET n:A) FOREACH (_ IN CASE WHEN i % 5 = 0 THEN [1] ELSE [] END | SET n:B)");
        await driver.Run("UNWIND range(0, 2) AS h CREATE (:Hub {h: h})");
        await driver.Run("MATCH (h:Hub), (n) WHERE n.i % (h.h + 2) = 0 CREATE (h)-[:R]->(n), (h)-[:R]->(n)");
        const string query = "MATCH (h:Hub)-[:R]->(:A:B) RETURN h.h AS h, count(*) AS n ORDER BY h";
        Assert.Contains("checking :A:B", driver.Explain(query));
        var expected = await Rows(driver, "MATCH (h:Hub)-[r:R]->(x) WHERE x:A AND x:B RETURN h.h AS h, count(*) AS n ORDER BY h");
        Assert.Equal(["0|68", "1|134", "2|34"], expected); // i divisible by 15 and by h + 2, two relationships each
        Assert.Equal(expected, await Rows(driver, query));
    }

    [Fact]
    public async Task Upper_bound_stops_the_search_without_changing_the_paths()
    {
        await using var driver = await Build();
        Assert.Equal(await Rows(driver, "MATCH (x)-[r]-(y) RETURN x.id, y.id, id(r) ORDER BY x.id, y.id, id(r)"),
            await Rows(driver, "MATCH (x)-[rs*1..1]-(y) RETURN x.id, y.id, id(rs[0]) ORDER BY x.id, y.id, id(rs[0])"));
        Assert.Equal(await Rows(driver, "MATCH (x)-[r1]-(m)-[r2]-(y) RETURN count(*)"), await Rows(driver, "MATCH (x)-[*2..2]-(y) RETURN count(*)"));
        Assert.Equal(await Rows(driver, "MATCH (x)-[r1:K]->(m)-[r2:K]->(y) RETURN count(*)"), await Rows(driver, "MATCH (x)-[:K*2]->(y) RETURN count(*)"));
    }
}
