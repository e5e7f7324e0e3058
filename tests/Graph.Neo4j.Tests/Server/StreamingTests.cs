using System.Net;
using System.Text;
using System.Text.Json;
using Graph.Client;

namespace Graph.Neo4j.Tests.Server;

/// <summary>
/// Results are streamed from the engine's cursor to the response: large results arrive whole, an error after the first
/// record ends the body with an errors key (the records before it stay), and a client that leaves stops its query.
/// </summary>
public class StreamingTests(ServerHarness server) : IClassFixture<ServerHarness>
{
    private async Task<(HttpStatusCode Status, JsonDocument Body)> Post(string path, string body)
    {
        using var http = server.Http();
        using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_large_result_arrives_whole_and_in_order()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var result = await session.RunAsync("UNWIND range(1, 50000) AS x RETURN x, 'row ' + x AS label");
        Assert.Equal(50_000, result.Records.Count);
        Assert.Equal(50_000L, result.Records[^1]["x"]);
        Assert.Equal("row 31337", result.Records[31336]["label"]);
        Assert.Equal(QueryType.ReadOnly, result.Summary.QueryType);
    }

    [Fact]
    public async Task An_error_before_the_first_record_gets_its_own_status()
    {
        var (status, body) = await Post("/db/neo4j/query/v2", """{"statement": "UNWIND [0, 1] AS x RETURN 10 / x AS q"}""");
        using (body)
        {
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(Neo4jStatus.ArithmeticError, body.RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
            Assert.False(body.RootElement.TryGetProperty("data", out _));
        }
    }

    [Fact]
    public async Task An_error_after_the_first_record_follows_the_records_sent_in_a_202_body()
    {
        var (status, body) = await Post("/db/neo4j/query/v2", """{"statement": "UNWIND [1, 2, 0, 4] AS x RETURN 10 / x AS q"}""");
        using (body)
        {
            // The status went out with the first record; the errors key says the statement failed, as in Neo4j's streamed answers.
            Assert.Equal(HttpStatusCode.Accepted, status);
            Assert.Equal("[[10],[5]]", body.RootElement.GetProperty("data").GetProperty("values").GetRawText().Replace(" ", "").Replace("\n", "").Replace("\r", ""));
            Assert.Equal(Neo4jStatus.ArithmeticError, body.RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
            Assert.False(body.RootElement.TryGetProperty("bookmarks", out _));
        }
        // The connector reports the failure, not the partial rows.
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var e = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("UNWIND [1, 2, 0, 4] AS x RETURN 10 / x AS q"));
        Assert.Equal(Neo4jStatus.ArithmeticError, e.Code);
    }

    [Fact]
    public async Task A_write_that_fails_after_its_first_record_keeps_nothing_and_ends_its_transaction()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var failing = "UNWIND [1, 2, 0] AS x CREATE (n:StreamFail {x: x}) RETURN 10 / x AS q";
        var e = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync(failing));
        Assert.Equal(Neo4jStatus.ArithmeticError, e.Code);

        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("CREATE (:StreamFail {x: -1})");
        await Assert.ThrowsAsync<ClientException>(() => tx.RunAsync(failing));
        Assert.False(tx.IsOpen);
        var gone = await Assert.ThrowsAsync<ClientException>(() => tx.RunAsync("RETURN 1"));
        Assert.Equal(Neo4jStatus.TransactionNotFound, gone.Code);

        Assert.Equal(0L, (await session.RunAsync("MATCH (n:StreamFail) RETURN count(n) AS c")).Single()["c"]);
        Assert.Equal(0, server.Activity.OpenTransactions);
    }

    [Fact]
    public async Task A_client_that_leaves_stops_its_query()
    {
        // Spins through a billion rows without producing one: only cancellation (or the 60 s default limit) ends it.
        const string Endless = """{"statement": "UNWIND range(1, 1000000) AS a UNWIND range(1, 1000) AS b WITH a, b WHERE a * b < 0 RETURN count(*) AS c"}""";
        using var http = server.Http();
        using var leave = new CancellationTokenSource();
        var request = http.PostAsync("/db/neo4j/query/v2", new StringContent(Endless, Encoding.UTF8, "application/json"), leave.Token);

        Assert.True(await Eventually(() => server.Activity.RunningStatements == 1), "the query started");
        leave.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        // Generous bound for a loaded machine, far below the minutes the query would otherwise run.
        Assert.True(await Eventually(() => server.Activity.RunningStatements == 0), "the server stopped the query when the client left");
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            if (condition()) return true;
            await Task.Delay(50);
        }
        return condition();
    }
}
