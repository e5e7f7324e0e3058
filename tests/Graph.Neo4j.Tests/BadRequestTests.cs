using System.Net;
using System.Text;
using System.Text.Json;
using Graph.Client;

namespace Graph.Neo4j.Tests;

/// <summary>
/// Requests the server must refuse with a Neo4j-style error body and the right status, and keep
/// serving afterwards. Raw HTTP where the connector would never send such a request.
/// </summary>
public class BadRequestTests(LimitedServerHarness server) : IClassFixture<LimitedServerHarness>
{
    private Task<(HttpStatusCode Status, string Code, string Message)> Send(HttpMethod method, string path, string? body,
        string? contentType = "application/json") =>
        SendBytes(method, path, body is null ? null : Encoding.UTF8.GetBytes(body), contentType);

    private async Task<(HttpStatusCode Status, string Code, string Message)> SendBytes(HttpMethod method, string path, byte[]? body,
        string? contentType = "application/json")
    {
        using var http = server.Http();
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null) request.Content.Headers.ContentType = new(contentType);
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        var error = json.RootElement.GetProperty("errors")[0];
        return (response.StatusCode, error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }

    private async Task StillServes()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        Assert.Equal(1L, (await session.RunAsync("RETURN 1 AS one")).Single()["one"]);
    }

    [Theory]
    [InlineData("{\"statement\": ", "not valid JSON")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("{\"statement\": 42}", "\"statement\" must be a string")]
    [InlineData("{\"statement\": \"RETURN 1\", \"accessMode\": \"Sideways\"}", "accessMode")]
    [InlineData("{\"statement\": \"RETURN 1\", \"parameters\": [1]}", "$.parameters")]
    [InlineData("{\"statement\": \"RETURN 1\", \"includeCounters\": \"yes\"}", "includeCounters")]
    [InlineData("{\"statement\": \"RETURN 1\", \"parameters\": {\"p\": 123456789012345678901234567890}}", "does not fit in 64 bits")]
    public async Task Malformed_JSON_is_400_InvalidFormat(string body, string expected)
    {
        var (status, code, message) = await Send(HttpMethod.Post, "/db/neo4j/query/v2", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(Neo4jStatus.InvalidFormat, code);
        Assert.Contains(expected, message);
        await StillServes();
    }

    [Fact]
    public async Task A_malformed_typed_parameter_names_its_place()
    {
        var (status, code, message) = await Send(HttpMethod.Post, "/db/neo4j/query/v2",
            """{"statement": "RETURN $n", "parameters": {"n": {"$type": "Integer", "_value": "twelve"}}}""", "application/vnd.neo4j.query");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(Neo4jStatus.InvalidFormat, code);
        Assert.Contains("$.parameters.n._value", message);
    }

    [Fact]
    public async Task Impersonation_is_refused_not_ignored()
    {
        var (status, code, message) = await Send(HttpMethod.Post, "/db/neo4j/query/v2", """{"statement": "RETURN 1", "impersonatedUser": "alice"}""");
        Assert.Equal((HttpStatusCode.Forbidden, Neo4jStatus.Forbidden), (status, code));
        Assert.Contains("impersonatedUser", message);
    }

    [Fact]
    public async Task A_missing_statement_is_400()
    {
        var (status, code, message) = await Send(HttpMethod.Post, "/db/neo4j/query/v2", "{\"parameters\": {}}");
        Assert.Equal((HttpStatusCode.BadRequest, Neo4jStatus.InvalidRequest), (status, code));
        Assert.Contains("statement", message);
    }

    [Fact]
    public async Task A_wrong_content_type_is_415()
    {
        var (status, code, message) = await Send(HttpMethod.Post, "/db/neo4j/query/v2", "statement=RETURN 1", "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal(Neo4jStatus.InvalidRequest, code);
        Assert.Contains("application/vnd.neo4j.query", message);
        await StillServes();
    }

    [Fact]
    public async Task An_unknown_database_is_404_and_the_alias_works()
    {
        var (status, code, message) = await Send(HttpMethod.Post, "/db/other/query/v2", "{\"statement\": \"RETURN 1\"}");
        Assert.Equal((HttpStatusCode.NotFound, Neo4jStatus.DatabaseNotFound), (status, code));
        Assert.Contains("neo4j, graph", message);

        await using var driver = server.Connector(database: "graph");
        await using var session = driver.AsyncSession();
        Assert.Equal(2L, (await session.RunAsync("RETURN 2 AS two")).Single()["two"]);
    }

    [Fact]
    public async Task A_missing_parameter_is_400_ParameterMissing()
    {
        var (status, code, _) = await Send(HttpMethod.Post, "/db/neo4j/query/v2", "{\"statement\": \"RETURN $nope\"}");
        Assert.Equal((HttpStatusCode.BadRequest, Neo4jStatus.ParameterMissing), (status, code));
    }

    [Fact]
    public async Task An_oversized_body_is_413_and_the_connector_maps_it()
    {
        var big = new string('x', 5000);
        var (status, code, message) = await Send(HttpMethod.Post, "/db/neo4j/query/v2", $"{{\"statement\": \"RETURN '{big}'\"}}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(Neo4jStatus.RequestTooLarge, code);
        Assert.Contains("4096", message);

        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var e = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("RETURN $s AS s", Params.Of(("s", big))));
        Assert.Contains("MaxRequestBodyBytes", e.Message);
        await StillServes();
    }

    // Transaction expiry runs on the harness's fake clock: the tests move it, so no test races the wall clock.
    // (The keep-alive test used to wait 250 ms between requests against a 1 s idle timeout on the real clock. It failed
    // when the first round trip of a cold process, JIT included, took longer than the slack; keep-alive itself worked,
    // but the server also started the idle clock before writing a response. Now idle time starts once the response is written.)

    [Fact]
    public async Task An_expired_transaction_is_TransactionNotFound_and_was_rolled_back()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("CREATE (:BadExpired)");
        server.Clock.Advance(server.Options.WriteTransactionIdleTimeout); // it wrote: the short idle timeout applies

        var e = await Assert.ThrowsAsync<ClientException>(() => tx.RunAsync("RETURN 1"));
        Assert.Equal(Neo4jStatus.TransactionNotFound, e.Code);
        Assert.Contains("rolled back", e.Message);

        await using var reader = driver.AsyncSession(SessionConfig.Read);
        Assert.Equal(0L, (await reader.RunAsync("MATCH (n:BadExpired) RETURN count(n) AS c")).Single()["c"]);
    }

    [Fact]
    public async Task Requests_keep_a_transaction_alive()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        // Six gaps just under the idle timeout: together far longer than it, each one shorter.
        for (var i = 0; i < 6; i++)
        {
            server.Clock.Advance(server.Options.TransactionIdleTimeout - TimeSpan.FromMilliseconds(1));
            await tx.RunAsync("RETURN 1");
        }
        await tx.CommitAsync();
    }

    [Fact]
    public async Task A_transaction_that_wrote_has_the_short_idle_timeout()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("MATCH (n) RETURN count(n) AS c");
        server.Clock.Advance(server.Options.WriteTransactionIdleTimeout * 2); // only read so far: the long timeout applies
        await tx.RunAsync("CREATE (:BadShortIdle)");
        server.Clock.Advance(server.Options.WriteTransactionIdleTimeout - TimeSpan.FromMilliseconds(1));
        await tx.RunAsync("RETURN 1");
        server.Clock.Advance(server.Options.WriteTransactionIdleTimeout);
        var e = await Assert.ThrowsAsync<ClientException>(() => tx.RunAsync("RETURN 1"));
        Assert.Equal(Neo4jStatus.TransactionNotFound, e.Code);
    }

    [Fact]
    public async Task A_long_statement_is_not_idleness()
    {
        using var http = server.Http();
        async Task<JsonDocument> Post(string path, string body)
        {
            using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        }
        using var begun = await Post("/db/neo4j/query/v2/tx", "{}");
        var id = begun.RootElement.GetProperty("transaction").GetProperty("id").GetString();

        // A statement that takes a while; meanwhile the clock passes the idle timeout and a second request for the
        // transaction arrives: it waits for the first and runs, it does not find the transaction expired.
        var slow = Post($"/db/neo4j/query/v2/tx/{id}", """{"statement": "UNWIND range(1, 1000000) AS x WITH x WHERE x < 0 RETURN count(*) AS c"}""");
        for (var i = 0; i < 200 && server.Activity.RunningStatements == 0; i++) await Task.Delay(25);
        server.Clock.Advance(server.Options.TransactionIdleTimeout * 3);
        using var second = await Post($"/db/neo4j/query/v2/tx/{id}", """{"statement": "RETURN 2 AS two"}""");
        using var first = await slow;
        Assert.Equal(0, first.RootElement.GetProperty("data").GetProperty("values")[0][0].GetInt64());
        Assert.Equal(2, second.RootElement.GetProperty("data").GetProperty("values")[0][0].GetInt64());
        using var committed = await Post($"/db/neo4j/query/v2/tx/{id}/commit", "{}");
        Assert.False(committed.RootElement.TryGetProperty("errors", out _), committed.RootElement.GetRawText());
    }

    [Fact]
    public async Task An_abandoned_writer_is_rolled_back_by_the_sweep_and_the_next_writer_proceeds()
    {
        await using var driver = server.Connector();
        await using var abandoned = driver.AsyncSession();
        var tx = await abandoned.BeginTransactionAsync();
        await tx.RunAsync("CREATE (:BadAbandoned)"); // holds the store's write lock from here
        Assert.Equal(1, server.Activity.OpenTransactions);

        // Nobody asks for the transaction again: the periodic sweep (on the fake clock) rolls it back.
        server.Clock.Advance(server.Options.WriteTransactionIdleTimeout + TimeSpan.FromSeconds(1));
        await using var writer = driver.AsyncSession();
        // The engine waits up to 5 s for the lock: a generous bound for the sweep that the clock already started.
        Assert.Equal(1, (await writer.RunAsync("CREATE (:BadNextWriter)")).Counters.NodesCreated);
        Assert.Equal(0, server.Activity.OpenTransactions);
        Assert.Equal(0L, (await writer.RunAsync("MATCH (n:BadAbandoned) RETURN count(n) AS c")).Single()["c"]);
    }

    [Fact]
    public async Task A_user_cannot_open_more_transactions_than_the_cap()
    {
        await using var driver = server.Connector();
        var sessions = new List<IAsyncSession>();
        var open = new List<IAsyncTransaction>();
        try
        {
            for (var i = 0; i < server.Options.MaxTransactionsPerUser; i++)
            {
                var session = driver.AsyncSession(SessionConfig.Read);
                sessions.Add(session);
                open.Add(await session.BeginTransactionAsync());
            }
            var (status, code, message) = await Send(HttpMethod.Post, "/db/neo4j/query/v2/tx", "{}");
            Assert.Equal((HttpStatusCode.TooManyRequests, Neo4jStatus.MaximumTransactionLimitReached), (status, code));
            Assert.Contains("Server:MaxTransactionsPerUser", message);

            await open[0].RollbackAsync();
            await using var again = driver.AsyncSession(SessionConfig.Read);
            await using var tx = await again.BeginTransactionAsync();
            Assert.Equal(1L, (await tx.RunAsync("RETURN 1 AS one")).Single()["one"]);
        }
        finally
        {
            foreach (var session in sessions) await session.DisposeAsync();
        }
    }

    [Fact]
    public async Task Unknown_transaction_ids_and_routes_get_error_bodies()
    {
        var (status, code, _) = await Send(HttpMethod.Post, "/db/neo4j/query/v2/tx/doesnotexist", "{\"statement\": \"RETURN 1\"}");
        Assert.Equal((HttpStatusCode.NotFound, Neo4jStatus.TransactionNotFound), (status, code));

        (status, code, _) = await Send(HttpMethod.Delete, "/db/neo4j/query/v2/tx/doesnotexist", null);
        Assert.Equal((HttpStatusCode.NotFound, Neo4jStatus.TransactionNotFound), (status, code));

        (status, code, var message) = await Send(HttpMethod.Get, "/db/neo4j/query/v2", null);
        Assert.Equal((HttpStatusCode.NotFound, Neo4jStatus.InvalidRequest), (status, code));
        Assert.Contains("POST /db/{database}/query/v2", message);
    }

    [Fact]
    public async Task Plain_JSON_clients_get_plain_values()
    {
        using var http = server.Http();
        using var response = await http.PostAsync("/db/neo4j/query/v2",
            new StringContent("""{"statement": "RETURN $i + 1 AS i, $f * 2 AS f, [$s] AS l", "parameters": {"i": 41, "f": 1.25, "s": "x"}}""",
                Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var row = json.RootElement.GetProperty("data").GetProperty("values")[0];
        Assert.Equal("42", row[0].GetRawText());
        Assert.Equal("2.5", row[1].GetRawText());
        Assert.Equal("[\"x\"]", row[2].GetRawText().Replace(" ", "").Replace("\n", "").Replace("\r", ""));
    }

    [Fact]
    public async Task Invalid_UTF8_is_400_Request_Invalid_naming_the_byte()
    {
        var body = Encoding.UTF8.GetBytes("{\"statement\": \"RETURN 'x'\"}");
        body[22] = 0xC3; // a lead byte followed by ' (not a continuation byte)
        var (status, code, message) = await SendBytes(HttpMethod.Post, "/db/neo4j/query/v2", body);
        Assert.Equal((HttpStatusCode.BadRequest, Neo4jStatus.InvalidRequest), (status, code));
        Assert.Contains("not valid UTF-8: byte 22", message);
        NoStackTraceLogged();
        await StillServes();
    }

    [Theory]
    [InlineData("""{"statement": "RETURN $s", "parameters": {"s": "\ud800"}}""", "$.parameters.s")]
    [InlineData("""{"statement": "RETURN $s", "parameters": {"s": ["ok", "\udc00 low first"]}}""", "$.parameters.s[1]")]
    [InlineData("""{"statement": "RETURN '\ud83d'"}""", "$.statement")]
    public async Task A_lone_surrogate_is_400_Request_Invalid_naming_its_place(string body, string place)
    {
        var (status, code, message) = await Send(HttpMethod.Post, "/db/neo4j/query/v2", body);
        Assert.Equal((HttpStatusCode.BadRequest, Neo4jStatus.InvalidRequest), (status, code));
        Assert.Contains("lone UTF-16 surrogate", message);
        Assert.Contains($"(at {place})", message);
        NoStackTraceLogged();
    }

    [Fact]
    public async Task A_surrogate_pair_is_text_and_passes()
    {
        using var http = server.Http();
        using var response = await http.PostAsync("/db/neo4j/query/v2",
            new StringContent("""{"statement": "RETURN $s AS s", "parameters": {"s": "\ud83d\ude00"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("\U0001F600", json.RootElement.GetProperty("data").GetProperty("values")[0][0].GetString());
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("\"Infinity\"")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("86401")]
    public async Task An_out_of_range_maxExecutionTime_is_400(string value)
    {
        var (status, code, message) = await Send(HttpMethod.Post, "/db/neo4j/query/v2", $$"""{"statement": "RETURN 1", "maxExecutionTime": {{value}}}""");
        Assert.Equal((HttpStatusCode.BadRequest, Neo4jStatus.InvalidFormat), (status, code));
        Assert.Contains("maxExecutionTime", message);
        NoStackTraceLogged();
        await StillServes();
    }

    [Theory]
    [InlineData("""{"statement": "CREATE (:BadDuplicate)", "statement": "RETURN 1"}""", "'statement'")]
    [InlineData("""{"statement": "RETURN $p", "parameters": {"p": 1, "p": 2}}""", "'p'")]
    [InlineData("""{"statement": "RETURN $m", "parameters": {"m": {"a": 1, "b": {"c": 1, "c": 1}}}}""", "'c'")]
    public async Task A_key_named_twice_is_400_and_nothing_runs(string body, string key)
    {
        var (status, code, message) = await Send(HttpMethod.Post, "/db/neo4j/query/v2", body);
        Assert.Equal((HttpStatusCode.BadRequest, Neo4jStatus.InvalidFormat), (status, code));
        Assert.Contains("names a key twice", message);
        Assert.Contains(key, message);
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession(SessionConfig.Read);
        Assert.Equal(0L, (await session.RunAsync("MATCH (n:BadDuplicate) RETURN count(n) AS c")).Single()["c"]);
        NoStackTraceLogged();
    }

    [Theory]
    [InlineData("/db/neo4j/query/v2")]
    [InlineData("/db/neo4j/query/v2/tx")]
    public async Task The_legacy_statements_batch_is_400_naming_the_query_api_shape(string endpoint)
    {
        var (status, code, message) = await Send(HttpMethod.Post, endpoint,
            """{"statements": [{"statement": "CREATE (:LegacyBatch)"}]}""");
        Assert.Equal((HttpStatusCode.BadRequest, Neo4jStatus.InvalidFormat), (status, code));
        Assert.Contains("\"statements\"", message);
        Assert.Contains("one statement per request", message);
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession(SessionConfig.Read);
        Assert.Equal(0L, (await session.RunAsync("MATCH (n:LegacyBatch) RETURN count(n) AS c")).Single()["c"]);
        NoStackTraceLogged();
    }

    /// <summary>Bad input is the client's mistake: the server answers it and logs no error, let alone a stack trace.</summary>
    private void NoStackTraceLogged()
    {
        var errors = server.Log.Entries.Where(e => e.Exception is not null || e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception}")));
    }

    [Fact]
    public async Task Discovery_answers_JSON_clients_and_leaves_browsers_to_the_web_view()
    {
        using var http = server.Http();
        using var json = JsonDocument.Parse(await http.GetStringAsync("/"));
        var documented = Fixtures.Json("discovery.json");
        foreach (var key in new[] { "query", "transaction", "neo4j_version", "neo4j_edition", "auth_config" })
        {
            Assert.True(documented.TryGetProperty(key, out _));
            Assert.True(json.RootElement.TryGetProperty(key, out _), key);
        }
        Assert.Equal($"{server.Uri.ToString().TrimEnd('/')}/db/{{databaseName}}/query/v2", json.RootElement.GetProperty("query").GetString());
        // Anyone may read it, so it tells nothing about the store: no path, no description.
        Assert.False(json.RootElement.TryGetProperty("store", out _));
        Assert.DoesNotContain("embedded", json.RootElement.GetRawText());
        Assert.DoesNotContain(server.Store.Description, json.RootElement.GetRawText());

        using var browser = new HttpRequestMessage(HttpMethod.Get, "/");
        browser.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        using var page = await http.SendAsync(browser);
        Assert.NotEqual("application/json", page.Content.Headers.ContentType?.MediaType);
    }
}
