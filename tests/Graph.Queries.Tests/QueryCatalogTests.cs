using System.Text.Json;
using Graph.Queries.Cypher;

namespace Graph.Queries.Tests;

public class QueryCatalogTests
{
    [Fact]
    public void Every_cypher_file_is_embedded_and_declares_what_it_answers_and_its_parameters()
    {
        var directory = Path.Combine(RepoRoot(), "cypher", "queries");
        var files = Directory.GetFiles(directory, "*.cypher").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        Assert.Equal(files, QueryCatalog.Names);
        foreach (var name in files)
        {
            var text = QueryCatalog.Get(name);
            var lines = text.Split('\n');
            Assert.StartsWith("// Answers:", lines[0]);
            var paramsLine = lines.Single(l => l.StartsWith("// params:", StringComparison.Ordinal));
            using var parameters = JsonDocument.Parse(paramsLine["// params:".Length..]);
            // Every $parameter the statement uses has an example value in the header.
            var used = System.Text.RegularExpressions.Regex.Matches(text, @"\$([A-Za-z_][A-Za-z0-9_]*)").Select(m => m.Groups[1].Value).Distinct();
            foreach (var p in used) Assert.True(parameters.RootElement.TryGetProperty(p, out _), $"{name}.cypher uses ${p} but its params header has no value for it.");
        }
    }

    [Fact]
    public void An_unknown_query_name_says_which_exist()
    {
        var error = Assert.Throws<InvalidOperationException>(() => QueryCatalog.Get("no-such-query"));
        Assert.Contains("experts", error.Message);
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Graph.sln"))) return dir.FullName;
        throw new InvalidOperationException("Graph.sln not found above the test output directory.");
    }
}
