namespace Graph.Core.Tests;

/// <summary>The curated graph-data of the repository must validate without errors.</summary>
public sealed class ShippedGraphDataTests
{
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Graph.sln"))) return dir.FullName;
        throw new InvalidOperationException("Graph.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Repository_graph_data_validates_without_errors()
    {
        var directory = Path.Combine(RepoRoot(), "graph-data");
        Assert.True(Directory.Exists(directory), $"{directory} is missing");

        var result = GraphData.Load(directory);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.NotEmpty(result.Data.Experts);
        Assert.NotEmpty(result.Data.Stances);
        Assert.All(result.Data.Stances, s => Assert.NotNull(s.Line));
    }
}
