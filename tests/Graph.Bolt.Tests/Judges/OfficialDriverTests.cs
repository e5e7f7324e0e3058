using System.Net.Sockets;
using System.Text.Json;
using Xunit.Abstractions;

namespace Graph.Bolt.Tests.Judges;

/// <summary>
/// The official Neo4j JavaScript driver (neo4j-driver 6.x from npm, tests/judges) judges a real <c>graph serve</c>
/// over Bolt; Neo4j Labs' Query API client compares against the HTTP side. Each script checks with node's assert and
/// ends with the facts it saw.
/// </summary>
public class OfficialDriverTests(GraphServeProcess server, ITestOutputHelper output) : IClassFixture<GraphServeProcess>
{
    private async Task<JsonElement> Judge(string script, params string[] arguments)
    {
        var facts = await NodeJudge.RunAsync(server, script, arguments);
        output.WriteLine($"{script}: {facts}");
        return facts;
    }

    [Fact]
    public async Task Connectivity_and_server_info_over_bolt_and_neo4j_uris()
    {
        var facts = await Judge("connectivity.mjs");
        foreach (var scheme in new[] { "bolt", "neo4j" })
        {
            Assert.Equal("5.8", facts.GetProperty(scheme).GetProperty("protocol").GetString());
            Assert.Equal("Neo4j/5.26.0", facts.GetProperty(scheme).GetProperty("agent").GetString());
        }
    }

    /// <summary>Neo4j Browser connects with the driver's browser build, over WebSocket on the Bolt port.</summary>
    [Fact]
    public async Task The_browser_build_connects_over_websocket()
    {
        var facts = await Judge("websocket.mjs");
        Assert.Equal("5.8", facts.GetProperty("bolt").GetString());
        Assert.True(facts.GetProperty("websockets").GetInt32() >= 2);
    }

    [Fact]
    public async Task Authentication_failures_and_readers_get_neo4js_codes()
    {
        var facts = await Judge("auth.mjs");
        Assert.Equal("Neo.ClientError.Security.Unauthorized", facts.GetProperty("unauthorized").GetString());
        Assert.Equal("Neo.ClientError.Security.Forbidden", facts.GetProperty("forbidden").GetString());
        Assert.Equal("Neo.ClientError.Security.AuthenticationRateLimit", facts.GetProperty("rateLimited").GetString());
    }

    [Fact]
    public async Task Every_value_type_round_trips()
    {
        var checkedTypes = (await Judge("values.mjs")).GetProperty("checked").EnumerateArray().Select(e => e.GetString()).ToList();
        foreach (var type in new[] { "bytes", "Date", "LocalTime", "Time", "LocalDateTime", "DateTime with offset", "DateTime with zone id", "Duration" })
            Assert.Contains(type, checkedTypes);
    }

    /// <summary>EXPLAIN/PROFILE plans, db.labels(), SHOW DATABASES and ProcedureNotFound over Bolt; the Labs client's verifyConnectivity() over HTTP.</summary>
    [Fact]
    public async Task Procedures_commands_and_plans_as_neo4js_tools_use_them()
    {
        var facts = await Judge("procedures.mjs");
        Assert.Equal("Neo.ClientError.Procedure.ProcedureNotFound", facts.GetProperty("unknownProcedure").GetString());
        Assert.True(facts.GetProperty("labsVerifyConnectivity").GetBoolean());
        Assert.False(string.IsNullOrEmpty(facts.GetProperty("explain").GetString()));
        Assert.Equal(1, facts.GetProperty("profile").GetProperty("rows").GetInt32());
        Assert.Contains("neo4j", facts.GetProperty("databases").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Nodes_relationships_and_paths_equal_the_query_apis_answers() =>
        Assert.Equal(2, (await Judge("query-api.mjs")).GetProperty("rows").GetInt32());

    [Fact]
    public async Task Managed_and_explicit_transactions_retries_bookmarks_and_routing()
    {
        var retries = (await Judge("transactions.mjs")).GetProperty("retries");
        Assert.True(retries.GetProperty("attempts").GetInt32() >= 2);
    }

    [Fact]
    public async Task Syntax_and_runtime_errors_carry_neo4js_codes_and_sessions_survive_them()
    {
        var facts = await Judge("errors.mjs");
        Assert.Equal("Neo.ClientError.Statement.SyntaxError", facts.GetProperty("syntax").GetProperty("code").GetString());
        Assert.Equal("42001", facts.GetProperty("syntax").GetProperty("gqlStatus").GetString());
        Assert.Equal("Neo.ClientError.Statement.ArithmeticError", facts.GetProperty("runtime").GetString());
    }

    [Fact]
    public async Task Sixteen_concurrent_sessions() => Assert.Equal(16, (await Judge("concurrency.mjs")).GetProperty("sessions").GetInt32());

    /// <summary>
    /// A million rows, pulled 1000 at a time by the driver, while the server's peak resident memory is watched: the
    /// server must not hold the result (held whole, the same rows cost it about 250 MB through the buffered Query API).
    /// </summary>
    [Fact]
    public async Task A_million_rows_stream_without_the_server_holding_them()
    {
        const long bound = 64L * 1024 * 1024;
        var canReset = server.ResetPeakMemory();
        var (before, _) = server.Memory();
        var facts = await Judge("stream.mjs");
        var (_, peak) = server.Memory();
        var growth = peak - before;
        output.WriteLine($"server resident memory before {before / 1048576.0:0.0} MiB, peak during the stream {peak / 1048576.0:0.0} MiB " +
                         $"(+{growth / 1048576.0:0.0} MiB; peak reset: {canReset}); {facts.GetProperty("rows")} rows in {facts.GetProperty("seconds")} s");
        Assert.Equal(1_000_000, facts.GetProperty("rows").GetInt32());
        if (canReset) Assert.True(growth < bound, $"the server's peak memory grew by {growth / 1048576.0:0.0} MiB while streaming (bound {bound / 1048576} MiB)");
    }

    /// <summary>Random and mutated bytes at the live server: each connection is refused cleanly and the server keeps serving.</summary>
    [Fact]
    public async Task Malformed_bytes_never_take_the_server_down()
    {
        var port = new Uri(server.BoltUri).Port;
        var random = new Random(4242);
        var valid = Convert.FromHexString("6060B017" + "00020805" + "00000404" + "00000000" + "00000000");
        for (var i = 0; i < 300; i++)
        {
            byte[] bytes;
            if (i % 3 == 0)
            {
                bytes = new byte[random.Next(1, 200)];
                random.NextBytes(bytes);
            }
            else
            {
                // A valid handshake, then garbage where messages belong (chunk headers included).
                var tail = new byte[random.Next(1, 300)];
                random.NextBytes(tail);
                bytes = [.. valid, .. tail];
            }
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", port);
            var stream = tcp.GetStream();
            try
            {
                await stream.WriteAsync(bytes);
                tcp.Client.Shutdown(SocketShutdown.Send);
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var sink = new byte[4096];
                while (await stream.ReadAsync(sink, quick.Token) > 0) { }
            }
            catch (IOException)
            {
                // reset by the server: fine
            }
        }
        // Still serving, with nothing logged as an unexpected failure.
        await Judge("connectivity.mjs");
        Assert.DoesNotContain("failed unexpectedly", server.Output);
        Assert.DoesNotContain("Unhandled exception", server.Output);
    }
}
