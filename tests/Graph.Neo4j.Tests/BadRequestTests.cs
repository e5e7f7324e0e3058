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
    private async Task<(HttpStatusCode Status, string Code, string Message)> Send(HttpMethod method, string path, string? body,
        string? contentType = "application/json")
    {
        using var http = server.Http();
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
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
    public async Task Malformed_JSON_is_400_InvalidFormat(string body, string expected)
    {
        var (status, code, message) = await Send(HttpMethod.Post, "/db/neo4j/query/v2", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(StatusCodes.InvalidFormat, code);
        Assert.Contains(expected, message);
        await StillServes();
    }

    [Fact]
    public async Task A_malformed_typed_parameter_names_its_place()
    {
        var (status, code, message) = await Send(HttpMethod.Post, "/db/neo4j/query/v2",
            """{"statement": "RETURN $n", "parameters": {"n": {"$type": "Integer", "_value": "twelve"}}}""", "application/vnd.neo4j.query");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(StatusCodes.InvalidFormat, code);
        Assert.Contains("$.parameters.n._value", message);
    }

    [Fact]
    public async Task A_missing_statement_is_400()
    {
        var (status, code, message) = await Send(HttpMethod.Post, "/db/neo4j/query/v2", "{\"parameters\": {}}");
        Assert.Equal((HttpStatusCode.BadRequest, StatusCodes.InvalidRequest), (status, code));
        Assert.Contains("statement", message);
    }

    [Fact]
    public async Task A_wrong_content_type_is_415()
    {
        var (status, code, message) = await Send(HttpMethod.Post, "/db/neo4j/query/v2", "statement=RETURN 1", "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal(StatusCodes.InvalidRequest, code);
        Assert.Contains("application/vnd.neo4j.query", message);
        await StillServes();
    }

    [Fact]
    public async Task An_unknown_database_is_404_and_the_alias_works()
    {
        var (status, code, message) = await Send(HttpMethod.Post, "/db/other/query/v2", "{\"statement\": \"RETURN 1\"}");
        Assert.Equal((HttpStatusCode.NotFound, StatusCodes.DatabaseNotFound), (status, code));
        Assert.Contains("neo4j, graph", message);

        await using var driver = server.Connector(database: "graph");
        await using var session = driver.AsyncSession();
        Assert.Equal(2L, (await session.RunAsync("RETURN 2 AS two")).Single()["two"]);
    }

    [Fact]
    public async Task A_missing_parameter_is_400_ParameterMissing()
    {
        var (status, code, _) = await Send(HttpMethod.Post, "/db/neo4j/query/v2", "{\"statement\": \"RETURN $nope\"}");
        Assert.Equal((HttpStatusCode.BadRequest, StatusCodes.ParameterMissing), (status, code));
    }

    [Fact]
    public async Task An_oversized_body_is_413_and_the_connector_maps_it()
    {
        var big = new string('x', 5000);
        var (status, code, message) = await Send(HttpMethod.Post, "/db/neo4j/query/v2", $"{{\"statement\": \"RETURN '{big}'\"}}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(StatusCodes.RequestTooLarge, code);
        Assert.Contains("4096", message);

        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var e = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("RETURN $s AS s", Params.Of(("s", big))));
        Assert.Contains("MaxRequestBodyBytes", e.Message);
        await StillServes();
    }

    [Fact]
    public async Task An_expired_transaction_is_TransactionNotFound_and_was_rolled_back()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("CREATE (:BadExpired)");
        await Task.Delay(TimeSpan.FromMilliseconds(1600)); // idle timeout is 1 s

        var e = await Assert.ThrowsAsync<ClientException>(() => tx.RunAsync("RETURN 1"));
        Assert.Equal(StatusCodes.TransactionNotFound, e.Code);
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
        // The harness expires a transaction after 1 s idle: six requests 250 ms apart outlive that together while
        // each gap leaves a loaded CI machine 750 ms of slack.
        for (var i = 0; i < 6; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            await tx.RunAsync("RETURN 1");
        }
        await tx.CommitAsync();
    }

    [Fact]
    public async Task Unknown_transaction_ids_and_routes_get_error_bodies()
    {
        var (status, code, _) = await Send(HttpMethod.Post, "/db/neo4j/query/v2/tx/doesnotexist", "{\"statement\": \"RETURN 1\"}");
        Assert.Equal((HttpStatusCode.NotFound, StatusCodes.TransactionNotFound), (status, code));

        (status, code, _) = await Send(HttpMethod.Delete, "/db/neo4j/query/v2/tx/doesnotexist", null);
        Assert.Equal((HttpStatusCode.NotFound, StatusCodes.TransactionNotFound), (status, code));

        (status, code, var message) = await Send(HttpMethod.Get, "/db/neo4j/query/v2", null);
        Assert.Equal((HttpStatusCode.NotFound, StatusCodes.InvalidRequest), (status, code));
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

        using var browser = new HttpRequestMessage(HttpMethod.Get, "/");
        browser.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        using var page = await http.SendAsync(browser);
        Assert.NotEqual("application/json", page.Content.Headers.ContentType?.MediaType);
    }
}
