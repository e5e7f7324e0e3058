namespace Graph.Cli.Tests;

/// <summary>Mistakes on the command line end in a message and a failing exit code, never a stack trace (checked by <see cref="Cli"/>).</summary>
[Collection(CliCollection.Name)]
public sealed class BadInvocationTests(IngestedDatabase database) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string[]> Mistakes() => new()
    {
        new[] { "no-such-command" },
        new[] { "positions" },
        new[] { "cypher" },
        new[] { "cypher", "RETURN 1", "--format", "yaml" },
        new[] { "validate", "/no/such/graph-data" },
        new[] { "tour", "/no/such/graph-data" },
        new[] { "clusters", "--seed", "not-a-number" },
        new[] { "export", "--network", "nonsense" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task Usage_mistakes_fail_with_a_message(string[] args)
    {
        var run = await Cli.RunAsync([.. args, "--db", _temp["db"]]);
        Assert.NotEqual(0, run.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(run.All), "no message at all");
    }

    [Fact]
    public async Task A_database_path_that_is_a_file_fails_cleanly()
    {
        var file = _temp["not-a-directory"];
        await File.WriteAllTextAsync(file, "hello");
        var run = await Cli.RunAsync("cypher", "RETURN 1", "--db", file);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(file, run.Err);
        Assert.Equal("hello", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Ingesting_a_missing_directory_fails_and_creates_nothing_else()
    {
        var run = await Cli.RunAsync("ingest", _temp["missing"], "--db", _temp["db"]);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("missing", run.All);
    }

    [Fact]
    public async Task Viz_with_an_unknown_extension_names_the_supported_ones()
    {
        var run = await Cli.RunAsync("viz", "--out", _temp["map.pdf"], "--db", database.Db);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(".svg", run.All);
        Assert.Contains(".png", run.All);
        Assert.False(File.Exists(_temp["map.pdf"]));
    }

    [Fact]
    public async Task A_malformed_analysis_setting_is_named_with_what_it_accepts()
    {
        Environment.SetEnvironmentVariable("GRAPH_Analysis__Resolution", "lots");
        try
        {
            var run = await Cli.RunAsync("clusters", "--db", database.Db);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("Analysis:Resolution 'lots' is not a number", run.Err);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GRAPH_Analysis__Resolution", null);
        }
        var negative = await Cli.RunAsync("clusters", "--resolution", "-1", "--db", database.Db);
        Assert.Equal(2, negative.ExitCode);
        Assert.Contains("--resolution -1 is out of range", negative.Err);
    }
}
