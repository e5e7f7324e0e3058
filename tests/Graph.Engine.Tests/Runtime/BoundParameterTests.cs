using System.Runtime.CompilerServices;
using Graph.Client;
using Graph.Engine.Driver;
using Graph.Engine.Runtime;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// A statement's parameters are looked up once per execution, before it starts, and kept by number
/// (<see cref="ParameterValues.Resolve"/>, <see cref="QueryContext.BindParameters"/>): <c>$name</c> reads the value bound
/// for its own statement, and the map by name only when none was bound. The results must be those of the map.
/// </summary>
public class BoundParameterTests
{
    private static readonly string[] Names = ["a", "b"];

    [Fact]
    public async Task A_parameter_reads_the_value_bound_for_its_statement_and_the_map_by_name_otherwise()
    {
        await using var driver = Engine.New();
        var statement = driver.Compile("RETURN $y AS y, $x AS x, $y + 1 AS z");
        var other = driver.Compile("RETURN $y AS y, $x AS x, $y + 1 AS w");
        Assert.Equal(["y", "x"], statement.ParameterNames); // numbered in the order the planner met them
        var columns = statement.RootColumnEvaluators!;
        using var tx = driver.Store.BeginTransaction(write: false);
        var ctx = new QueryContext(tx, driver.Store.Tokens, new Dictionary<string, object?> { ["x"] = 1L, ["y"] = 2L },
            new EngineOptions(), CancellationToken.None, null);
        var row = new object?[statement.SlotCount];
        Assert.Equal(2L, columns[0](row, ctx)); // nothing bound: by name
        ctx.BindParameters(statement.ParameterTable, [20L, 10L]);
        Assert.Equal(20L, columns[0](row, ctx));
        Assert.Equal(10L, columns[1](row, ctx));
        Assert.Equal(21L, columns[2](row, ctx));
        ctx.BindParameters(other.ParameterTable, [30L, 40L]); // another statement's numbers: this one reads by name
        Assert.Equal(2L, columns[0](row, ctx));
        Assert.Equal(1L, columns[1](row, ctx));
    }

    [Fact]
    public void A_borrowed_map_of_exactly_the_statement_s_scalars_is_read_as_it_is()
    {
        var map = new Dictionary<string, object?> { ["b"] = "s", ["a"] = null };
        var byNumber = new object?[2];
        Assert.Same(map, ParameterValues.Resolve(map, borrow: true, Names, byNumber, requireAll: true));
        Assert.Equal([null, "s"], byNumber);
        // not borrowed (the statement may outlive the call): a copy, the same values
        var copied = ParameterValues.Resolve(map, borrow: false, Names, byNumber = new object?[2], requireAll: true);
        Assert.NotSame(map, copied);
        Assert.Equal([null, "s"], byNumber);
    }

    [Fact]
    public void Maps_the_one_lookup_per_name_does_not_fit_are_converted_and_bound_as_before()
    {
        // a name more than the statement reads (a procedure's implicit input may read it by name)
        var extra = new Dictionary<string, object?> { ["a"] = 1L, ["b"] = 2.5, ["c"] = "unread" };
        var byNumber = new object?[2];
        var values = ParameterValues.Resolve(extra, borrow: true, Names, byNumber, requireAll: true);
        Assert.Equal("unread", values["c"]);
        Assert.Equal([1L, 2.5], byNumber);

        // an int and a list: converted (long, a copied list), bound converted
        var list = new List<object?> { 1, "x" };
        var converting = new Dictionary<string, object?> { ["a"] = 7, ["b"] = list };
        ParameterValues.Resolve(converting, borrow: true, Names, byNumber, requireAll: true);
        Assert.Equal(7L, byNumber[0]);
        var bound = Assert.IsType<List<object?>>(byNumber[1]);
        Assert.NotSame(list, bound);
        Assert.Equal([1L, "x"], bound);

        // keys compared without case by the caller's map: copied into an ordinal one, so "A" is not "a"
        var caseless = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["A"] = 1L, ["b"] = 2L };
        var error = Assert.Throws<ClientException>(() => ParameterValues.Resolve(caseless, borrow: true, Names, byNumber, requireAll: true));
        Assert.Equal(Neo4jStatus.ParameterMissing, error.Code);
        Assert.Contains("$a", error.Message);

        // same count, another name: missing, unless nothing runs (EXPLAIN)
        var other = new Dictionary<string, object?> { ["a"] = 1L, ["x"] = 2L };
        Assert.Throws<ClientException>(() => ParameterValues.Resolve(other, borrow: true, Names, byNumber, requireAll: true));
        ParameterValues.Resolve(other, borrow: true, Names, byNumber, requireAll: false);
        Assert.Equal([1L, null], byNumber);
        ParameterValues.Resolve(null, borrow: true, Names, byNumber, requireAll: false);
        Assert.Equal([null, null], byNumber);
    }

    /// <summary>One session, the same statements with maps that take either path, in an order that reuses the bound array.</summary>
    [Fact]
    public async Task A_session_s_statements_read_their_own_parameters_whichever_way_they_were_bound()
    {
        await using var driver = await Engine.NewWith(
            "CREATE (:P {id: 'a', v: 1}), (:P {id: 1, v: 2}), (:P {id: 1.0, v: 3}), (:P {id: [1, 2], v: 4}), (:P {v: 5}), (:P {id: 'b', v: 6})");
        await using var session = driver.AsyncSession();
        const string Seek = "MATCH (p:P {id: $id}) RETURN p.v AS v ORDER BY v";
        async Task<string> Rows(string query, Dictionary<string, object?>? parameters) =>
            string.Join(",", (await session.RunAsync(query, parameters)).Records.Select(r => ValueFormatter.ToCypherLiteral(r[0])));

        Assert.Equal("1", await Rows(Seek, new() { ["id"] = "a" }));
        Assert.Equal("6", await Rows(Seek, new() { ["id"] = "b", ["unused"] = new List<object?> { 1L } }));
        Assert.Equal("2,3", await Rows(Seek, new() { ["id"] = 1 })); // an int, converted; 1 = 1.0
        Assert.Equal("2,3", await Rows(Seek, new() { ["id"] = 1.0 }));
        Assert.Equal("4", await Rows(Seek, new() { ["id"] = new List<object?> { 1L, 2L } }));
        Assert.Equal("", await Rows(Seek, new() { ["id"] = null }));
        Assert.Equal("1", await Rows(Seek, new() { ["id"] = "a" }));
        // more parameters, read in a subquery, a comprehension and a list; then fewer again
        Assert.Equal("[2, 3, 4]", await Rows(
            "UNWIND $xs AS x CALL { WITH x RETURN x + $k AS y } WITH collect(y) AS ys RETURN [y IN ys WHERE y > $min] AS kept",
            new() { ["xs"] = new List<object?> { 1L, 2L, 3L }, ["k"] = 1L, ["min"] = 1L }));
        Assert.Equal("3", await Rows("MATCH (p:P) WHERE p.v > $v RETURN count(p) AS n", new() { ["v"] = 3L }));
        Assert.Equal("'b'", await Rows("RETURN $s AS s", new() { ["s"] = "b" }));
        Assert.Equal("1", await Rows(Seek, new() { ["id"] = "a" }));
        // a missing parameter fails before the write runs; EXPLAIN needs none
        var error = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("CREATE (:P {id: 'w'}) RETURN $absent AS x", new Dictionary<string, object?> { ["id"] = "a" }));
        Assert.Equal(Neo4jStatus.ParameterMissing, error.Code);
        Assert.Equal("0", await Rows("MATCH (p:P {id: 'w'}) RETURN count(p) AS n", null));
        var explained = await session.RunAsync("EXPLAIN " + Seek);
        Assert.NotNull(explained.Summary.Plan);
        Assert.Empty(explained.Records);
        Assert.Equal("1", await Rows(Seek, new() { ["id"] = "a" }));
        // a streamed statement and an explicit transaction's bind their own
        await using (var cursor = await session.StreamAsync(Seek, new Dictionary<string, object?> { ["id"] = 1L }))
        {
            Assert.Equal("6", await Rows(Seek, new() { ["id"] = "b" }));
            Assert.True(await cursor.FetchAsync());
            Assert.Equal(2L, cursor.Current[0]);
            Assert.True(await cursor.FetchAsync());
            Assert.Equal(3L, cursor.Current[0]);
        }
        await using var tx = await session.BeginTransactionAsync();
        Assert.Equal([1L], (await tx.RunAsync(Seek, new Dictionary<string, object?> { ["id"] = "a" })).Records.Select(r => r[0]));
        Assert.Equal([4L], (await tx.RunAsync(Seek, new Dictionary<string, object?> { ["id"] = new List<object?> { 1L, 2L } })).Records.Select(r => r[0]));
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task Under_profile_a_parameter_reads_the_same_value()
    {
        await using var driver = await Engine.NewWith("CREATE (:P {id: 'a', v: 1}), (:P {id: 'b', v: 2})");
        var profiled = await driver.Profile("MATCH (p:P {id: $id}) RETURN p.v AS v", new { id = "b" });
        Assert.Equal(2L, profiled.Result.Single()[0]);
    }

    [Fact]
    public async Task The_session_keeps_no_parameter_value_of_its_last_statement()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        var value = await RunWithValue(session);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(value.IsAlive, "the session still references a parameter value of its last statement");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> RunWithValue(IAsyncSession session)
    {
        var text = new string('v', 40);
        var result = await session.RunAsync("RETURN size($s) AS n", new Dictionary<string, object?> { ["s"] = text });
        Assert.Equal(40L, result.Single()[0]);
        return new WeakReference(text);
    }
}
