using System.Net;
using System.Text;
using System.Text.Json;
using Graph.Client;

namespace Graph.Bolt.Tests.Policy;

/// <summary>
/// One login and transaction policy for both protocols of graph serve: failed logins over Bolt and HTTP count in one
/// throttle (per name and per address), one per-user cap counts explicit transactions over both, and Bolt transactions
/// idle out as the Query API's do (2 s once they wrote), on the server's clock.
/// </summary>
public class SharedPolicyTests(PolicyServerHarness server) : IClassFixture<PolicyServerHarness>
{
    private static async Task<(HttpStatusCode Status, string Body)> Post(HttpClient http, string path, string body)
    {
        using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Task<(HttpStatusCode Status, string Body)> HttpQuery(HttpClient http, string statement) =>
        Post(http, "/db/neo4j/query/v2", JsonSerializer.Serialize(new { statement }));

    private async Task<GraphException> BoltLoginFails(string user, string password)
    {
        await using var driver = server.Bolt(user, password);
        return await Assert.ThrowsAnyAsync<GraphException>(() => driver.VerifyConnectivityAsync());
    }

    /// <summary>Ends a lock this test caused, so that the next test of the class starts unlocked (all clients share 127.0.0.1).</summary>
    private void PassLockTime() => server.Clock.Advance(server.Options.LoginLockTime);

    [Fact]
    public async Task Failed_bolt_logins_lock_the_name_over_bolt_and_http_with_neo4js_code()
    {
        for (var i = 0; i < server.Options.MaxFailedLogins; i++)
            Assert.Equal(Neo4jStatus.Unauthorized, (await BoltLoginFails("ben", $"guess-{i}")).Code);

        // Even the right password is refused now, with the code Neo4j sends (a client error: drivers do not retry it).
        var locked = await BoltLoginFails("ben", "ben-pw");
        Assert.IsType<ClientException>(locked, exactMatch: false);
        Assert.Equal(Neo4jStatus.AuthenticationRateLimit, locked.Code);
        Assert.Contains("Server:MaxFailedLogins", locked.Message);
        using (var http = server.Http("ben", "ben-pw"))
        {
            var (status, body) = await HttpQuery(http, "RETURN 1 AS one");
            Assert.Equal(HttpStatusCode.TooManyRequests, status);
            Assert.Contains(Neo4jStatus.AuthenticationRateLimit, body);
        }

        PassLockTime();
        await using var driver = server.Bolt("ben", "ben-pw");
        await driver.VerifyConnectivityAsync();
    }

    [Fact]
    public async Task Failed_http_logins_lock_bolt_logins_from_the_same_address()
    {
        // Different unknown names: the per-name count never reaches the limit, the per-address count (127.0.0.1) does.
        for (var i = 0; i < server.Options.MaxFailedLogins; i++)
        {
            using var http = server.Http($"nobody-{i}", "pw");
            Assert.Equal(HttpStatusCode.Unauthorized, (await HttpQuery(http, "RETURN 1")).Status);
        }
        Assert.Equal(Neo4jStatus.AuthenticationRateLimit, (await BoltLoginFails("ada", "ada-pw")).Code);

        PassLockTime();
        await using var driver = server.Bolt("ada", "ada-pw");
        await driver.VerifyConnectivityAsync();
    }

    [Fact]
    public async Task The_transaction_cap_counts_both_protocols_together()
    {
        using var http = server.Http("ada", "ada-pw");
        var opened = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var (status, body) = await Post(http, "/db/neo4j/query/v2/tx", "{}");
            Assert.Equal(HttpStatusCode.Accepted, status);
            opened.Add(JsonDocument.Parse(body).RootElement.GetProperty("transaction").GetProperty("id").GetString()!);
        }
        await using var driver = server.Bolt("ada", "ada-pw");
        await using var first = driver.AsyncSession();
        var boltTx = await first.BeginTransactionAsync();
        await boltTx.RunAsync("RETURN 1");

        // The fourth transaction, over either protocol, is refused.
        await using (var second = driver.AsyncSession())
        {
            var e = await Assert.ThrowsAnyAsync<GraphException>(async () =>
            {
                var tx = await second.BeginTransactionAsync();
                await tx.RunAsync("RETURN 1");
            });
            Assert.Equal(Neo4jStatus.MaximumTransactionLimitReached, e.Code);
            Assert.Contains("Bolt together", e.Message);
        }
        var refused = await Post(http, "/db/neo4j/query/v2/tx", "{}");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains(Neo4jStatus.MaximumTransactionLimitReached, refused.Body);

        // Another user is not affected; ending the Bolt transaction gives its place back to HTTP.
        using (var ben = server.Http("ben", "ben-pw"))
        {
            var (status, body) = await Post(ben, "/db/neo4j/query/v2/tx", "{}");
            Assert.Equal(HttpStatusCode.Accepted, status);
            (await ben.DeleteAsync($"/db/neo4j/query/v2/tx/{JsonDocument.Parse(body).RootElement.GetProperty("transaction").GetProperty("id").GetString()}")).Dispose();
        }
        await boltTx.RollbackAsync();
        var again = await Post(http, "/db/neo4j/query/v2/tx", "{}");
        Assert.Equal(HttpStatusCode.Accepted, again.Status);
        opened.Add(JsonDocument.Parse(again.Body).RootElement.GetProperty("transaction").GetProperty("id").GetString()!);
        foreach (var id in opened) (await http.DeleteAsync($"/db/neo4j/query/v2/tx/{id}")).Dispose();
    }

    [Fact]
    public async Task An_abandoned_bolt_writer_is_rolled_back_after_the_write_idle_timeout_and_the_waiting_writer_gets_through()
    {
        await using var driver = server.Bolt("ada", "ada-pw");
        await using var session = driver.AsyncSession();
        var abandoned = await session.BeginTransactionAsync();
        await abandoned.RunAsync("CREATE (:PolicyAbandoned)");

        // A writer over HTTP now waits for the write lock the Bolt transaction holds.
        using var http = server.Http("ben", "ben-pw");
        var waiting = HttpQuery(http, "CREATE (:PolicyWaiting) RETURN 1 AS one");
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted, "the writer should wait for the write lock");

        // The write idle timeout is 2 s, the read one 10 s: at most 8 steps of 1 s, so only the short timeout can have fired.
        await server.AdvanceClockUntilAsync(waiting);
        var (status, body) = await waiting.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(status == HttpStatusCode.Accepted, body);

        var e = await Assert.ThrowsAnyAsync<GraphException>(() => abandoned.RunAsync("RETURN 1"));
        Assert.Equal(Neo4jStatus.TransactionTimedOut, e.Code);
        Assert.Contains("Server:WriteTransactionIdleTimeout", e.Message);
        await using var check = driver.AsyncSession();
        Assert.Equal(0L, (await check.RunAsync("MATCH (n:PolicyAbandoned) RETURN count(n) AS c")).Single()["c"]);
        Assert.Equal(1L, (await check.RunAsync("MATCH (n:PolicyWaiting) RETURN count(n) AS c")).Single()["c"]);
    }

    [Fact]
    public async Task A_bolt_reader_transaction_keeps_the_long_idle_timeout()
    {
        await using var driver = server.Bolt("rita", "rita-pw");
        await using var session = driver.AsyncSession(SessionConfig.Read);
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("MATCH (n) RETURN count(n) AS c");
        for (var step = 0; step < 4; step++)
        {
            server.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }
        // 4 s idle: past the write timeout (2 s) but it never wrote, so the 10 s one applies.
        Assert.Equal(1L, (await tx.RunAsync("RETURN 1 AS one")).Single()["one"]);
        await tx.CommitAsync();
    }
}
