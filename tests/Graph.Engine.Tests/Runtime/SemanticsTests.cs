using Graph.Client;

namespace Graph.Engine.Tests.Runtime;

public class SemanticsTests
{
    [Theory]
    [InlineData("RETURN 1 = 1.0", true)]
    [InlineData("RETURN null = null", null)]
    [InlineData("RETURN [1, null] = [1, 2]", null)]
    [InlineData("RETURN [1, null] = [2, 2]", false)]
    [InlineData("RETURN 0.0 / 0.0 = 0.0 / 0.0", false)]
    [InlineData("RETURN 1 < 'a'", null)]
    [InlineData("RETURN null OR true", true)]
    [InlineData("RETURN null AND false", false)]
    [InlineData("RETURN 2 IN [1, null]", null)]
    public async Task Equality_comparison_and_logic_are_three_valued(string query, bool? expected)
    {
        await using var driver = Engine.New();
        Assert.Equal(expected, (bool?)await driver.Scalar(query));
    }

    [Fact]
    public async Task Order_by_uses_the_global_type_order_with_nulls_last()
    {
        await using var driver = Engine.New();
        var result = await driver.Run("UNWIND [1, 'a', null, true, [1], {k: 1}, 0.5] AS x RETURN x ORDER BY x");
        var kinds = result.Records.Select(r => Values.TypeName(r["x"])).ToList();
        Assert.Equal(["Map", "List", "String", "Boolean", "Float", "Integer", "Null"], kinds);
    }

    [Fact]
    public async Task A_word_reserved_elsewhere_names_a_column_after_AS()
    {
        await using var driver = Engine.New();
        var result = await driver.Run("UNWIND [2, 1] AS x RETURN x AS by, x * 10 AS order ORDER BY `by`");
        Assert.Equal(["by", "order"], result.Keys);
        Assert.Equal([1L, 2L], result.Records.Select(r => (long)r["by"]!));
        var procedure = await driver.Run("CALL db.labels() YIELD label AS limit RETURN count(*) AS n");
        Assert.Equal(["n"], procedure.Keys);
        // Where the word would start a clause it still needs backticks, and the error says where.
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.Run("WITH 1 AS limit RETURN limit"));
        Assert.Equal(Neo4jStatus.SyntaxError, error.Code);
        Assert.Equal(24, error.Position!.Value.Column);
    }

    [Fact]
    public async Task BY_and_the_sort_directions_name_variables_without_backticks()
    {
        await using var driver = Engine.New();
        var by = await driver.Run("WITH 1 AS by RETURN by, by + 1 AS next");
        Assert.Equal([1L, 2L], new[] { (long)by.Records[0]["by"]!, (long)by.Records[0]["next"]! });
        var sorted = await driver.Run(
            "UNWIND [1, 3, 2] AS desc WITH desc AS asc, -desc AS descending " +
            "RETURN asc, descending ORDER BY descending DESC, asc ASC");
        Assert.Equal([1L, 2L, 3L], sorted.Records.Select(r => (long)r["asc"]!));
        var byName = await driver.Run("UNWIND [2, 1] AS desc RETURN desc ORDER BY desc DESC");
        Assert.Equal([2L, 1L], byName.Records.Select(r => (long)r["desc"]!));
        var pattern = await driver.Run("CREATE (by:Person {name: 'Ana'}) WITH by MATCH (by) RETURN by.name AS name");
        Assert.Equal("Ana", pattern.Records.Single()["name"]);
    }

    [Fact]
    public async Task Integer_overflow_is_an_arithmetic_error()
    {
        await using var driver = Engine.New();
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.Run("RETURN 9223372036854775807 + 1"));
        Assert.Equal(Neo4jStatus.ArithmeticError, error.Code);
        Assert.Equal("IntegerOverflow", error.Detail);
    }

    [Fact]
    public async Task Aggregations_group_and_compute()
    {
        await using var driver = Engine.New();
        var row = (await driver.Run(
            "UNWIND [1, 2, 2, 3, null] AS x RETURN count(*) AS c, count(x) AS cx, count(DISTINCT x) AS d, sum(x) AS s, avg(x) AS a, " +
            "min(x) AS mn, max(x) AS mx, collect(x) AS xs, percentileDisc(x, 0.5) AS p, stDevP(x) AS sd")).Single();
        Assert.Equal(5L, row["c"]);
        Assert.Equal(4L, row["cx"]);
        Assert.Equal(3L, row["d"]);
        Assert.Equal(8L, row["s"]);
        Assert.Equal(2.0, row["a"]);
        Assert.Equal(1L, row["mn"]);
        Assert.Equal(3L, row["mx"]);
        Assert.Equal(new object?[] { 1L, 2L, 2L, 3L }, (IReadOnlyList<object?>)row["xs"]!);
        Assert.Equal(2L, row["p"]);
        Assert.Equal(Math.Sqrt(0.5), (double)row["sd"]!, 9);
    }

    [Fact]
    public async Task Shortest_path_finds_the_fewest_hops()
    {
        await using var driver = Engine.New();
        await driver.Run("CREATE (a:N {id: 'a'})-[:R]->(:N {id: 'b'})-[:R]->(c:N {id: 'c'}), (a)-[:R]->(:N {id: 'd'})-[:R]->(:N {id: 'e'})-[:R]->(c)");
        var path = (Graph.Client.GraphPath)(await driver.Scalar("MATCH p = shortestPath((a:N {id: 'a'})-[:R*]-(c:N {id: 'c'})) RETURN p"))!;
        Assert.Equal(2, path.Length);
        Assert.Equal("b", path.Nodes[1]["id"]);
        Assert.Equal(1L, await driver.Scalar("MATCH p = allShortestPaths((a:N {id: 'a'})-[:R*]-(c:N {id: 'c'})) RETURN count(p)"));
    }
}
