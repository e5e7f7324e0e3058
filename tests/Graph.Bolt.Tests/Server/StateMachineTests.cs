using Graph.Bolt.Protocol;
using Graph.Client;
using static Graph.Bolt.Tests.RawBoltClient;

namespace Graph.Bolt.Tests.Server;

/// <summary>The server's state machine message by message: what each state accepts, FAILURE and IGNORED as Neo4j sends them.</summary>
public class StateMachineTests(BoltHarness server) : IClassFixture<BoltHarness>
{
    private static readonly Dictionary<string, object?> None = [];
    private static Dictionary<string, object?> Pull(long n, long? qid = null) =>
        qid is { } q ? new() { ["n"] = n, ["qid"] = q } : new() { ["n"] = n };

    private async Task<RawBoltClient> Open(BoltVersion? version = null)
    {
        var client = await server.RawAsync();
        await client.OpenAsync(version ?? BoltVersion.V5_8);
        return client;
    }

    [Fact]
    public async Task Run_and_pull_in_batches_report_has_more_then_the_summary()
    {
        await using var client = await Open();
        await client.SendAsync(BoltMessages.Run, "UNWIND range(1, 5) AS i RETURN i", None, None);
        var run = AssertSuccess(await client.ReceiveAsync());
        Assert.Equal(new List<object?> { "i" }, run["fields"]);
        Assert.True(run.ContainsKey("t_first"));
        Assert.Equal("neo4j", run["db"]); // 5.8: the database resolved for the client

        await client.SendAsync(BoltMessages.Pull, Pull(2));
        Assert.Equal(new List<object?> { 1L }, (await client.ReceiveAsync())!.Value.Fields[0]);
        Assert.Equal(new List<object?> { 2L }, (await client.ReceiveAsync())!.Value.Fields[0]);
        Assert.Equal(true, AssertSuccess(await client.ReceiveAsync())["has_more"]);

        await client.SendAsync(BoltMessages.Pull, Pull(-1));
        for (var i = 3L; i <= 5; i++) Assert.Equal(new List<object?> { i }, (await client.ReceiveAsync())!.Value.Fields[0]);
        var summary = AssertSuccess(await client.ReceiveAsync());
        Assert.False(summary.ContainsKey("has_more"));
        Assert.Equal("r", summary["type"]);
        Assert.Equal("neo4j", summary["db"]);
        Assert.True(summary.ContainsKey("t_last"));
        var statuses = (IReadOnlyList<object?>)summary["statuses"]!;
        Assert.Equal("00000", ((IReadOnlyDictionary<string, object?>)statuses[0]!)["gql_status"]);
    }

    [Fact]
    public async Task Writes_report_stats_and_a_bookmark()
    {
        await using var client = await Open();
        client.Queue(BoltMessages.Run, "CREATE (:SmW {p: 1})", None, None);
        client.Queue(BoltMessages.Pull, Pull(-1));
        await client.FlushAsync();
        AssertSuccess(await client.ReceiveAsync());
        var summary = AssertSuccess(await client.ReceiveAsync());
        Assert.Equal("w", summary["type"]);
        var stats = (IReadOnlyDictionary<string, object?>)summary["stats"]!;
        Assert.Equal(1L, stats["nodes-created"]);
        Assert.Equal(1L, stats["labels-added"]);
        Assert.Equal(1L, stats["properties-set"]);
        Assert.Equal(true, stats["contains-updates"]);
        Assert.False(stats.ContainsKey("nodes-deleted")); // only what moved, as Neo4j sends it
        Assert.IsType<string>(summary["bookmark"]);
        Assert.Equal("00001", ((IReadOnlyDictionary<string, object?>)((IReadOnlyList<object?>)summary["statuses"]!)[0]!)["gql_status"]);
    }

    [Fact]
    public async Task Discard_throws_records_away_and_ends_the_result()
    {
        await using var client = await Open();
        client.Queue(BoltMessages.Run, "UNWIND range(1, 10) AS i RETURN i", None, None);
        client.Queue(BoltMessages.Discard, Pull(3));
        client.Queue(BoltMessages.Pull, Pull(1));
        client.Queue(BoltMessages.Discard, Pull(-1));
        await client.FlushAsync();
        AssertSuccess(await client.ReceiveAsync());
        Assert.Equal(true, AssertSuccess(await client.ReceiveAsync())["has_more"]);
        Assert.Equal(new List<object?> { 4L }, (await client.ReceiveAsync())!.Value.Fields[0]);
        Assert.Equal(true, AssertSuccess(await client.ReceiveAsync())["has_more"]);
        Assert.Equal("r", AssertSuccess(await client.ReceiveAsync())["type"]);
    }

    [Fact]
    public async Task A_transaction_keeps_several_results_open_by_qid()
    {
        await using var client = await Open();
        client.Queue(BoltMessages.Begin, None);
        client.Queue(BoltMessages.Run, "UNWIND [1, 2, 3] AS i RETURN i", None, None);
        client.Queue(BoltMessages.Run, "UNWIND ['a', 'b'] AS s RETURN s", None, None);
        await client.FlushAsync();
        Assert.False(AssertSuccess(await client.ReceiveAsync()).ContainsKey("qid"));
        Assert.Equal(0L, AssertSuccess(await client.ReceiveAsync())["qid"]);
        Assert.Equal(1L, AssertSuccess(await client.ReceiveAsync())["qid"]);

        await client.SendAsync(BoltMessages.Pull, Pull(1, 0));
        Assert.Equal(new List<object?> { 1L }, (await client.ReceiveAsync())!.Value.Fields[0]);
        Assert.Equal(true, AssertSuccess(await client.ReceiveAsync())["has_more"]);
        await client.SendAsync(BoltMessages.Pull, Pull(-1)); // qid -1: the last statement
        Assert.Equal(new List<object?> { "a" }, (await client.ReceiveAsync())!.Value.Fields[0]);
        Assert.Equal(new List<object?> { "b" }, (await client.ReceiveAsync())!.Value.Fields[0]);
        var summary = AssertSuccess(await client.ReceiveAsync());
        Assert.False(summary.ContainsKey("bookmark")); // only commits and auto-commit results carry one
        await client.SendAsync(BoltMessages.Pull, Pull(-1, 0));
        Assert.Equal(new List<object?> { 2L }, (await client.ReceiveAsync())!.Value.Fields[0]);
        Assert.Equal(new List<object?> { 3L }, (await client.ReceiveAsync())!.Value.Fields[0]);
        AssertSuccess(await client.ReceiveAsync());
        await client.SendAsync(BoltMessages.Commit);
        AssertSuccess(await client.ReceiveAsync());
    }

    [Fact]
    public async Task After_a_failure_everything_is_ignored_until_reset()
    {
        await using var client = await Open();
        client.Queue(BoltMessages.Run, "RETURN 1 +", None, None);
        client.Queue(BoltMessages.Pull, Pull(-1));
        client.Queue(BoltMessages.Run, "RETURN 1 AS x", None, None);
        await client.FlushAsync();
        var failure = AssertFailure(await client.ReceiveAsync());
        Assert.Equal(Neo4jStatus.SyntaxError, failure["neo4j_code"]);
        AssertIgnored(await client.ReceiveAsync());
        AssertIgnored(await client.ReceiveAsync());
        // A RESET jumps ahead of what is queued; here nothing is, so it only clears the failure.
        client.Queue(BoltMessages.Reset);
        client.Queue(BoltMessages.Run, "RETURN 1 AS x", None, None);
        client.Queue(BoltMessages.Pull, Pull(-1));
        await client.FlushAsync();
        AssertSuccess(await client.ReceiveAsync());
        AssertSuccess(await client.ReceiveAsync());
        Assert.Equal(new List<object?> { 1L }, (await client.ReceiveAsync())!.Value.Fields[0]);
        AssertSuccess(await client.ReceiveAsync());
    }

    [Fact]
    public async Task Failures_take_neo4j_shape_for_each_version()
    {
        await using (var old = await Open(BoltVersion.V5_6))
        {
            await old.SendAsync(BoltMessages.Run, "RETURN 1 +", None, None);
            var failure = AssertFailure(await old.ReceiveAsync());
            Assert.Equal(["code", "message"], failure.Keys.Order());
            Assert.Equal(Neo4jStatus.SyntaxError, failure["code"]);
        }
        await using var client = await Open(BoltVersion.V5_7);
        await client.SendAsync(BoltMessages.Run, "RETURN\n  1 +", None, None);
        var gql = AssertFailure(await client.ReceiveAsync());
        Assert.Equal(Neo4jStatus.SyntaxError, gql["neo4j_code"]);
        Assert.Equal("42001", gql["gql_status"]);
        Assert.StartsWith("error: syntax error or access rule violation - invalid syntax. ", (string)gql["description"]!);
        var record = (IReadOnlyDictionary<string, object?>)gql["diagnostic_record"]!;
        Assert.Equal("CLIENT_ERROR", record["_classification"]);
        Assert.Equal("/", record["CURRENT_SCHEMA"]);
        var position = (IReadOnlyDictionary<string, object?>)record["_position"]!;
        Assert.Equal(2L, position["line"]);
    }

    [Fact]
    public async Task A_message_the_state_does_not_allow_fails_and_closes()
    {
        await using var client = await Open();
        await client.SendAsync(BoltMessages.Pull, Pull(-1));
        var failure = AssertFailure(await client.ReceiveAsync());
        Assert.Equal(Neo4jStatus.InvalidRequest, failure["neo4j_code"]);
        Assert.Contains("cannot be handled by a session in the READY state", (string)failure["message"]!);
        Assert.Null(await client.ReceiveAsync());
    }

    [Fact]
    public async Task Run_before_hello_fails_and_closes()
    {
        await using var client = await server.RawAsync();
        await client.ProposeAsync(BoltVersion.V5_8.Encoded);
        await client.SendAsync(BoltMessages.Run, "RETURN 1", None, None);
        Assert.Contains("NEGOTIATION", (string)AssertFailure(await client.ReceiveAsync())["message"]!);
        Assert.Null(await client.ReceiveAsync());
    }

    [Fact]
    public async Task Malformed_messages_fail_with_invalid_format_and_close()
    {
        await using var client = await Open();
        await client.SendRawAsync([0x00, 0x03, 0xB1, 0x10, 0xC4, 0x00, 0x00]); // RUN whose field has a reserved marker
        var failure = AssertFailure(await client.ReceiveAsync());
        Assert.Equal(Neo4jStatus.InvalidFormat, failure["neo4j_code"]);
        Assert.Null(await client.ReceiveAsync());
        // the server serves the next client as before
        await using var next = await Open();
        await next.SendAsync(BoltMessages.Run, "RETURN 1 AS x", None, None);
        AssertSuccess(await next.ReceiveAsync());
    }

    [Fact]
    public async Task Goodbye_closes_and_logoff_returns_to_authentication()
    {
        await using (var client = await Open())
        {
            await client.SendAsync(BoltMessages.Logoff);
            AssertSuccess(await client.ReceiveAsync());
            await client.SendAsync(BoltMessages.Run, "RETURN 1", None, None);
            Assert.Contains("AUTHENTICATION", (string)AssertFailure(await client.ReceiveAsync())["message"]!);
        }
        await using var leaving = await Open();
        await leaving.SendAsync(BoltMessages.Goodbye);
        Assert.Null(await leaving.ReceiveAsync());
    }

    [Fact]
    public async Task Route_names_this_server_for_every_role()
    {
        await using var client = await Open();
        await client.SendAsync(BoltMessages.Route, new Dictionary<string, object?> { ["address"] = "localhost:7777" }, new List<object?>(), new Dictionary<string, object?> { ["db"] = "graph" });
        var rt = (IReadOnlyDictionary<string, object?>)AssertSuccess(await client.ReceiveAsync())["rt"]!;
        Assert.Equal("graph", rt["db"]);
        Assert.Equal(300L, rt["ttl"]);
        var servers = ((IReadOnlyList<object?>)rt["servers"]!).Cast<IReadOnlyDictionary<string, object?>>().ToList();
        Assert.Equal(["ROUTE", "READ", "WRITE"], servers.Select(s => (string)s["role"]!));
        Assert.All(servers, s => Assert.Equal(new List<object?> { "localhost:7777" }, s["addresses"]));

        await client.SendAsync(BoltMessages.Route, new Dictionary<string, object?>(), new List<object?>(), new Dictionary<string, object?> { ["db"] = "nope" });
        Assert.Equal(Neo4jStatus.DatabaseNotFound, AssertFailure(await client.ReceiveAsync())["neo4j_code"]);
    }

    [Fact]
    public async Task Telemetry_is_accepted_from_5_4()
    {
        await using var client = await Open();
        await client.SendAsync(BoltMessages.Telemetry, 2L);
        AssertSuccess(await client.ReceiveAsync());
        await client.SendAsync(BoltMessages.Telemetry, 9001L);
        Assert.Equal(Neo4jStatus.InvalidRequest, AssertFailure(await client.ReceiveAsync())["neo4j_code"]);
    }

    [Fact]
    public async Task Bolt_4_4_authenticates_in_hello_and_sends_nodes_without_element_ids()
    {
        await using var client = await Open(BoltVersion.V4_4);
        await client.SendAsync(BoltMessages.Run, "CREATE (n:Sm44 {p: 1}) RETURN n", None, None);
        AssertSuccess(await client.ReceiveAsync());
        await client.SendAsync(BoltMessages.Pull, Pull(-1));
        var node = (Node)((IReadOnlyList<object?>)(await client.ReceiveAsync())!.Value.Fields[0]!)[0]!;
        Assert.Matches("^[0-9]+$", node.ElementId); // only the integer id travelled
        var summary = AssertSuccess(await client.ReceiveAsync());
        Assert.False(summary.ContainsKey("statuses"));
    }

    [Fact]
    public async Task Unknown_databases_are_not_found()
    {
        await using var client = await Open();
        await client.SendAsync(BoltMessages.Begin, new Dictionary<string, object?> { ["db"] = "elsewhere" });
        var failure = AssertFailure(await client.ReceiveAsync());
        Assert.Equal(Neo4jStatus.DatabaseNotFound, failure["neo4j_code"]);
        Assert.Contains("elsewhere", (string)failure["message"]!);
        await client.SendAsync(BoltMessages.Reset);
        AssertSuccess(await client.ReceiveAsync());
        await client.SendAsync(BoltMessages.Begin, new Dictionary<string, object?> { ["db"] = "GRAPH" }); // the alias, any case
        Assert.False(AssertSuccess(await client.ReceiveAsync()).ContainsKey("db")); // named by the client: not echoed
    }

    [Fact]
    public async Task Reset_interrupts_a_long_query_and_what_was_queued_before_it_is_ignored()
    {
        await using var client = await Open();
        // Runs for minutes if not interrupted.
        client.Queue(BoltMessages.Run, "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b WITH a, b WHERE a < 0 RETURN count(*)", None, None);
        client.Queue(BoltMessages.Pull, Pull(-1));
        await client.FlushAsync();
        AssertSuccess(await client.ReceiveAsync());
        await Task.Delay(200);
        client.Queue(BoltMessages.Run, "RETURN 1", None, None);
        client.Queue(BoltMessages.Reset);
        await client.FlushAsync();
        AssertIgnored(await client.ReceiveAsync()); // the interrupted PULL
        AssertIgnored(await client.ReceiveAsync()); // the RUN queued before the RESET
        AssertSuccess(await client.ReceiveAsync());
        await client.SendAsync(BoltMessages.Run, "RETURN 2 AS two", None, None);
        AssertSuccess(await client.ReceiveAsync());
    }
}
