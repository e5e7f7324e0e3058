using Graph.Client;

namespace Graph.Engine.Tests.Fuzz;

/// <summary>
/// Found by the fuzz test: the parser reads chains of prefix operators iteratively (no nesting limit), but the
/// semantic analyzer recurses once per operator, so a long chain overflows the stack and kills the process.
/// </summary>
public class DeepPrefixChainTests
{
    private const int Levels = 10_000;

    public static TheoryData<string, string> Chains() => new()
    {
        { "negation", "RETURN " + string.Concat(Enumerable.Repeat("- ", Levels)) + "1 AS v" },
        { "NOT", "RETURN " + string.Concat(Enumerable.Repeat("NOT ", Levels)) + "true AS v" },
        { "negation in LIMIT", "RETURN 1 AS v LIMIT 1 - " + string.Concat(Enumerable.Repeat("-", Levels)) + "1" },
    };

    [Theory]
    [MemberData(nameof(Chains))]
    public void Long_prefix_operator_chains_end_in_a_result_or_a_clean_error(string kind, string query)
    {
        Exception? error = null;
        var thread = new Thread(() => error = RunCatching(query), 1024 * 1024);
        thread.Start();
        thread.Join();

        Assert.True(error is null or ClientException, $"{kind}: {error}");
    }

    private static Exception? RunCatching(string query)
    {
        var driver = EmbeddedDriver.InMemory();
        try
        {
            var session = driver.AsyncSession();
            session.RunAsync(query).GetAwaiter().GetResult();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
        finally
        {
            driver.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
