using Graph.Bolt.Protocol;
using Graph.Client;
using static Graph.Bolt.Tests.RawBoltClient;

namespace Graph.Bolt.Tests.Server;

/// <summary>Resource limits: connections at once, message size, transactions left idle.</summary>
public class LimitTests(LimitedBoltHarness server) : IClassFixture<LimitedBoltHarness>
{
    private static readonly Dictionary<string, object?> None = [];

    [Fact]
    public async Task Limits_hold_and_the_server_recovers()
    {
        // One connection at a time: a second is told why, and closed.
        await using (var first = await server.RawAsync())
        {
            await first.OpenAsync(BoltVersion.V5_8);
            await using var second = await server.RawAsync();
            Assert.NotNull(await second.ProposeAsync(BoltVersion.V5_8.Encoded));
            await second.SendAsync(BoltMessages.Hello, new Dictionary<string, object?> { ["user_agent"] = "t/1" });
            var busy = AssertFailure(await second.ReceiveAsync());
            Assert.Equal("Neo.TransientError.Request.NoThreadsAvailable", busy["neo4j_code"]);
            Assert.Contains("Server:Bolt:MaxConnections", (string)busy["message"]!);
            Assert.Null(await second.ReceiveAsync());

            // A message over Server:Bolt:MaxMessageBytes (4 KiB here) ends the connection with a failure.
            await first.SendAsync(BoltMessages.Run, "RETURN $x", new Dictionary<string, object?> { ["x"] = new string('x', 5000) }, None);
            var tooLarge = AssertFailure(await first.ReceiveAsync());
            Assert.Contains("MaxMessageBytes", (string)tooLarge["message"]!);
            Assert.Null(await first.ReceiveAsync());
        }

        // An open write transaction left idle is rolled back (releasing the write lock) and says so at the next message.
        var idle = await ConnectWhenFreeAsync();
        await using (idle)
        {
            idle.Queue(BoltMessages.Begin, None);
            idle.Queue(BoltMessages.Run, "CREATE (:LimIdle)", None, None);
            idle.Queue(BoltMessages.Pull, new Dictionary<string, object?> { ["n"] = -1L });
            await idle.FlushAsync();
            for (var i = 0; i < 3; i++) AssertSuccess(await idle.ReceiveAsync());
            // The store's write lock is free again once the idle timeout (300 ms) rolled the transaction back.
            await using var other = server.Store.AsyncSession();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                try
                {
                    // A transaction takes the write lock at its first write, so write something (and undo it).
                    await using var tx = await other.BeginTransactionAsync();
                    await tx.RunAsync("CREATE (:LimProbe)");
                    await tx.RollbackAsync();
                    break;
                }
                catch (TransientException) when (DateTime.UtcNow < deadline)
                {
                }
            }
            await idle.SendAsync(BoltMessages.Commit);
            var expired = AssertFailure(await idle.ReceiveAsync());
            Assert.Equal(Neo4jStatus.TransactionTimedOut, expired["neo4j_code"]);
            Assert.Contains("Server:TransactionIdleTimeout", (string)expired["message"]!);
            await idle.SendAsync(BoltMessages.Reset);
            AssertSuccess(await idle.ReceiveAsync());
        }
        Assert.Equal(0L, (await server.Store.AsyncSession().RunAsync("MATCH (n:LimIdle) RETURN count(n) AS c")).Single()["c"]);
    }

    /// <summary>The previous connection's slot is freed when the server notices the close.</summary>
    private async Task<RawBoltClient> ConnectWhenFreeAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var client = await server.RawAsync();
            await client.ProposeAsync(BoltVersion.V5_8.Encoded);
            client.UseVersion(BoltVersion.V5_8);
            await client.SendAsync(BoltMessages.Hello, new Dictionary<string, object?> { ["user_agent"] = "t/1" });
            if ((await client.ReceiveAsync())?.Signature == BoltMessages.Success)
            {
                await client.SendAsync(BoltMessages.Logon, new Dictionary<string, object?> { ["scheme"] = "none" });
                AssertSuccess(await client.ReceiveAsync());
                return client;
            }
            await client.DisposeAsync();
            Assert.True(DateTime.UtcNow < deadline, "the connection slot never came free");
            await Task.Delay(50);
        }
    }
}
