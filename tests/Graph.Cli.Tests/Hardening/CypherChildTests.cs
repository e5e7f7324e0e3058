namespace Graph.Cli.Tests.Hardening;

/// <summary>
/// `graph cypher -` in a child process with statements that once killed the process (a stack overflow cannot be caught):
/// each must end with the CLI's error exit code and a message naming the limit, never with a crash.
/// </summary>
public class CypherChildTests
{
    public static TheoryData<string, string, string> Statements() => new()
    {
        { "50,000 chained WITHs", "WITH 1 AS x " + string.Concat(Enumerable.Repeat("WITH x ", 50_000)) + "RETURN x", "EngineOptions.MaxPlanDepth" },
        { "20,000 CREATE clauses", string.Concat(Enumerable.Range(0, 20_000).Select(i => $"CREATE (:Gen {{i: {i}}}) ")), "EngineOptions.MaxPlanDepth" },
        { "a value nested 100,000 deep, compared", "WITH reduce(acc = [], x IN range(1, 100000) | [acc]) AS v RETURN v = v AS same", "deeper than this thread's stack allows" },
        { "a value nested 100,000 deep, returned", "RETURN reduce(acc = [], x IN range(1, 100000) | [acc]) AS v", "levels deep" },
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task The_statement_ends_in_an_error_not_a_crash(string kind, string statement, string mentions)
    {
        using var directory = new TempDirectory();
        var run = await GraphProcess.RunAsync(["cypher", "-", "--db", directory["db"]], statement, TimeSpan.FromSeconds(120));
        Assert.False(run.Crashed, $"{kind}: the process crashed:\n{run}");
        Assert.True(run.ExitCode == CliRunner.ExitFailure, $"{kind}:\n{run}");
        Assert.Contains(mentions, run.Err);
    }
}
