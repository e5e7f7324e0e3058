using Graph.Bolt.Protocol;
using Graph.Client;

namespace Graph.Bolt.Tests.Protocol;

/// <summary>The summary as Neo4j sends it, and back: counters, type, plans and profiles, notifications in both forms.</summary>
public class SummaryMetadataTests
{
    private static readonly PlanDescription Profile = new()
    {
        OperatorType = "ProduceResults@neo4j",
        Arguments = new Dictionary<string, object?> { ["Details"] = "n", ["EstimatedRows"] = 10.0 },
        Identifiers = ["n"],
        Rows = 3,
        DbHits = 7,
        TimeNanoseconds = 1500,
        Children = [new PlanDescription { OperatorType = "NodeByLabelScan@neo4j", Identifiers = ["n"], Rows = 3, DbHits = 4, TimeNanoseconds = 900 }],
    };

    [Fact]
    public void Plans_and_profiles_travel_in_neo4js_shape_and_read_back()
    {
        var summary = new ResultSummary { Query = "PROFILE MATCH (n) RETURN n", Plan = Profile, QueryType = QueryType.ReadOnly };
        var metadata = SummaryMetadata.For(BoltVersion.V5_8, summary, "neo4j", 12, hadKeys: true, streamedRecords: true, includeBookmark: false);
        var profile = (Dictionary<string, object?>)metadata["profile"]!;
        Assert.False(metadata.ContainsKey("plan"));
        Assert.Equal("ProduceResults@neo4j", profile["operatorType"]);
        Assert.Equal(7L, profile["dbHits"]);
        Assert.Equal(3L, profile["rows"]);
        Assert.Equal(0L, profile["pageCacheHits"]);
        var back = SummaryMetadata.ParsePlan(profile, profile: true);
        Assert.Equal(Profile.OperatorType, back.OperatorType);
        Assert.Equal(Profile.Identifiers, back.Identifiers);
        Assert.Equal((3L, 7L, 1500L), (back.Rows, back.DbHits, back.TimeNanoseconds));
        Assert.Equal("NodeByLabelScan@neo4j", Assert.Single(back.Children).OperatorType);

        var explain = SummaryMetadata.For(BoltVersion.V5_8, summary with { Plan = Profile with { Rows = null, DbHits = null, TimeNanoseconds = null } },
            "neo4j", 1, hadKeys: true, streamedRecords: false, includeBookmark: false);
        var plan = (Dictionary<string, object?>)explain["plan"]!;
        Assert.False(plan.ContainsKey("dbHits"));
        Assert.Null(SummaryMetadata.ParsePlan(plan, profile: false).Rows);
    }

    [Fact]
    public void Counters_only_name_what_moved_and_read_back_whole()
    {
        var counters = new Counters { NodesCreated = 2, PropertiesSet = 5, IndexesAdded = 1 };
        var stats = SummaryMetadata.Stats(counters);
        Assert.Equal(["contains-updates", "indexes-added", "nodes-created", "properties-set"], stats.Keys.Order());
        Assert.Equal(counters, SummaryMetadata.ParseStats(stats));
        Assert.Empty(SummaryMetadata.Stats(Counters.None));
        foreach (var type in Enum.GetValues<QueryType>()) Assert.Equal(type, SummaryMetadata.ParseType(SummaryMetadata.TypeCode(type)));
    }

    [Fact]
    public void Notifications_are_notifications_before_5_6_and_gql_statuses_after()
    {
        var warning = new Notification("Neo.ClientNotification.Statement.CartesianProduct", "Cartesian product", "Slow", NotificationSeverity.Warning, new InputPosition(5, 1, 6));
        var summary = new ResultSummary { Query = "q", Notifications = [warning] };
        var old = SummaryMetadata.For(BoltVersion.V5_4, summary, "neo4j", 1, true, true, false);
        var current = SummaryMetadata.For(BoltVersion.V5_8, summary, "neo4j", 1, true, true, false);
        Assert.False(old.ContainsKey("statuses"));
        Assert.False(current.ContainsKey("notifications"));
        foreach (var metadata in new[] { old, current })
        {
            var read = Assert.Single(SummaryMetadata.ParseNotifications(metadata));
            Assert.Equal(warning, read);
        }
        var statuses = (List<object?>)current["statuses"]!;
        Assert.Equal("00000", ((Dictionary<string, object?>)statuses[0]!)["gql_status"]);
        Assert.Equal("01N42", ((Dictionary<string, object?>)statuses[1]!)["gql_status"]);
    }

    [Fact]
    public void Failures_read_back_as_the_contracts_exceptions()
    {
        foreach (var version in new[] { BoltVersion.V4_4, BoltVersion.V5_6, BoltVersion.V5_7, BoltVersion.V5_8 })
        {
            var syntax = FailureMetadata.ToException(FailureMetadata.For(version, Neo4jStatus.SyntaxError, "bad", new InputPosition(3, 1, 4)));
            Assert.IsType<ClientException>(syntax);
            Assert.Equal(Neo4jStatus.SyntaxError, syntax.Code);
            if (version.HasGqlErrors) Assert.Equal(4, syntax.Position?.Column);
            Assert.IsType<AuthenticationException>(FailureMetadata.ToException(FailureMetadata.For(version, Neo4jStatus.Unauthorized, "no")));
            Assert.IsType<TransientException>(FailureMetadata.ToException(FailureMetadata.For(version, Neo4jStatus.TransientLockError, "wait")));
            Assert.IsType<DatabaseException>(FailureMetadata.ToException(FailureMetadata.For(version, Neo4jStatus.UnknownError, "boom")));
        }
    }
}
