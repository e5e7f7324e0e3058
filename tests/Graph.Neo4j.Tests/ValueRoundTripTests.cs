using Graph.Client;

namespace Graph.Neo4j.Tests;

/// <summary>Every value type of the contract, through the connector, typed JSON, our server and the engine, and back.</summary>
public class ValueRoundTripTests(ServerHarness server) : IClassFixture<ServerHarness>
{
    public static TheoryData<object?> Scalars => new()
    {
        null, true, false, 0L, 42L, -7L, long.MaxValue, long.MinValue,
        0.0, 3.14, -2.5e-300, 1e20, double.MaxValue, double.Epsilon,
        "", "plain", "unicode ✓ ñ 漢字 \"quoted\" \\ back\nslash", new string('x', 10_000),
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public async Task Scalars_round_trip_as_parameters_and_results(object? value)
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var result = await session.RunAsync("RETURN $v AS v", Params.Of(("v", value)));
        var back = result.Single()["v"];
        Assert.Equal(value, back);
        if (value is not null) Assert.Equal(value.GetType(), back!.GetType());
    }

    [Fact]
    public async Task Special_floats_round_trip()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var record = (await session.RunAsync("RETURN $nan AS nan, $inf AS inf, $ninf AS ninf, 0.0/0.0 AS computed",
            Params.Of(("nan", double.NaN), ("inf", double.PositiveInfinity), ("ninf", double.NegativeInfinity)))).Single();
        Assert.True(double.IsNaN((double)record["nan"]!));
        Assert.Equal(double.PositiveInfinity, record["inf"]);
        Assert.Equal(double.NegativeInfinity, record["ninf"]);
        Assert.True(double.IsNaN((double)record["computed"]!));
    }

    [Fact]
    public async Task Ints_and_floats_keep_their_types()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var record = (await session.RunAsync("RETURN 1 AS i, 1.0 AS f, $i AS pi, $f AS pf", Params.Of(("i", 3), ("f", 2.0f)))).Single();
        Assert.IsType<long>(record["i"]);
        Assert.IsType<double>(record["f"]);
        Assert.Equal(3L, record["pi"]);
        Assert.Equal(2.0, record["pf"]);
    }

    [Fact]
    public async Task Lists_and_maps_round_trip_nested()
    {
        var value = new Dictionary<string, object?>
        {
            ["list"] = new List<object?> { 1L, 2.5, "three", null, true, new List<object?> { new List<object?>() } },
            ["map"] = new Dictionary<string, object?> { ["deep"] = new Dictionary<string, object?> { ["x"] = -1L } },
            ["empty"] = new Dictionary<string, object?>(),
        };
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var back = (await session.RunAsync("RETURN $v AS v, $v.list AS l, size($v.list) AS n", Params.Of(("v", value)))).Single();

        var map = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(back["v"]);
        Assert.Equal(ValueFormatter.ToCypherLiteral(value["list"]), ValueFormatter.ToCypherLiteral(map["list"]));
        Assert.Equal(ValueFormatter.ToCypherLiteral(value["map"]), ValueFormatter.ToCypherLiteral(map["map"]));
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(map["empty"]));
        Assert.Equal(6L, back["n"]);
    }

    [Fact]
    public async Task Nodes_relationships_and_paths_round_trip_with_direction()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var created = (await session.RunAsync(
            "CREATE (a:RtPerson:Expert {name: 'Ann', tags: ['x', 'y'], score: 1.5})-[r:RT_KNOWS {since: 2013}]->(b:RtPerson {name: 'Bo'}) RETURN a, r, b")).Single();
        var a = Assert.IsType<Node>(created["a"]);
        var r = Assert.IsType<Relationship>(created["r"]);
        var b = Assert.IsType<Node>(created["b"]);
        Assert.Equal(["Expert", "RtPerson"], a.Labels.Order());
        Assert.Equal(new List<object?> { "x", "y" }, a["tags"]);
        Assert.Equal(1.5, a["score"]);
        Assert.Equal(("RT_KNOWS", a.ElementId, b.ElementId, 2013L), (r.Type, r.StartNodeElementId, r.EndNodeElementId, r["since"]));

        var forward = Assert.IsType<GraphPath>((await session.RunAsync("MATCH p = (:RtPerson {name: 'Ann'})-[:RT_KNOWS]->(:RtPerson) RETURN p")).Single()["p"]);
        Assert.Equal([a, b], forward.Nodes);
        Assert.Equal(r, Assert.Single(forward.Relationships));

        // Walked against the relationship: the path starts at Bo, the relationship still points from Ann.
        var backward = Assert.IsType<GraphPath>((await session.RunAsync("MATCH p = (:RtPerson {name: 'Bo'})<-[:RT_KNOWS]-(:RtPerson) RETURN p")).Single()["p"]);
        Assert.Equal(["Bo", "Ann"], backward.Nodes.Select(n => n["name"]));
        Assert.Equal(a.ElementId, backward.Relationships[0].StartNodeElementId);

        var single = Assert.IsType<GraphPath>((await session.RunAsync("MATCH p = (n:RtPerson {name: 'Bo'}) RETURN p")).Single()["p"]);
        Assert.Equal(0, single.Length);
    }
}
