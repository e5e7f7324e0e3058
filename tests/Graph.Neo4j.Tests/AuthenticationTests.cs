using System.Net;
using Graph.Client;

namespace Graph.Neo4j.Tests;

/// <summary>Basic authentication with configured users and the read-only role.</summary>
public class AuthenticationTests(AuthServerHarness server) : IClassFixture<AuthServerHarness>
{
    [Fact]
    public async Task Without_credentials_the_connector_gets_an_AuthenticationException()
    {
        await using var driver = server.Connector();
        var e = await Assert.ThrowsAsync<AuthenticationException>(() => driver.VerifyConnectivityAsync());
        Assert.Equal("No authentication header supplied.", e.Message);
    }

    [Fact]
    public async Task A_wrong_password_gets_an_AuthenticationException()
    {
        await using var driver = server.Connector("alice", "wrong");
        var e = await Assert.ThrowsAsync<AuthenticationException>(() => driver.VerifyConnectivityAsync());
        Assert.Equal("Invalid username or password.", e.Message);
    }

    [Fact]
    public async Task An_unknown_user_gets_the_same_answer()
    {
        await using var driver = server.Connector("mallory", "s3cret:with-colon");
        var e = await Assert.ThrowsAsync<AuthenticationException>(() => driver.VerifyConnectivityAsync());
        Assert.Equal("Invalid username or password.", e.Message);
    }

    [Fact]
    public async Task An_editor_reads_and_writes_and_a_reader_only_reads()
    {
        await using (var alice = server.Connector("alice", "s3cret:with-colon"))
        await using (var session = alice.AsyncSession())
        {
            Assert.Equal(1, (await session.RunAsync("CREATE (:AuthDoc {by: 'alice'})")).Counters.NodesCreated);
        }

        await using var rita = server.Connector("rita", "reader-pass");
        await using (var session = rita.AsyncSession()) // asks for Write; the role wins
        {
            Assert.Equal(1L, (await session.RunAsync("MATCH (n:AuthDoc) RETURN count(n) AS c")).Single()["c"]);
            var e = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("CREATE (:AuthDoc {by: 'rita'})"));
            Assert.Equal(Neo4jStatus.Forbidden, e.Code);
            Assert.Contains("user 'rita' with roles [reader]", e.Message);
        }
        await using (var session = rita.AsyncSession())
        {
            await using var tx = await session.BeginTransactionAsync();
            var e = await Assert.ThrowsAsync<ClientException>(() => tx.RunAsync("CREATE (:AuthDoc {by: 'rita'})"));
            Assert.Equal(Neo4jStatus.Forbidden, e.Code);
        }
        await using (var alice = server.Connector("alice", "s3cret:with-colon"))
        await using (var session = alice.AsyncSession(SessionConfig.Read))
        {
            // An editor who chose a read session gets the access-mode error, as from Neo4j.
            var e = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("CREATE (:AuthDoc {by: 'alice'})"));
            Assert.Equal(Neo4jStatus.AccessMode, e.Code);
        }
        await using (var session = rita.AsyncSession(SessionConfig.Read))
            Assert.Equal(1L, (await session.RunAsync("MATCH (n:AuthDoc) RETURN count(n) AS c")).Single()["c"]);
    }

    [Fact]
    public async Task Another_user_cannot_use_a_transaction()
    {
        using var http = server.Http();
        async Task<HttpResponseMessage> Post(string path, string user, string password)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new StringContent("""{"statement": "RETURN 1 AS one"}""", System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
            return await http.SendAsync(request);
        }

        using var begun = await Post("/db/neo4j/query/v2/tx", "alice", "s3cret:with-colon");
        Assert.Equal(HttpStatusCode.Accepted, begun.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await begun.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("transaction").GetProperty("id").GetString();

        using var stolen = await Post($"/db/neo4j/query/v2/tx/{id}", "rita", "reader-pass");
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.Contains(Neo4jStatus.TransactionNotFound, await stolen.Content.ReadAsStringAsync());

        using var own = await Post($"/db/neo4j/query/v2/tx/{id}/commit", "alice", "s3cret:with-colon");
        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
    }

    [Theory]
    [InlineData("Basic not-proper-base64", "Neo.ClientError.Request.InvalidFormat")]
    [InlineData("Bearer abc", "Neo.ClientError.Security.Unauthorized")]
    public async Task Malformed_authorization_headers_get_401_with_a_Neo4j_body(string header, string code)
    {
        using var http = server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/db/neo4j/query/v2")
        {
            Content = new StringContent("""{"statement": "RETURN 1"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", header);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(code, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Discovery_needs_no_credentials()
    {
        using var http = server.Http();
        var body = await http.GetStringAsync("/");
        Assert.Contains("\"auth_enabled\": true", body);
    }
}
