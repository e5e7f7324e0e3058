using Graph.Client;
using Graph.Engine.Tests.Runtime;

namespace Graph.Engine.Tests.Limits;

/// <summary>
/// EngineOptions.MaxPlanDepth: a statement whose plan would go deeper than the limit is refused before it runs, with a
/// SyntaxError naming the limit and the place (line:column) where the plan crossed it. Small limits keep these statements
/// small; the statements that used to crash the process run in a child process (Graph.Cli.Tests, Hardening).
/// </summary>
public class PlanDepthTests
{
    private const int Limit = 50;

    private static EmbeddedDriver Driver() => EmbeddedDriver.InMemory(new EngineOptions { MaxPlanDepth = Limit, SyncOnCommit = false });

    private static string Chain(int clauses) => "WITH 1 AS x\n" + string.Concat(Enumerable.Repeat("WITH x\n", clauses - 2)) + "RETURN x";

    public static TheoryData<string, string, int, int> TooDeep() => new()
    {
        // kind, statement, line and column of the error
        { "clause chain", Chain(200), Limit + 1, 1 },
        // refused before planning: more clauses in a chain than levels allowed (each adds at least one)
        { "CREATE chain", string.Concat(Enumerable.Range(0, 200).Select(i => $"CREATE (:N {{i: {i}}})\n")), Limit + 1, 1 },
        // Argument, the anchor's scan and check, then one level per hop
        { "pattern hops", "MATCH (a)\n" + string.Concat(Enumerable.Repeat("-->()", 200)) + "\nRETURN a", 2, 1 + 5 * (Limit - 3) },
        { "comma-separated nodes", "MATCH " + string.Join(", ", Enumerable.Range(0, 200).Select(i => $"(n{i})")) + " RETURN 1", 1, 0 },
        { "UNION parts", string.Join("\nUNION ", Enumerable.Repeat("RETURN 1 AS x", 200)), Limit + 1, 7 },
        { "WHERE conditions", "MATCH (a)\nWHERE " + string.Join(" AND ", Enumerable.Range(0, 200).Select(i => $"a.p{i} = {i}")) + "\nRETURN a", 2, 0 },
        { "FOREACH bodies", "FOREACH (i IN [1] | " + string.Concat(Enumerable.Repeat("CREATE (:N) ", 200)) + ")", 1, 0 },
    };

    [Theory]
    [MemberData(nameof(TooDeep))]
    public async Task A_plan_deeper_than_the_limit_is_refused_naming_the_limit_and_the_place(string kind, string query, int line, int column)
    {
        await using var driver = Driver();
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.Run(query));
        Assert.Equal(Neo4jStatus.SyntaxError, error.Code);
        Assert.Equal(ErrorPhase.CompileTime, error.Phase);
        Assert.Contains("EngineOptions.MaxPlanDepth", error.Message);
        Assert.Contains($"limit of {Limit}", error.Message);
        Assert.NotNull(error.Position);
        if (line > 0) Assert.True(error.Position!.Value.Line == line, $"{kind}: at {error.Position}, expected line {line}");
        if (column > 0) Assert.True(error.Position!.Value.Column == column, $"{kind}: at {error.Position}, expected column {column}");
        Assert.Equal(0L, await driver.Scalar("MATCH (n) RETURN count(n)"));
    }

    [Fact]
    public async Task Plans_within_the_limit_run()
    {
        await using var driver = Driver();
        Assert.Equal(1L, await driver.Scalar(Chain(Limit - 5)));
        await driver.Run(string.Concat(Enumerable.Range(0, Limit / 2 - 3).Select(i => $"CREATE (:N {{i: {i}}}) ")));
        Assert.Equal((long)(Limit / 2 - 3), await driver.Scalar("MATCH (n:N) RETURN count(n)"));
        Assert.Single((await driver.Run(string.Join(" UNION ", Enumerable.Repeat("RETURN 1 AS x", Limit - 5)))).Records);
    }

    [Fact]
    public async Task The_default_limit_admits_long_generated_statements()
    {
        // 900 CREATE clauses and 1,800 chained WITHs are longer than hand-written Cypher gets; they must still run
        // (on a 1 MiB stack, smaller than any thread the engine runs on by default)
        await using var driver = EmbeddedDriver.InMemory(new EngineOptions { SyncOnCommit = false });
        Exception? error = null;
        var thread = new Thread(() => error = Xunit.Record.Exception(() =>
        {
            driver.Run(string.Concat(Enumerable.Range(0, 900).Select(i => $"CREATE (:Gen {{i: {i}}}) "))).GetAwaiter().GetResult();
            Assert.Equal(1L, driver.Scalar("WITH 1 AS x " + string.Concat(Enumerable.Repeat("WITH x ", 1800)) + "RETURN x").GetAwaiter().GetResult());
        }), 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(error);
        Assert.Equal(900L, await driver.Scalar("MATCH (n:Gen) RETURN count(n)"));
    }

    [Fact]
    public async Task Subqueries_count_from_the_operator_that_runs_them()
    {
        await using var driver = Driver();
        // each part fits alone; the subquery runs on top of the outer chain, so together they do not
        var query = "WITH 1 AS x " + string.Concat(Enumerable.Repeat("WITH x ", 30)) +
                    "CALL { WITH x " + string.Concat(Enumerable.Repeat("WITH x ", 30)) + "RETURN x AS y } RETURN y";
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.Run(query));
        Assert.Contains("EngineOptions.MaxPlanDepth", error.Message);

        // a pattern comprehension is planned inside an expression: only the planner sees it, on top of the chain below it
        var comprehension = "WITH 1 AS x " + string.Concat(Enumerable.Repeat("WITH x ", 30)) + "RETURN [(a)" + string.Concat(Enumerable.Repeat("-->()", 30)) + " | 1] AS l";
        error = await Assert.ThrowsAsync<ClientException>(() => driver.Run(comprehension));
        Assert.Contains("EngineOptions.MaxPlanDepth", error.Message);
        Assert.Equal(1, error.Position!.Value.Line);
        Assert.True(error.Position!.Value.Column > comprehension.IndexOf("[(a)", StringComparison.Ordinal), $"at {error.Position}");
        Assert.Single((await driver.Run("WITH 1 AS x RETURN [(a)" + string.Concat(Enumerable.Repeat("-->()", 30)) + " | 1] AS l")).Records);
    }
}
