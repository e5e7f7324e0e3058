using Graph.Client;
using Graph.Engine;
using Xunit.Abstractions;

namespace Graph.Neo4j.Tests.Parity;

/// <summary>
/// Every .cypher file of the repository's cypher/ folder gives the same result through the connector
/// and <c>graph serve</c> as in the embedded engine in-process: same columns, same rows (in order when
/// the statement orders them), same counters, or the same error code. Both stores start from the same
/// seed graph and see the same files in the same order, so they stay equal as files write. Files whose
/// parameters cannot be inferred (no <c>// params:</c> header covering them) are listed and skipped.
/// </summary>
public class ParityTests(ParityStores stores, ITestOutputHelper output) : IClassFixture<ParityStores>
{
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Graph.sln"))) return dir.FullName;
        return null;
    }

    public static IReadOnlyList<string> CypherFiles()
    {
        var root = RepositoryRoot();
        var folder = root is null ? null : Path.Combine(root, "cypher");
        if (folder is null || !Directory.Exists(folder)) return [];
        return Directory.GetFiles(folder, "*.cypher", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root!, f).Replace('\\', '/'))
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
        if (root is null || !File.Exists(Path.Combine(root, relativePath)))
        {
            output.WriteLine($"Nothing to compare: {relativePath}.");
            return;
        }
        var file = CypherFile.Load(root, Path.Combine(root, relativePath));
        if (file.MissingParameters() is { Count: > 0 } missing)
        {
            output.WriteLine($"SKIPPED {file}: needs ${string.Join(", $", missing)} and its header gives no // params: for them.");
            return;
        }

        for (var i = 0; i < file.Statements.Count; i++)
        {
            var statement = file.Statements[i];
            var expected = await Outcome(stores.Local, statement, file.Parameters, file.IsOrdered(i));
            var actual = await Outcome(stores.Remote, statement, file.Parameters, file.IsOrdered(i));
            Assert.True(expected == actual,
                $"{file} statement {i + 1} differs.\nin-process:\n{expected}\nthrough graph serve:\n{actual}");
            output.WriteLine($"{file} statement {i + 1}: {expected.Split('\n')[0]}");
        }
    }

    [Fact]
    public void The_splitter_keeps_semicolons_inside_strings_and_comments()
    {
        var statements = CypherFile.Split("// header; not a split\nRETURN 'a;b' AS x;\nRETURN \"c;d\" AS y ;\n// trailing comment only\n");
        Assert.Equal(["// header; not a split\nRETURN 'a;b' AS x", "RETURN \"c;d\" AS y"], statements);
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

/// <summary>The two stores compared: the embedded engine in-process, and another behind graph serve; both seeded alike.</summary>
public sealed class ParityStores : IAsyncLifetime
{
    private readonly ServerHarness _server = new();

    public EmbeddedDriver Local { get; } = EmbeddedDriver.InMemory(new EngineOptions { SyncOnCommit = false });
    public Neo4jDriver Remote { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        Remote = _server.Connector();
        var seed = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Parity", "seed.cypher"));
        foreach (IDriver driver in new IDriver[] { Local, Remote })
        {
            await using var session = driver.AsyncSession();
            await session.RunAsync(seed);
        }
    }

    public async Task DisposeAsync()
    {
        await Remote.DisposeAsync();
        await _server.DisposeAsync();
        await Local.DisposeAsync();
    }
}
