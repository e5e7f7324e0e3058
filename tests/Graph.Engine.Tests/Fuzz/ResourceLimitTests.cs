using Graph.Client;

namespace Graph.Engine.Tests.Fuzz;

/// <summary>
/// Statements that ask for unbounded time or memory must stop at the query timeout (or a resource limit) with a
/// GraphException, and leave the engine usable.
/// </summary>
/// <remarks>
/// No wall-clock bound below the generous hang detector: on a loaded 2-core machine the thread pool alone delayed a
/// statement refused in 2 ms by 15 s. That the engine stopped it itself is shown by the error: a GraphException
/// with a client code (timeout, limit, refusal), never an UnknownError or another exception.
/// </remarks>
public class ResourceLimitTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan HangDetector = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Expensive() => new()
    {
        "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*)",
        "RETURN size(range(1, 9223372036854775807)) AS n",
        "RETURN range(0, 9223372036854775807, 1)[5] AS n",
        "RETURN reduce(s = '', x IN range(1, 100000000) | s + 'xxxxxxxxxx') AS s",
        "UNWIND range(1, 2000) AS i CREATE (:N {i: i}) WITH count(*) AS c MATCH (a:N), (b:N), (c2:N) RETURN count(*)",
        "RETURN [x IN range(1, 1000000) | [x, x, x, x]] AS l",
        "CREATE (a:L)-[:R]->(a) WITH a MATCH p = (a)-[*]->(a) RETURN count(p)",
        "UNWIND range(1, 30) AS i CREATE (:K)-[:R]->(:K) WITH 1 AS one MATCH (x:K), (y:K) MERGE (x)-[:R]->(y) WITH 1 AS two MATCH p = (:K)-[:R*1..8]->(:K) RETURN count(p)",
    };

    /// <summary>Each step doubles a string: gigabytes within the timeout, so only a size limit can stop it.</summary>
    public static TheoryData<string> MemoryBombs() => new()
    {
        "WITH 'ab' AS s RETURN reduce(acc = s, x IN range(1, 64) | acc + acc) AS s",
    };

    [Theory]
    [MemberData(nameof(MemoryBombs))]
    public Task Memory_bombs_stop_with_a_resource_limit_error(string query) =>
        Expensive_statements_stop_within_the_timeout_and_the_engine_stays_usable(query);

    [Theory]
    [MemberData(nameof(Expensive))]
    public async Task Expensive_statements_stop_within_the_timeout_and_the_engine_stays_usable(string query)
    {
        await using var driver = EmbeddedDriver.InMemory(new EngineOptions { QueryTimeout = Timeout });
        var run = Task.Run(async () =>
        {
            await using var session = driver.AsyncSession();
            try
            {
                await session.RunAsync(query);
                return null;
            }
            catch (GraphException e)
            {
                return e;
            }
        });
        var finished = await Task.WhenAny(run, Task.Delay(HangDetector));
        Assert.True(finished == run, $"still running after {HangDetector.TotalSeconds} s despite a {Timeout.TotalMilliseconds} ms timeout: {query}");
        var error = await run; // anything but a GraphException escapes here and fails the test
        Assert.True(error is null || error.Code != Neo4jStatus.UnknownError, $"failed inside the engine: {error}");

        await using var after = driver.AsyncSession();
        Assert.Equal(1L, (await after.RunAsync("RETURN 1 AS one")).Single()[0]);
    }
}
