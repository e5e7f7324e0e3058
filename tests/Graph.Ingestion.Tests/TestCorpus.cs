using Graph.Client;
using Path = System.IO.Path;

namespace Graph.Ingestion.Tests;

/// <summary>A copy of TestData/valid in a temp folder named graph-data, for tests to edit.</summary>
public sealed class TestCorpus : IDisposable
{
    public static string TestData(string relative) => Path.Combine(AppContext.BaseDirectory, relative);

    public TestCorpus(string template = "TestData/valid")
    {
        Root = Path.Combine(Path.GetTempPath(), "graph-ingestion-tests", Guid.NewGuid().ToString("n"));
        Directory = Path.Combine(Root, "graph-data");
        CopyInto(TestData(template), Directory);
    }

    public string Root { get; }
    public string Directory { get; }

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    /// <summary>Replaces the files of the corpus with those of BrokenInputs/&lt;name&gt; (expected.txt excluded).</summary>
    public void Overlay(string brokenCase) => CopyInto(TestData(Path.Combine("BrokenInputs", brokenCase)), Directory, skip: "expected.txt");

    public void Replace(string relative, string oldText, string newText)
    {
        var text = File.ReadAllText(PathOf(relative));
        Assert.Contains(oldText, text);
        File.WriteAllText(PathOf(relative), text.Replace(oldText, newText));
    }

    public void Write(string relative, string content)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), content);
    }

    private static void CopyInto(string from, string to, string? skip = null)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative == skip) continue;
            var target = Path.Combine(to, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The whole content of a store as sorted text lines, to compare before and after.</summary>
public static class StoreSnapshot
{
    public static async Task<string> TakeAsync(IDriver driver)
    {
        await using var session = driver.AsyncSession(SessionConfig.Read);
        var lines = new List<string>();
        foreach (var r in (await session.RunAsync("MATCH (n) RETURN labels(n) AS labels, properties(n) AS properties")).Records)
            lines.Add($"({ValueFormatter.ToCypherLiteral(r["labels"])} {ValueFormatter.ToCypherLiteral(r["properties"])})");
        foreach (var r in (await session.RunAsync("MATCH (a)-[r]->(b) RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS properties")).Records)
            lines.Add($"({r["from"]})-[:{r["type"]} {ValueFormatter.ToCypherLiteral(r["properties"])}]->({r["to"]})");
        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }

    /// <summary>The store holds exactly what a whole load of <paramref name="directory"/> into a fresh store writes.</summary>
    public static async Task AssertSameAsAWholeLoadAsync(IDriver driver, string directory)
    {
        await using var fresh = Graph.Engine.EmbeddedDriver.InMemory();
        var report = await new GraphLoader(fresh).LoadAsync(directory);
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        Assert.Equal(await TakeAsync(fresh), await TakeAsync(driver));
    }

    public static async Task<object?> ScalarAsync(IDriver driver, string query, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        await using var session = driver.AsyncSession(SessionConfig.Read);
        var result = await session.RunAsync(query, parameters);
        return result.Records.Count == 0 ? null : result.Records[0][0];
    }
}
