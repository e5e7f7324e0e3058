using System.Text.RegularExpressions;

namespace Graph.Cli.Tests;

/// <summary>`graph validate`, `graph ingest` on broken data, and `graph tour`.</summary>
[Collection(CliCollection.Name)]
public sealed class DataCommandTests(IngestedDatabase database) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_shipped_graph_data_validates_and_ingests()
    {
        var run = await Cli.Succeeds("validate", Repo.GraphData);
        Assert.Contains("0 errors", run.All);
        Assert.True(database.Ingest.ExitCode == 0, database.Ingest.ToString());
        Assert.Contains("(:Expert)", database.Ingest.Out);
    }

    [Fact]
    public async Task A_broken_copy_fails_validation_and_ingestion_naming_file_and_line()
    {
        var copy = _temp["graph-data"];
        CopyDirectory(Repo.GraphData, copy);
        var stances = Directory.GetFiles(copy, "stances.yaml", SearchOption.AllDirectories).Single();
        var lines = File.ReadAllLines(stances);
        var index = Array.FindIndex(lines, l => Regex.IsMatch(l, @"^\s*-?\s*expert:\s*\S"));
        lines[index] = Regex.Replace(lines[index], @"expert:\s*\S+", "expert: no-such-expert-anywhere");
        File.WriteAllLines(stances, lines);
        var location = $"stances.yaml:{index + 1}";

        var validate = await Cli.RunAsync("validate", copy);
        Assert.NotEqual(0, validate.ExitCode);
        Assert.Contains(location, validate.All);
        Assert.Contains("no-such-expert-anywhere", validate.All);

        var ingest = await Cli.RunAsync("ingest", copy, "--db", _temp["db"]);
        Assert.NotEqual(0, ingest.ExitCode);
        Assert.Contains(location, ingest.All);
    }

    [Fact]
    public async Task A_network_above_the_budget_stops_the_load_once_with_the_fixes_and_no_stack_trace()
    {
        var db = _temp["db"];
        var run = await Cli.RunAsync("ingest", Repo.GraphData, "--db", db, "--network-budget", "3");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("above the budget of 3", run.Err);
        Assert.Contains("--network-max-participants", run.Err);
        Assert.DoesNotContain("   at ", run.All);
        Assert.Single(Regex.Matches(run.All, "above the budget"));

        var count = await Cli.Succeeds("cypher", "MATCH (n) RETURN count(n) AS n", "--db", db, "--format", "csv");
        Assert.Contains("\n0", count.Out.ReplaceLineEndings("\n"));   // nothing was written
    }

    [Fact]
    public async Task Tour_answers_five_numbered_questions()
    {
        var run = await Cli.Succeeds("tour", Repo.GraphData, "--db", database.Db);
        var numbers = Regex.Matches(run.Out, @"^(\d)\. \S", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["1", "2", "3", "4", "5"], numbers);
        Assert.Contains("loading is idempotent", run.Out.ReplaceLineEndings(" ").Replace("  ", " "));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
    }
}
