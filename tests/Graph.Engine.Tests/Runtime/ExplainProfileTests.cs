using Graph.Client;
using static Graph.Engine.Tests.Runtime.PlanTree;

namespace Graph.Engine.Tests.Runtime;

/// <summary>EXPLAIN (plans, runs nothing) and PROFILE (runs and records per-operator rows, db hits and time).</summary>
public class ExplainProfileTests
{
    /// <summary>50 fictional experts ranked 1..50, each endorsing three of ten claims.</summary>
    private static async Task<EmbeddedDriver> Debate()
    {
        var driver = Engine.New();
        await driver.Run("""
            UNWIND range(1, 10) AS c CREATE (:Claim {id: c})
            WITH count(*) AS claims
            UNWIND range(1, 50) AS e
            CREATE (x:Expert {name: 'expert ' + toString(e), rank: e})
            WITH x, e
            MATCH (c:Claim) WHERE c.id IN [e % 10 + 1, (e + 3) % 10 + 1, (e + 6) % 10 + 1]
            CREATE (x)-[:ENDORSES]->(c)
            """);
        return driver;
    }

    private static PlanDescription Operator(PlanDescription plan, string type) => Flatten(plan).Single(p => p.OperatorType == type);

    [Fact]
    public async Task Explain_runs_nothing_and_returns_the_plan()
    {
        await using var driver = Engine.New();
        var result = await driver.Run("EXPLAIN CREATE (n:Marker {v: 1}) RETURN n");
        Assert.Equal(["n"], result.Keys);
        Assert.Empty(result.Records);
        Assert.False(result.Counters.ContainsUpdates);
        Assert.Equal(QueryType.ReadWrite, result.Summary.QueryType);
        Assert.Equal(0L, await driver.Scalar("MATCH (n:Marker) RETURN count(n)"));

        var plan = Assert.IsType<PlanDescription>(result.Summary.Plan);
        Assert.False(plan.IsProfile);
        Assert.Equal("ProduceResults", plan.OperatorType);
        Assert.Equal(["n"], plan.Identifiers);
        Assert.Contains(Flatten(plan), p => p.OperatorType == "Create");
        Assert.All(Flatten(plan), p =>
        {
            Assert.Null(p.Rows);
            Assert.Null(p.DbHits);
            Assert.True(p.Arguments.ContainsKey("EstimatedRows"), p.OperatorType);
        });
        Assert.Equal("CYPHER 5", plan.Arguments["version"]);
        Assert.True(plan.Arguments.ContainsKey("planner"));
        Assert.True(plan.Arguments.ContainsKey("runtime"));
        Assert.Contains("+Create", (string)plan.Arguments["string-representation"]!);
    }

    [Fact]
    public async Task Explain_needs_no_parameters_nor_a_write_session()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession(SessionConfig.Read);
        var result = await session.RunAsync("EXPLAIN MATCH (n:Expert {name: $name}) SET n.seen = true RETURN n");
        Assert.NotNull(result.Summary.Plan);
        Assert.Empty(result.Records);
    }

    [Fact]
    public async Task Explain_names_operators_as_neo4j_does()
    {
        await using var driver = await Debate();
        await driver.Run("CREATE INDEX claim_id FOR (c:Claim) ON (c.id)");
        var plan = (await driver.Run("EXPLAIN MATCH (c:Claim {id: 3})<-[:ENDORSES]-(e:Expert) WHERE e.rank > 10 RETURN e.name AS name ORDER BY name")).Summary.Plan!;
        var types = Flatten(plan).Select(p => p.OperatorType).ToList();
        Assert.Equal("ProduceResults", types[0]);
        Assert.Contains("NodeIndexSeek", types);
        Assert.Contains("Expand(All)", types);
        Assert.Contains("Filter", types);
        Assert.Contains("Sort", types);
        Assert.Equal("e.rank > 10", Operator(plan, "Filter").Arguments["Details"]);
        Assert.Equal("c:Claim(id)", Operator(plan, "NodeIndexSeek").Arguments["Details"]);
        Assert.StartsWith("(c)<-[:ENDORSES]-(e)", (string)Operator(plan, "Expand(All)").Arguments["Details"]!);
        Assert.Contains("e", Operator(plan, "Filter").Identifiers);

        var union = (await driver.Run("EXPLAIN MATCH (n:Expert|Claim) RETURN count(*) AS n")).Summary.Plan!;
        Assert.Equal("n:Expert|Claim", Operator(union, "UnionNodeByLabelsScan").Arguments["Details"]);
        Assert.Equal(60.0, Operator(union, "UnionNodeByLabelsScan").Arguments["EstimatedRows"]);
    }

    [Fact]
    public async Task Profile_counts_the_rows_each_operator_produced()
    {
        await using var driver = await Debate();
        var result = await driver.Run("PROFILE MATCH (e:Expert)-[:ENDORSES]->(c:Claim) WHERE e.rank <= 20 RETURN e.name, c.id");
        Assert.Equal(60, result.Records.Count);
        var plan = Assert.IsType<PlanDescription>(result.Summary.Plan);
        Assert.True(plan.IsProfile);
        // anchored on the smaller label (10 claims), expanded to the 150 endorsements, filtered to the 20 top experts' 60
        Assert.Equal(60L, plan.Rows);
        Assert.Equal(10L, Operator(plan, "NodeByLabelScan").Rows);
        Assert.Equal(150L, Operator(plan, "Expand(All)").Rows);
        Assert.Equal(60L, Operator(plan, "Filter").Rows);
        Assert.True(Operator(plan, "NodeByLabelScan").DbHits >= 10);
        Assert.True(Operator(plan, "Filter").DbHits >= 150, "the filter reads e.rank of every endorsing expert");
        Assert.All(Flatten(plan), p => Assert.True(p.TimeNanoseconds >= 0));
        Assert.Contains("Total database accesses", (string)plan.Arguments["string-representation"]!);
    }

    [Fact]
    public async Task Profile_runs_writes_once()
    {
        await using var driver = Engine.New();
        var result = await driver.Run("PROFILE UNWIND range(1, 3) AS i CREATE (:Made {i: i})");
        Assert.Equal(3, result.Counters.NodesCreated);
        Assert.Equal(3L, await driver.Scalar("MATCH (n:Made) RETURN count(n)"));
        var plan = result.Summary.Plan!;
        Assert.Equal(0L, plan.Rows);
        Assert.Equal("EmptyResult", plan.Children.Single().OperatorType);
        Assert.Equal(3L, Operator(plan, "Create").Rows);
    }

    [Fact]
    public async Task Profile_counts_are_per_execution_when_one_cached_plan_runs_on_many_threads()
    {
        await using var driver = await Debate();
        const string query = "PROFILE MATCH (e:Expert) WHERE e.rank <= $n RETURN e.rank";
        await driver.Run(query, new { n = 1 }); // plan it once: every thread below runs the cached plan
        using var start = new Barrier(8);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = Enumerable.Range(1, 8).Select(t => Task.Run(async () =>
        {
            start.SignalAndWait();
            for (var round = 0; round < 15; round++)
            {
                var n = (t * 7 + round) % 50 + 1;
                var result = await driver.Run(query, new { n });
                var plan = result.Summary.Plan!;
                var scan = Operator(plan, "NodeByLabelScan");
                var filter = Operator(plan, "Filter");
                if (result.Records.Count != n || plan.Rows != n || filter.Rows != n || scan.Rows != 50 || filter.DbHits < 50)
                    failures.Add($"n={n}: records {result.Records.Count}, produced {plan.Rows}, filter {filter.Rows}, scan {scan.Rows}, filter hits {filter.DbHits}");
            }
        })).ToArray();
        await Task.WhenAll(threads);
        Assert.True(failures.IsEmpty, string.Join("\n", failures));
    }

    [Fact]
    public async Task Profile_of_a_procedure_call_and_a_statement_without_a_plan_prefix_have_no_plan()
    {
        await using var driver = await Debate();
        var profiled = await driver.Run("PROFILE CALL db.labels()");
        Assert.Equal(2L, profiled.Summary.Plan!.Rows);
        Assert.Equal("db.labels() :: (label :: STRING)", Operator(profiled.Summary.Plan!, "ProcedureCall").Arguments["Details"]);
        Assert.Null((await driver.Run("MATCH (n) RETURN count(n)")).Summary.Plan);
    }

    [Fact]
    public async Task Profile_of_a_streamed_result_is_in_the_summary_after_the_last_record()
    {
        await using var driver = await Debate();
        await using var session = driver.AsyncSession();
        var cursor = await session.StreamAsync("PROFILE MATCH (e:Expert) RETURN e.rank");
        var count = 0;
        while (await cursor.FetchAsync()) count++;
        var summary = await cursor.ConsumeAsync();
        Assert.Equal(50, count);
        Assert.Equal(50L, summary.Plan!.Rows);
        Assert.True(Operator(summary.Plan, "Projection").DbHits >= 50, "the projection reads e.rank");
    }
}
