using System.Net;
using System.Text;
using Graph.Client;
using Graph.Server;
using Microsoft.Extensions.Time.Testing;

namespace Graph.Neo4j.Tests.Server;

/// <summary>Authentication on a fake clock: failed logins lock a name and an address for a while (as Neo4j's auth_lock_time).</summary>
public sealed class ThrottledServerHarness : ServerHarness
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    protected override TimeProvider Time => Clock;

    protected override void Configure(ServerOptions options)
    {
        options.AuthEnabled = true;
        options.Users =
        [
            new ServerUser { Name = "ada", Password = "right-pw" },
            new ServerUser { Name = "ben", Password = "ben-pw" },
            new ServerUser { Name = "cyd", Password = "cyd-pw", Role = ServerRole.Reader },
        ];
    }
}

public class LoginThrottleTests(ThrottledServerHarness server) : IClassFixture<ThrottledServerHarness>
{
    private async Task<(HttpStatusCode Status, string Body, string? RetryAfter)> Login(string user, string password, string path = "/db/neo4j/query/v2")
    {
        using var http = server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent("""{"statement": "RETURN 1 AS one"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_name_even_for_the_right_password_until_the_lock_time_passes()
    {
        for (var i = 0; i < server.Options.MaxFailedLogins; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Login("ben", $"guess-{i}")).Status);

        var locked = await Login("ben", "ben-pw");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.Status);
        Assert.Contains(Neo4jStatus.AuthenticationRateLimit, locked.Body);
        Assert.Equal("5", locked.RetryAfter);

        // The connector hears a client error (no retry): the lock is not a transient outage.
        await using (var driver = server.Connector("ben", "ben-pw"))
        {
            var e = await Assert.ThrowsAsync<ClientException>(() => driver.VerifyConnectivityAsync());
            Assert.Equal(Neo4jStatus.AuthenticationRateLimit, e.Code);
        }

        server.Clock.Advance(server.Options.LoginLockTime);
        Assert.Equal(HttpStatusCode.Accepted, (await Login("ben", "ben-pw")).Status);
        // A success clears the count: one more mistake is only a mistake.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("ben", "wrong")).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await Login("ben", "ben-pw")).Status);
    }

    [Fact]
    public async Task Guessing_across_many_names_locks_the_address()
    {
        // Unknown names, one guess each: the per-name count never reaches the limit, the per-address count does.
        for (var i = 0; i < server.Options.MaxFailedLogins; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Login($"nobody-{i}", "pw")).Status);

        var locked = await Login("cyd", "cyd-pw");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.Status);
        // The web view answers from the same lock.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Login("cyd", "cyd-pw", "/api/experts")).Status);

        server.Clock.Advance(server.Options.LoginLockTime);
        Assert.Equal(HttpStatusCode.Accepted, (await Login("cyd", "cyd-pw")).Status);
    }

    [Fact]
    public async Task A_thousand_guesses_get_at_most_the_limit_checked()
    {
        var unauthorized = 0;
        var refused = 0;
        for (var i = 0; i < 1000; i++)
        {
            var (status, _, _) = await Login("ada", $"guess-{i}");
            if (status == HttpStatusCode.Unauthorized) unauthorized++;
            else if (status == HttpStatusCode.TooManyRequests) refused++;
        }
        // Without the lock all thousand would have been checked; with it only the first few are, until the clock moves.
        Assert.Equal((server.Options.MaxFailedLogins, 1000 - server.Options.MaxFailedLogins), (unauthorized, refused));
        server.Clock.Advance(server.Options.LoginLockTime);
        Assert.Equal(HttpStatusCode.Accepted, (await Login("ada", "right-pw")).Status);
    }
}
