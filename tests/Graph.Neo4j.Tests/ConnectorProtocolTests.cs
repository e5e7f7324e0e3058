using System.Text.Json;
using Graph.Client;

namespace Graph.Neo4j.Tests;

/// <summary>
/// The connector against a scripted HTTP server that answers like Neo4j's documentation says:
/// request shape, authentication headers, transactions with cluster affinity, error mapping,
/// retries, timeouts and cancellation.
/// </summary>
public class ConnectorProtocolTests
{
    private const string Empty = """{"data": {"fields": [], "values": []}, "bookmarks": ["FB:one"]}""";

    private static Neo4jDriver Driver(ScriptedNeo4j server, Func<Neo4jOptions, Neo4jOptions>? configure = null)
    {
        var options = new Neo4jOptions { Uri = server.Uri, User = "neo4j", Password = "verysecret", RetryDelay = TimeSpan.FromMilliseconds(10) };
        return new Neo4jDriver(configure?.Invoke(options) ?? options);
    }

    [Fact]
    public async Task A_query_is_sent_as_typed_JSON_with_the_documented_headers()
    {
        await using var server = await ScriptedNeo4j.StartAsync();
        server.ReplyFixture(202, "typed-response.json");
        await using var driver = Driver(server);
        await using var session = driver.AsyncSession(SessionConfig.Read);

        var result = await session.RunAsync("MERGE (p:Person {name: $name}) RETURN p AS person, p.name AS name",
            new Dictionary<string, object?> { ["name"] = "Phil", ["age"] = 42, ["ratio"] = 0.5 });

        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/db/neo4j/query/v2"), (request.Method, request.Path));
        Assert.Equal("application/vnd.neo4j.query", request.Header("content-type"));
        Assert.StartsWith("application/vnd.neo4j.query", request.Header("accept"));
        Assert.Equal("Basic bmVvNGo6dmVyeXNlY3JldA==", request.Header("authorization")); // the documented example credentials
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("Read", root.GetProperty("accessMode").GetString());
        Assert.True(root.GetProperty("includeCounters").GetBoolean());
        Assert.Equal("""{"$type":"Integer","_value":"42"}""", root.GetProperty("parameters").GetProperty("age").GetRawText());
        Assert.Equal("""{"$type":"Float","_value":"0.5"}""", root.GetProperty("parameters").GetProperty("ratio").GetRawText());

        Assert.Equal("Phil", result.Single()["name"]);
        Assert.Equal("Phil", Assert.IsType<Node>(result.Single()["person"])["name"]);
        Assert.Equal("FB:kcwQ/wTfJf8rS1WY+GiIKXsCXg6Q", result.Summary.Bookmark);
        Assert.Equal(["FB:kcwQ/wTfJf8rS1WY+GiIKXsCXg6Q"], session.LastBookmarks);
    }

    [Fact]
    public async Task Bookmarks_of_one_query_are_sent_with_the_next()
    {
        await using var server = await ScriptedNeo4j.StartAsync();
        server.Reply(202, Empty).Reply(202, Empty);
        await using var driver = Driver(server);
        await using var session = driver.AsyncSession(new SessionConfig { Bookmarks = ["FB:zero"] });

        await session.RunAsync("CREATE ()");
        await session.RunAsync("MATCH (n) RETURN n");

        var requests = server.Requests.ToArray();
        Assert.Contains("FB:zero", requests[0].Body);
        Assert.Contains("FB:one", requests[1].Body);
        Assert.Contains("\"Write\"", requests[0].Body);
    }

    [Fact]
    public async Task Bearer_token_is_sent_as_given()
    {
        await using var server = await ScriptedNeo4j.StartAsync();
        server.Reply(202, Empty);
        await using var driver = Driver(server, o => o with { BearerToken = "eGJoa2pubHZpYW56dGdocXdhd3hxZmUK" });
        await using var session = driver.AsyncSession();
        await session.RunAsync("RETURN 1");
        Assert.Equal("Bearer eGJoa2pubHZpYW56dGdocXdhd3hxZmUK", Assert.Single(server.Requests).Header("authorization"));
    }

    [Fact]
    public async Task A_transaction_uses_its_id_and_echoes_the_cluster_affinity_header()
    {
        await using var server = await ScriptedNeo4j.StartAsync();
        var affinity = new Dictionary<string, string> { ["neo4j-cluster-affinity"] = "MTAuOC41Ljc6MTc0NzQ=" };
        server.ReplyFixture(202, "tx-begin-response.json", "application/json", affinity)
            .ReplyFixture(202, "tx-begin-response.json", "application/json", affinity)
            .Reply(202, """{"data": {"fields": [], "values": []}, "bookmarks": ["FB:committed"]}""", headers: affinity)
            .ReplyFixture(202, "tx-begin-response.json", "application/json", affinity)
            .Reply(202, "", headers: affinity);
        await using var driver = Driver(server);
        await using var session = driver.AsyncSession();

        var tx = await session.BeginTransactionAsync(new TransactionConfig { Timeout = TimeSpan.FromSeconds(5) });
        var alice = await tx.RunAsync("MERGE (n:Person {name: $name, age: $age}) RETURN n AS alice",
            new Dictionary<string, object?> { ["name"] = "Alice", ["age"] = 42 });
        await tx.CommitAsync();
        Assert.False(tx.IsOpen);
        Assert.Equal(["FB:committed"], session.LastBookmarks);

        var second = await session.BeginTransactionAsync();
        await second.RollbackAsync();

        var requests = server.Requests.ToArray();
        Assert.Equal(
            ["POST /db/neo4j/query/v2/tx", "POST /db/neo4j/query/v2/tx/lyU", "POST /db/neo4j/query/v2/tx/lyU/commit",
             "POST /db/neo4j/query/v2/tx", "DELETE /db/neo4j/query/v2/tx/lyU"],
            requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Equal("", requests[0].Header("neo4j-cluster-affinity"));
        Assert.All(requests[1..3].Append(requests[4]), r => Assert.Equal("MTAuOC41Ljc6MTc0NzQ=", r.Header("neo4j-cluster-affinity")));
        Assert.Contains("\"maxExecutionTime\":5", requests[0].Body);
        Assert.Equal(42L, Assert.IsType<Node>(alice.Single()["alice"])["age"]);
    }

    [Theory]
    [InlineData(202)] // Neo4j may report a failed statement inside an accepted response
    [InlineData(400)]
    public async Task A_syntax_error_maps_to_a_ClientException_with_position(int status)
    {
        await using var server = await ScriptedNeo4j.StartAsync();
        server.ReplyFixture(status, "error-syntax.json", "application/json");
        await using var driver = Driver(server);
        await using var session = driver.AsyncSession();

        var e = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("This is not a valid Cypher Statement."));
        Assert.Equal(Neo4jStatus.SyntaxError, e.Code);
        Assert.Equal(new InputPosition(0, 1, 1), e.Position);
        Assert.Single(server.Requests); // client errors are not retried
    }

    [Fact]
    public async Task Documented_401_maps_to_AuthenticationException()
    {
        await using var server = await ScriptedNeo4j.StartAsync();
        server.ReplyFixture(401, "error-bad-credentials.json", "application/json");
        await using var driver = Driver(server);
        var e = await Assert.ThrowsAsync<AuthenticationException>(() => driver.VerifyConnectivityAsync());
        Assert.Equal("Invalid username or password.", e.Message);
    }

    [Theory]
    [InlineData(404, "text/html", "<html>Not Found</html>", typeof(ClientException), Neo4jStatus.InvalidRequest)]
    [InlineData(401, "text/plain", "", typeof(AuthenticationException), Neo4jStatus.Unauthorized)]
    [InlineData(500, "text/html", "<html>boom</html>", typeof(DatabaseException), Neo4jStatus.UnknownError)]
    [InlineData(413, "text/plain", "too big", typeof(ClientException), Neo4jStatus.RequestTooLarge)]
    public async Task Statuses_without_an_errors_body_still_map(int status, string contentType, string body, Type type, string code)
    {
        await using var server = await ScriptedNeo4j.StartAsync();
        server.Reply(status, body, contentType);
        await using var driver = Driver(server);
        await using var session = driver.AsyncSession();
        var e = await Assert.ThrowsAnyAsync<GraphException>(() => session.RunAsync("RETURN 1"));
        Assert.IsType(type, e);
        Assert.Equal(code, e.Code);
    }

    [Fact]
    public async Task Transient_errors_are_retried_with_backoff_until_they_pass()
    {
        await using var server = await ScriptedNeo4j.StartAsync();
        const string transient = """{"errors": [{"code": "Neo.TransientError.Transaction.LockClientStopped", "message": "lock"}]}""";
        server.Reply(503, transient, "application/json").Reply(202, transient).Reply(202, """{"data": {"fields": ["x"], "values": [[{"$type": "Integer", "_value": "1"}]]}}""");
        await using var driver = Driver(server);
        await using var session = driver.AsyncSession();

        var result = await session.RunAsync("RETURN 1 AS x");
        Assert.Equal(1L, result.Single()["x"]);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Transient_errors_give_up_after_MaxRetries()
    {
        await using var server = await ScriptedNeo4j.StartAsync();
        const string transient = """{"errors": [{"code": "Neo.TransientError.General.DatabaseUnavailable", "message": "starting"}]}""";
        server.Reply(503, transient, "application/json").Reply(503, transient, "application/json").Reply(503, transient, "application/json");
        await using var driver = Driver(server, o => o with { MaxRetries = 1 });
        await using var session = driver.AsyncSession();

        var e = await Assert.ThrowsAsync<TransientException>(() => session.RunAsync("RETURN 1"));
        Assert.Equal("Neo.TransientError.General.DatabaseUnavailable", e.Code);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_slow_server_times_out_with_a_clear_error()
    {
        await using var server = await ScriptedNeo4j.StartAsync();
        server.Reply(202, Empty, delay: TimeSpan.FromSeconds(5));
        await using var driver = Driver(server, o => o with { Timeout = TimeSpan.FromMilliseconds(300) });
        await using var session = driver.AsyncSession();

        var e = await Assert.ThrowsAnyAsync<ClientException>(() => session.RunAsync("RETURN 1"));
        Assert.Equal(Neo4jStatus.QueryTimeout, e.Code);
        Assert.Contains("Neo4jOptions.Timeout", e.Message);
    }

    [Fact]
    public async Task Cancellation_cancels_the_request()
    {
        await using var server = await ScriptedNeo4j.StartAsync();
        server.Reply(202, Empty, delay: TimeSpan.FromSeconds(5));
        await using var driver = Driver(server);
        await using var session = driver.AsyncSession();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.RunAsync("RETURN 1", cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task An_unreachable_server_is_ServiceUnavailable()
    {
        int port;
        await using (var server = await ScriptedNeo4j.StartAsync()) port = server.Uri.Port;
        await using var driver = new Neo4jDriver(new Neo4jOptions { Uri = new Uri($"http://127.0.0.1:{port}"), MaxRetries = 0 });
        var e = await Assert.ThrowsAsync<ServiceUnavailableException>(() => driver.VerifyConnectivityAsync());
        Assert.Contains($"127.0.0.1:{port}", e.Message);
    }

    [Theory]
    [InlineData("bolt://localhost:7687")]
    [InlineData("neo4j://localhost")]
    public void Non_HTTP_addresses_are_refused_with_the_fix(string uri)
    {
        var e = Assert.Throws<ClientException>(() => new Neo4jDriver(new Neo4jOptions { Uri = new Uri(uri) }));
        Assert.Contains("http://localhost:7474", e.Message);
    }
}

public class Neo4jOptionsTests
{
    [Fact]
    public void Options_come_from_GRAPH_Neo4j_environment_variables()
    {
        var options = Neo4jOptions.FromEnvironment(new System.Collections.Hashtable
        {
            ["GRAPH_Neo4j__Uri"] = "http://neo4j:7474",
            ["GRAPH_Neo4j__Database"] = "graph",
            ["GRAPH_Neo4j__User"] = "neo4j",
            ["GRAPH_Neo4j__Password"] = "pw",
            ["GRAPH_Neo4j__Timeout"] = "90",
            ["GRAPH_Neo4j__MaxRetries"] = "0",
        });
        Assert.Equal(new Neo4jOptions { Uri = new Uri("http://neo4j:7474"), Database = "graph", User = "neo4j", Password = "pw", Timeout = TimeSpan.FromSeconds(90), MaxRetries = 0 }, options);
        Assert.Equal(new Neo4jOptions(), Neo4jOptions.FromEnvironment(new System.Collections.Hashtable()));
    }

    [Theory]
    [InlineData("GRAPH_Neo4j__Uri", "not a uri")]
    [InlineData("GRAPH_Neo4j__Timeout", "soon")]
    [InlineData("GRAPH_Neo4j__MaxRetries", "-1")]
    public void A_bad_variable_is_named(string name, string value)
    {
        var e = Assert.Throws<Graph.Client.ClientException>(() => Neo4jOptions.FromEnvironment(new System.Collections.Hashtable { [name] = value }));
        Assert.Contains(name, e.Message);
    }
}
