using Graph.Bolt.Protocol;
using Graph.Bolt.Server;
using Graph.Client;
using static Graph.Bolt.Tests.RawBoltClient;

namespace Graph.Bolt.Tests.Server;

/// <summary>Two logged-in connections per user and three per address at most; the next is told which limit, as Neo4j's busy answer.</summary>
public sealed class PerUserLimitedBoltHarness : BoltHarness
{
    protected override BoltServerOptions Options() => new() { Port = 0, MaxConnectionsPerUser = 2, MaxConnectionsPerAddress = 3 };

    protected override IBoltAuthenticator Authenticator() => new OneUser();

    private sealed class OneUser : IBoltAuthenticator
    {
        public ValueTask<BoltUser> AuthenticateAsync(BoltAuthToken token, CancellationToken cancellationToken) =>
            token.Principal == "alice" && token.Credentials == "s3cret"
                ? ValueTask.FromResult(new BoltUser(new SessionUser("alice", ["editor"]), true))
                : throw new AuthenticationException("The client is unauthorized due to authentication failure.");
    }
}

public class ConnectionLimitTests(PerUserLimitedBoltHarness server) : IClassFixture<PerUserLimitedBoltHarness>
{
    private static readonly Dictionary<string, object?> Alice = new() { ["scheme"] = "basic", ["principal"] = "alice", ["credentials"] = "s3cret" };

    /// <summary>Handshake and HELLO at 5.8; the LOGON's answer.</summary>
    private async Task<(RawBoltClient Client, (byte Signature, IReadOnlyList<object?> Fields)? Logon)> LogonAsync()
    {
        var client = await server.RawAsync();
        await client.ProposeAsync(BoltVersion.V5_8.Encoded);
        client.UseVersion(BoltVersion.V5_8);
        await client.SendAsync(BoltMessages.Hello, new Dictionary<string, object?> { ["user_agent"] = "limit-test/1.0" });
        AssertSuccess(await client.ReceiveAsync());
        await client.SendAsync(BoltMessages.Logon, Alice);
        return (client, await client.ReceiveAsync());
    }

    [Fact]
    public async Task One_user_gets_at_most_its_connections_and_a_logoff_frees_one()
    {
        var (first, firstLogon) = await LogonAsync();
        await using var _ = first;
        AssertSuccess(firstLogon);
        var (second, secondLogon) = await LogonAsync();
        await using var __ = second;
        AssertSuccess(secondLogon);

        var (third, refused) = await LogonAsync();
        await using (third)
        {
            var failure = AssertFailure(refused);
            Assert.Equal("Neo.TransientError.Request.NoThreadsAvailable", failure["neo4j_code"]);
            Assert.Contains("Server:Bolt:MaxConnectionsPerUser", (string)failure["message"]!);
        }

        // LOGOFF gives the place back at once (the closed third connection may take a moment to be noticed; it held none).
        await first.SendAsync(BoltMessages.Logoff);
        AssertSuccess(await first.ReceiveAsync());
        await using var fourth = await ConnectWhenAddressFreeAsync();
        AssertSuccess(await LogonOnAsync(fourth));
    }

    private async Task<RawBoltClient> ConnectWhenAddressFreeAsync()
    {
        // The third connection counted for 127.0.0.1 until the server noticed it closed.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var client = await server.RawAsync();
            await client.ProposeAsync(BoltVersion.V5_8.Encoded);
            client.UseVersion(BoltVersion.V5_8);
            await client.SendAsync(BoltMessages.Hello, new Dictionary<string, object?> { ["user_agent"] = "limit-test/1.0" });
            var hello = await client.ReceiveAsync();
            if (hello?.Signature == BoltMessages.Success) return client;
            await client.DisposeAsync();
            Assert.True(DateTime.UtcNow < deadline, "the address's connection count never went down");
            await Task.Delay(50);
        }
    }

    private static async Task<(byte Signature, IReadOnlyList<object?> Fields)?> LogonOnAsync(RawBoltClient client)
    {
        await client.SendAsync(BoltMessages.Logon, Alice);
        return await client.ReceiveAsync();
    }

    [Fact]
    public async Task One_address_gets_at_most_its_connections()
    {
        var open = new List<RawBoltClient>();
        try
        {
            // Other tests' connections may still be counted for a moment: fill up to the limit, then one more is refused.
            (byte Signature, IReadOnlyList<object?> Fields)? refused = null;
            for (var i = 0; i < 4 && refused is null; i++)
            {
                var client = await server.RawAsync();
                open.Add(client);
                await client.ProposeAsync(BoltVersion.V5_8.Encoded);
                client.UseVersion(BoltVersion.V5_8);
                await client.SendAsync(BoltMessages.Hello, new Dictionary<string, object?> { ["user_agent"] = "limit-test/1.0" });
                var answer = await client.ReceiveAsync();
                if (answer?.Signature != BoltMessages.Success) refused = answer;
            }
            var failure = AssertFailure(refused);
            Assert.Equal("Neo.TransientError.Request.NoThreadsAvailable", failure["neo4j_code"]);
            Assert.Contains("Server:Bolt:MaxConnectionsPerAddress", (string)failure["message"]!);
        }
        finally
        {
            foreach (var client in open) await client.DisposeAsync();
        }
    }
}
