using Graph.Client;
using Graph.Engine;
using Xunit.Abstractions;

namespace Graph.Neo4j.Tests.Parity;

/// <summary>
/// Every .cypher file of the repository's cypher/ folder gives the same result through the connector
/// and <c>graph serve</c> as in the embedded engine in-process: same columns, same rows (in order when
/// the statement orders them), same counters, or the same error code. Both stores start from the same
/// seed graph. Files whose parameters cannot be inferred (no <c>// params:</c> header covering them)
/// are listed and skipped.
/// </summary>
public class ParityTests(ITestOutputHelper output)
{
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Graph.sln"))) return dir.FullName;
        return null;
    }

    public static IReadOnlyList<string> CypherFiles()
    {
        var root = RepositoryRoot();
        var folder = root is null ? null : System.IO.Path.Combine(root, "cypher");
        if (folder is null || !Directory.Exists(folder)) return [];
        return Directory.GetFiles(folder, "*.cypher", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(root!, f).Replace('\\', '/'))
            .OrderBy(f => f.EndsWith("schema.cypher", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(f => f, StringComparer.Ordinal)
            .ToList();
    }

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        var files = CypherFiles();
        if (files.Count == 0) data.Add("(no cypher/ folder in this checkout)");
        foreach (var file in files) data.Add(file);
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Runs_the_same_through_graph_serve_as_in_process(string relativePath)
    {
        var root = RepositoryRoot();
        if (root is null || !File.Exists(System.IO.Path.Combine(root, relativePath)))
        {
            output.WriteLine($"Nothing to compare: {relativePath}.");
            return;
        }
        var file = CypherFile.Load(root, System.IO.Path.Combine(root, relativePath));
        if (file.MissingParameters() is { Count: > 0 } missing)
        {
            output.WriteLine($"SKIPPED {file}: needs ${string.Join(", $", missing)} and its header gives no // params: for them.");
            return;
        }

        await using var local = EmbeddedDriver.InMemory(new EngineOptions { SyncOnCommit = false });
        var server = new ServerHarness();
        await server.InitializeAsync();
        try
        {
            await using var remote = server.Connector();
            var seed = await File.ReadAllTextAsync(System.IO.Path.Combine(AppContext.BaseDirectory, "Parity", "seed.cypher"));
            await Run(local, seed, null);
            await Run(remote, seed, null);

            for (var i = 0; i < file.Statements.Count; i++)
            {
                var statement = file.Statements[i];
                var expected = await Outcome(local, statement, file.Parameters, file.IsOrdered(i));
                var actual = await Outcome(remote, statement, file.Parameters, file.IsOrdered(i));
                Assert.True(expected == actual,
                    $"{file} statement {i + 1} differs.\nin-process:\n{expected}\nthrough graph serve:\n{actual}");
                output.WriteLine($"{file} statement {i + 1}: {expected.Split('\n')[0]}");
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public void The_splitter_keeps_semicolons_inside_strings_and_comments()
    {
        var statements = CypherFile.Split("// header; not a split\nRETURN 'a;b' AS x;\nRETURN \"c;d\" AS y ;\n// trailing comment only\n");
        Assert.Equal(["// header; not a split\nRETURN 'a;b' AS x", "RETURN \"c;d\" AS y"], statements);
    }

    private static async Task Run(IDriver driver, string query, IReadOnlyDictionary<string, object?>? parameters)
    {
        await using var session = driver.AsyncSession();
        await session.RunAsync(query, parameters);
    }

    /// <summary>A statement's outcome as text: columns, rows (sorted unless ordered), counters; or the error code.</summary>
    private static async Task<string> Outcome(IDriver driver, string query, IReadOnlyDictionary<string, object?> parameters, bool ordered)
    {
        await using var session = driver.AsyncSession();
        try
        {
            var result = await session.RunAsync(query, parameters);
            var rows = result.Records.Select(r => string.Join(" | ", r.Values.Select(ValueFormatter.ToCypherLiteral))).ToList();
            if (!ordered) rows.Sort(StringComparer.Ordinal);
            return $"{rows.Count} rows, columns [{string.Join(", ", result.Keys)}], counters {result.Counters}\n{string.Join("\n", rows)}";
        }
        catch (GraphException e)
        {
            return $"error {e.Code}";
        }
    }
}
