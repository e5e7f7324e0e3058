using Graph.Client;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// A statement whose last operator is a projection computing every column has its columns evaluated by the result
/// cursor, straight into each record, from the projection's source rows. Under PROFILE the projection still runs as an
/// operator (it is counted as one), so PROFILE gives the records the operator makes to compare with.
/// </summary>
public class RootProjectionTests
{
    private const string Graph =
        "CREATE (a:P {id: 'a', x: 1}), (b:P {id: 'b', x: 1.0}), (c:P {id: 'c'}), (d {id: 'd', x: [1, 2]}) " +
        "CREATE (a)-[:K {w: 1}]->(b), (a)-[:K]->(b), (b)-[:L]->(a), (a)-[:K]->(a), (c)-[:L]->(d), (d)-[:K]->(d)";

    public static TheoryData<string> Statements => new()
    {
        "MATCH (x:P)-[r]->(y) RETURN x.id, type(r), y",
        "MATCH (x)-[r]-(y) RETURN x, r, y.x AS yx, r.w",
        // a projection reading a slot it overwrites, and the same slot named twice
        "MATCH (x)-[r]->(y) WITH x.id AS x, y RETURN x, x AS again, y.id AS y",
        "MATCH (x) RETURN *",
        "MATCH p = (x)-[:K]->(y) RETURN p, [x, y] AS pair, {n: x, m: y.x} AS m",
        "OPTIONAL MATCH (x {id: 'zz'}) RETURN x, x.id, 1 AS one",
        "UNWIND [1, 1.0, null, 'a', [1, [2]]] AS v RETURN v, v IS NULL AS n, v = 1 AS eq",
        "MATCH (x:P) RETURN x.id AS k, count(*) AS n",
        "RETURN 1 AS x, $p AS p",
        // one column whose values are now returned as they are (scalars), now converted (lists, maps, entities)
        "UNWIND [1, 'a', null, [1, 'b'], {k: 1}, 2.5, true] AS v MATCH (x:P {id: 'a'}) RETURN v, CASE WHEN v IS NULL THEN x ELSE v END AS w",
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task Records_in_a_transaction_that_wrote_equal_the_projection_operators(string query)
    {
        // RunAsync in an explicit transaction collects its records as an auto-commit one does; here the store has
        // uncommitted nodes, properties and relationships, and a deleted node the statement must not see
        await using var driver = await Engine.NewWith(Graph);
        await using var session = driver.AsyncSession();
        await using var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("CREATE (:P {id: 'n', x: 'text'})-[:K {w: 2}]->(:P {id: 'm', x: null})");
        await tx.RunAsync("MATCH (x {id: 'c'}) DETACH DELETE x");
        await tx.RunAsync("MATCH (x {id: 'b'}) SET x.x = 7");
        var parameters = Engine.ToMap(new { p = new[] { 1L, 2L } });
        string Show(QueryResult r) => string.Join("\n", RowTexts.Sorted(r));
        var expected = Show(await tx.RunAsync("PROFILE " + query, parameters));
        Assert.Equal(expected, Show(await tx.RunAsync(query, parameters)));
        Assert.Equal(expected, Show(await tx.RunAsync(query, parameters))); // the same statement again
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task Records_from_the_root_projections_columns_equal_the_projection_operators(string query)
    {
        await using var driver = await Engine.NewWith(Graph);
        var parameters = new { p = new[] { 1L, 2L } };
        var expected = RowTexts.Sorted(await driver.Run("PROFILE " + query, parameters));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run(query, parameters)));
        await using var session = driver.AsyncSession();
        await using var cursor = await session.StreamAsync(query, Engine.ToMap(parameters));
        var streamed = new List<Graph.Client.Record>();
        while (await cursor.FetchAsync()) streamed.Add(cursor.Current);
        Assert.Equal(expected, streamed.Select(r => string.Join("|", r.Values.Select(ReadPlanShapeTests.Show))).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Only_a_root_projection_computing_every_column_is_evaluated_by_the_cursor()
    {
        await using var driver = Engine.New();
        Assert.NotNull(driver.Compile("MATCH (x) RETURN x.id, x").RootColumnEvaluators);
        Assert.NotNull(driver.Compile("RETURN 1 AS x").RootColumnEvaluators);
        Assert.Null(driver.Compile("MATCH (x) RETURN x.id AS k ORDER BY k").RootColumnEvaluators);
        Assert.Null(driver.Compile("MATCH (x) RETURN DISTINCT x.id").RootColumnEvaluators);
        Assert.Null(driver.Compile("MATCH (x) RETURN x LIMIT 1").RootColumnEvaluators);
        Assert.Null(driver.Compile("CREATE (x)").RootColumnEvaluators);
    }

    [Fact]
    public async Task Consuming_without_fetching_still_evaluates_the_columns_and_meets_their_errors()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        var cursor = await session.StreamAsync("UNWIND [1, 1, 0] AS x RETURN 1 / x AS y");
        var error = await Assert.ThrowsAsync<ClientException>(() => cursor.ConsumeAsync());
        Assert.Equal(Neo4jStatus.ArithmeticError, error.Code);
        // and fetching meets it after the rows before it
        var again = await session.StreamAsync("UNWIND [1, 1, 0] AS x RETURN 1 / x AS y");
        Assert.True(await again.FetchAsync());
        Assert.True(await again.FetchAsync());
        Assert.Equal(Neo4jStatus.ArithmeticError, (await Assert.ThrowsAsync<ClientException>(async () => await again.FetchAsync())).Code);
    }

    [Theory]
    // values an expression builds (a list per row) are held while the row is converted, and the records RunAsync keeps
    // count: the limit stops the statement at the same point with and without the projection operator
    [InlineData(5)]
    [InlineData(400)]
    public async Task A_memory_limit_stops_root_columns_where_it_stops_the_projection_operator(int rows)
    {
        await using var driver = EmbeddedDriver.InMemory(new EngineOptions { QueryMemoryLimit = 1L << 20, SyncOnCommit = false });
        var query = $"UNWIND range(1, {rows}) AS i RETURN i, [x IN range(1, 2000) | 'v' + toString(x + i)] AS l";
        var profiled = await Xunit.Record.ExceptionAsync(() => driver.Run("PROFILE " + query));
        var direct = await Xunit.Record.ExceptionAsync(() => driver.Run(query));
        Assert.Equal(profiled?.GetType(), direct?.GetType());
        Assert.Equal(profiled?.Message, direct?.Message);
        Assert.Equal(rows > 100, direct is not null);
    }
}
