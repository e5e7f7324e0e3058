using Graph.Client;

namespace Graph.Cli.Tests.Hardening;

/// <summary>
/// The statements of issue #16 that crashed `graph serve` or ate its memory, sent the way the attacker sent them (most as
/// the read-only user) to a real server in a child process: each gets an answer naming the limit, the server lives on,
/// and its memory stays bounded.
/// </summary>
[Collection(ServeCollection.Name)]
public class CrashCaseTests(ServeFixture fixture)
{
    private ServeProcess Server => fixture.Server;

    private static string WithChain(int withs) => "WITH 1 AS x " + string.Concat(Enumerable.Repeat("WITH x ", withs)) + "RETURN x";

    private async Task<ServeAnswer> Refused(ServeAnswer answer, string code, string mentions)
    {
        Assert.False(Server.HasExited, $"the server died:\n{Server.Log}");
        Assert.True(answer.ErrorCode == code, $"expected {code}: {answer}");
        Assert.Contains(mentions, answer.Body);
        var alive = await Server.AsReaderAsync("RETURN 1 AS one");
        Assert.True(alive.ErrorCode is null, $"the server no longer answers: {alive}");
        Assert.True(Server.Memory().Peak < ServeFixture.RssBound, $"peak RSS {Server.Memory().Peak >> 20} MiB");
        return answer;
    }

    [Fact]
    public async Task Fifty_thousand_chained_WITHs_are_refused_with_the_plan_depth_limit_and_its_place()
    {
        var statement = WithChain(50_000);
        Assert.True(statement.Length > 340_000);
        var answer = await Refused(await Server.AsReaderAsync(statement), Neo4jStatus.SyntaxError, "EngineOptions.MaxPlanDepth");
        Assert.Contains("line 1, column", answer.Body);
    }

    [Fact]
    public async Task Twenty_thousand_CREATE_clauses_are_refused_and_create_nothing()
    {
        var statement = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"CREATE (:Gen {{i: {i}}}) "));
        await Refused(await Server.AsEditorAsync(statement), Neo4jStatus.SyntaxError, "EngineOptions.MaxPlanDepth");
        var count = await Server.AsReaderAsync("MATCH (n:Gen) RETURN count(n) AS n");
        Assert.Equal(0, count.Single().GetInt64());
    }

    [Fact]
    public async Task Twenty_thousand_chained_WITHs_take_no_memory_to_refuse()
    {
        var before = Server.Memory().Rss;
        await Refused(await Server.AsReaderAsync(WithChain(20_000)), Neo4jStatus.SyntaxError, "EngineOptions.MaxPlanDepth");
        // the statement once took 3.3 GB; refusing it is parsing 140 KB
        Assert.True(Server.Memory().Rss - before < 256L << 20, $"RSS grew from {before >> 20} to {Server.Memory().Rss >> 20} MiB");
    }

    [Fact]
    public async Task Sixty_thousand_UNION_parts_are_refused()
    {
        var statement = string.Join(" UNION ", Enumerable.Repeat("RETURN 1 AS x", 60_000));
        await Refused(await Server.AsReaderAsync(statement), Neo4jStatus.SyntaxError, "EngineOptions.MaxPlanDepth");
    }

    [Theory]
    [InlineData("UNWIND range(1, 40000000) AS x RETURN x ORDER BY x DESC")]
    [InlineData("UNWIND range(1, 40000000) AS x RETURN collect(x) AS xs")]
    [InlineData("UNWIND range(1, 40000000) AS x RETURN DISTINCT x")]
    [InlineData("RETURN range(1, 1000000000) AS r")]
    public async Task Materializing_tens_of_millions_of_values_stops_at_the_memory_limit(string statement)
    {
        await Refused(await Server.AsReaderAsync(statement), Neo4jStatus.MemoryPoolOutOfMemory, "QueryMemoryLimit");
    }

    [Fact]
    public async Task Forty_million_rows_are_answered_without_holding_them()
    {
        // streamed by the server, or refused at the memory or time limit: either way an answer, and bounded memory
        var answer = await Server.QueryAsync("UNWIND range(1, 40000000) AS x RETURN x", ServeProcess.Reader, ServeProcess.ReaderPassword, maxExecutionTimeSeconds: 2);
        Assert.False(Server.HasExited, $"the server died:\n{Server.Log}");
        Assert.NotNull(answer.Json);
        Assert.True(Server.Memory().Peak < ServeFixture.RssBound, $"peak RSS {Server.Memory().Peak >> 20} MiB");
    }

    [Theory]
    [InlineData("MATCH p = (a:D {i: 0})-[:L*1..6]->(b) RETURN count(p) AS n")]
    [InlineData("MATCH (a:D), (b:D), (c:D), (d:D), (e:D), (f:D) RETURN count(*) AS n")]
    public async Task Expanding_a_dense_graph_stops_at_the_time_limit(string statement)
    {
        var answer = await Server.QueryAsync(statement, ServeProcess.Reader, ServeProcess.ReaderPassword, maxExecutionTimeSeconds: 2);
        Assert.False(Server.HasExited, $"the server died:\n{Server.Log}");
        // The request's 2 s reaches the engine as the transaction's timeout and the server as its deadline, so either may
        // stop it first: Neo4j's code for a limit the server set (TransactionTimedOut) or for one the request carried
        // (TransactionTimedOutClientConfiguration).
        Assert.True(answer.ErrorCode is Neo4jStatus.QueryTimeout or Neo4jStatus.TransactionTimedOut, $"expected a timeout: {answer}");
    }

    [Fact]
    public async Task A_value_nested_a_hundred_thousand_levels_deep_is_refused()
    {
        var answer = await Server.AsReaderAsync("WITH reduce(acc = [], x IN range(1, 100000) | [acc]) AS v RETURN v = v AS same");
        Assert.False(Server.HasExited, $"the server died:\n{Server.Log}");
        Assert.NotNull(answer.ErrorCode);
        answer = await Server.AsReaderAsync("RETURN reduce(acc = [], x IN range(1, 100000) | [acc]) AS v");
        Assert.False(Server.HasExited, $"the server died:\n{Server.Log}");
        Assert.NotNull(answer.ErrorCode);
    }
}
