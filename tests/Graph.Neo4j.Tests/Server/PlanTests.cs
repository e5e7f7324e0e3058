using Graph.Client;
using Record = Graph.Client.Record;
using Graph.Neo4j.Wire;
using Graph.Server;

namespace Graph.Neo4j.Tests.Server;

/// <summary>
/// EXPLAIN and PROFILE plans in the Query API: written by graph serve as Neo4j documents them (queryPlan,
/// profiledQueryPlan) and read back by the connector into <see cref="ResultSummary.Plan"/>. The engine of this branch
/// does not plan EXPLAIN yet, so the store is scripted with a hand-made plan.
/// </summary>
public class PlanTests
{
    private static readonly PlanDescription Profiled = new()
    {
        OperatorType = "ProduceResults",
        Arguments = new Dictionary<string, object?> { ["Details"] = "`e.name`", ["EstimatedRows"] = 3.0, ["Id"] = 0L },
        Identifiers = ["e", "`e.name`"],
        Rows = 3,
        DbHits = 0,
        TimeNanoseconds = 1200,
        Children =
        [
            new PlanDescription
            {
                OperatorType = "NodeByLabelScan",
                Arguments = new Dictionary<string, object?> { ["Details"] = "e:Expert", ["Id"] = 1L },
                Identifiers = ["e"],
                Rows = 3,
                DbHits = 4,
                TimeNanoseconds = 5400,
            },
        ],
    };

    private static readonly PlanDescription Explained = new()
    {
        OperatorType = "ProduceResults",
        Arguments = new Dictionary<string, object?> { ["planner"] = "COST" },
        Identifiers = ["x"],
        Children = [new PlanDescription { OperatorType = "Projection", Identifiers = ["x"] }],
    };

    private static QueryResult Answer(string query)
    {
        var keys = new[] { "e.name" };
        var profile = query.StartsWith("PROFILE", StringComparison.Ordinal);
        return new QueryResult(keys,
            profile ? [new Record(keys, ["Ada Quill"]), new Record(keys, ["Ben Ore"]), new Record(keys, ["Cy Vale"])] : [],
            new ResultSummary { Query = query, Plan = profile ? Profiled : Explained });
    }

    private static void AssertSamePlan(PlanDescription expected, PlanDescription? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.OperatorType, actual.OperatorType);
        Assert.Equal(expected.Identifiers, actual.Identifiers);
        Assert.Equal(expected.Arguments.OrderBy(a => a.Key), actual.Arguments.OrderBy(a => a.Key));
        Assert.Equal((expected.Rows, expected.DbHits, expected.TimeNanoseconds), (actual.Rows, actual.DbHits, actual.TimeNanoseconds));
        Assert.Equal(expected.Children.Count, actual.Children.Count);
        for (var i = 0; i < expected.Children.Count; i++) AssertSamePlan(expected.Children[i], actual.Children[i]);
    }

    [Theory]
    [InlineData("PROFILE MATCH (e:Expert) RETURN e.name")]
    [InlineData("EXPLAIN MATCH (e:Expert) RETURN e.name")]
    public async Task A_plan_travels_from_the_store_through_graph_serve_to_the_connector(string statement)
    {
        await using var server = await ScriptedServer.StartAsync(new ScriptedDriver(Answer), new ServerOptions { AuthEnabled = false });
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();

        var result = await session.RunAsync(statement);
        var expected = statement.StartsWith("PROFILE", StringComparison.Ordinal) ? Profiled : Explained;
        AssertSamePlan(expected, result.Summary.Plan);
        Assert.Equal(expected.IsProfile, result.Summary.Plan!.IsProfile);
        Assert.Equal(expected.IsProfile ? 3 : 0, result.Records.Count);

        await using var tx = await session.BeginTransactionAsync();
        AssertSamePlan(expected, (await tx.RunAsync(statement)).Summary.Plan);
    }

    [Fact]
    public async Task The_body_has_the_documented_keys()
    {
        await using var server = await ScriptedServer.StartAsync(new ScriptedDriver(Answer), new ServerOptions { AuthEnabled = false });
        using var http = new HttpClient { BaseAddress = server.Uri };
        using var response = await http.PostAsync("/db/neo4j/query/v2",
            new StringContent("""{"statement": "PROFILE MATCH (e:Expert) RETURN e.name"}""", System.Text.Encoding.UTF8, "application/json"));
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var plan = json.RootElement.GetProperty("profiledQueryPlan");
        Assert.False(json.RootElement.TryGetProperty("queryPlan", out _));
        Assert.Equal("ProduceResults@neo4j", plan.GetProperty("operatorType").GetString());
        var documented = Fixtures.Json("profile-response.json").GetProperty("profiledQueryPlan");
        Assert.Equal(documented.EnumerateObject().Select(p => p.Name).Order(), plan.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(4, plan.GetProperty("children")[0].GetProperty("dbHits").GetInt64());
    }

    [Theory]
    [InlineData("explain-response.json", false)]
    [InlineData("profile-response.json", true)]
    public void Documented_plans_read_and_write_back_unchanged(string fixture, bool profiled)
    {
        var response = QueryResponse.Parse(Fixtures.Bytes(fixture), typed: false);
        Assert.NotNull(response.Plan);
        Assert.Equal(profiled, response.Plan.IsProfile);
        Assert.Equal("ProduceResults", response.Plan.OperatorType);
        Assert.Equal("c:Claim", response.Plan.Children.Last() is var last && last.Children.Count > 0 ? last.Children[0].Arguments["Details"] : last.Arguments["Details"]);

        var written = Fixtures.Serialize(w => response.WriteTo(w, typed: false));
        Assert.True(Fixtures.JsonEquals(Fixtures.Json(fixture), written), written.GetRawText());
    }
}
