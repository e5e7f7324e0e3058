using System.Diagnostics;
using System.Text;
using Graph.Client;
using Graph.Engine.Functions;
using Graph.Engine.Tests.Parsing;
using Xunit.Abstractions;

namespace Graph.Engine.Tests.Fuzz;

/// <summary>
/// Issue 2: no input crashes the process. Mutated TCK queries, token soups and random expressions run through the
/// embedded driver; each must end in a result or a <see cref="GraphException"/> with a code. An internal exception
/// (whether it escapes raw or wrapped as an UnknownError) is a failure reported with its query.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20_260_127;
    private const int Cases = 3_000;
    private const int CasesPerDriver = 100;
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromMilliseconds(250);
    // Far above the query timeout: a statement still running after this ignores its timeout (a hang).
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    private static readonly string[] SetupGraphs =
    [
        "CREATE (a:A {name: 'a', num: 1, list: [1, 2]})-[:T {w: 2}]->(b:B {name: 'b', num: 2.5})-[:T {w: -1}]->(c:A:C {name: 'c'}), (c)-[:S]->(a), (a)-[:T]->(a)",
        "UNWIND range(1, 20) AS i CREATE (:N {name: toString(i), num: i})-[:R {w: i % 3}]->(:M {num: i * 2})",
        "CREATE (:Empty)",
    ];

    private static readonly IReadOnlyDictionary<string, object?> Parameters = new Dictionary<string, object?>
    {
        ["p"] = 1L, ["list"] = new List<object?> { 1L, "a", null }, ["map"] = new Dictionary<string, object?> { ["a"] = 1L },
        ["param"] = "x", ["name"] = "a", ["id"] = 0L,
    };

    [Fact]
    public async Task Hostile_queries_end_in_a_result_or_a_graph_exception()
    {
        var corpus = TckQueries.All().Select(q => q.Query).Distinct().ToList();
        var mutator = new QueryMutator(new Random(Seed), corpus, ScalarFunctions.Names.Order(StringComparer.Ordinal)
            .Select(name => ScalarFunctions.TryGet(name, out var f) ? (name, f.MinArgs, f.MaxArgs) : (name, 0, 0)).ToList());
        var failures = new List<(string Query, string Problem, string Key)>();
        var outcomes = new Dictionary<string, int>();
        var samples = new List<string>();
        var watch = Stopwatch.StartNew();

        EmbeddedDriver? driver = null;
        try
        {
            for (var i = 0; i < Cases; i++)
            {
                if (i % CasesPerDriver == 0)
                {
                    if (driver is not null) await driver.DisposeAsync();
                    driver = EmbeddedDriver.InMemory(new EngineOptions { QueryTimeout = QueryTimeout, MaxVariableLengthDepth = 8 });
                    var setup = (i / CasesPerDriver) % (SetupGraphs.Length + 1);
                    if (setup < SetupGraphs.Length)
                        RunOnSmallStack(driver, SetupGraphs[setup]);
                }
                var (kind, query) = (i % 10) switch
                {
                    < 6 => ("mutated TCK", mutator.Mutate()),
                    < 8 => ("expression", mutator.ExpressionQuery()),
                    _ => ("token soup", mutator.Soup()),
                };
                var (outcome, problem) = RunOnSmallStack(driver!, query);
                outcomes[$"{kind,-12} {outcome}"] = outcomes.GetValueOrDefault($"{kind,-12} {outcome}") + 1;
                if (kind == "expression" && outcome == Neo4jStatus.SyntaxError && samples.Count < 5)
                    samples.Add(query);
                if (problem is not null)
                {
                    failures.Add((query, problem, outcome));
                    if (outcome == "hang") // abandon this driver: the statement still runs on its thread
                        driver = EmbeddedDriver.InMemory(new EngineOptions { QueryTimeout = QueryTimeout, MaxVariableLengthDepth = 8 });
                }
            }
        }
        finally
        {
            if (driver is not null) await driver.DisposeAsync();
        }

        output.WriteLine($"{Cases} cases (seed {Seed}) in {watch.Elapsed.TotalSeconds:F1} s");
        foreach (var (outcome, count) in outcomes.OrderByDescending(o => o.Value))
            output.WriteLine($"  {count,5}  {outcome}");
        foreach (var sample in samples)
            output.WriteLine("syntax error in generated expression: " + Shorten(sample));

        var distinct = failures.GroupBy(f => f.Key).ToList();
        var report = new StringBuilder($"{failures.Count} of {Cases} queries crashed the engine ({distinct.Count} distinct problems):\n");
        foreach (var group in distinct.Take(15))
            report.Append($"\n--- {group.Count()} x {group.First().Problem}\nquery: {Shorten(group.First().Query)}\n");
        Assert.True(failures.Count == 0, report.ToString());
    }

    /// <summary>Runs one statement on a thread with a 1 MiB stack, like a small worker thread of a host.</summary>
    private static (string Outcome, string? Problem) RunOnSmallStack(EmbeddedDriver driver, string query)
    {
        (string, string?) result = ("hang", $"still running after {HangLimit.TotalSeconds} s despite a {QueryTimeout.TotalMilliseconds} ms timeout");
        var thread = new Thread(() => result = Run(driver, query), 1024 * 1024) { IsBackground = true };
        thread.Start();
        thread.Join(HangLimit);
        return result;
    }

    private static (string Outcome, string? Problem) Run(EmbeddedDriver driver, string query)
    {
        try
        {
            var session = driver.AsyncSession();
            try
            {
                var result = session.RunAsync(query, Parameters).GetAwaiter().GetResult();
                // Formatting every value also exercises the value model (a value of an unexpected .NET type shows here).
                foreach (var record in result.Records)
                    _ = record.ToString();
                return ("result", null);
            }
            finally
            {
                session.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        catch (GraphException e)
        {
            return Classify(e);
        }
        catch (Exception e)
        {
            return (Key(e), $"{e.GetType().FullName}: {e.Message}\n{Top(e)}");
        }
    }

    private static (string Outcome, string? Problem) Classify(GraphException e)
    {
        if (string.IsNullOrEmpty(e.Code) || string.IsNullOrWhiteSpace(e.Message))
            return ("graph exception without code or message", $"{e.GetType().Name} code '{e.Code}' message '{e.Message}'\n{Top(e)}");
        // The engine wraps exceptions it did not expect as UnknownError: a bug behind a polite message.
        if (e.Code == Neo4jStatus.UnknownError && e.InnerException is { } inner && inner is not IOException)
            return ("UnknownError wrapping " + Key(inner), $"{e.Code}: {e.Message}\n{Top(inner)}");
        // A write session never legitimately reports AccessMode: an InvalidOperationException was mislabeled.
        if (e.Code == Neo4jStatus.AccessMode && e.InnerException is InvalidOperationException misnamed)
            return ("AccessMode in a write session: " + Key(misnamed), $"{e.Code}: {e.Message}\n{Top(misnamed)}");
        return (e.Code, null);
    }

    private static string Key(Exception e) => e.GetType().Name + " at " + (Top(e).Split('\n').FirstOrDefault() ?? "?");

    private static string Top(Exception e) =>
        string.Join('\n', (e.StackTrace ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(4));

    private static string Shorten(string query) => query.Length <= 600 ? query : query[..600] + $"... ({query.Length} chars)";
}
