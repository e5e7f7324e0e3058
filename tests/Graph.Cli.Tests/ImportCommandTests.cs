namespace Graph.Cli.Tests;

/// <summary>`graph import`: CSV files into the embedded database, counts printed, bad rows named by file:line.</summary>
[Collection(CliCollection.Name)]
public sealed class ImportCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Db => _temp["db"];

    public void Dispose() => _temp.Dispose();

    private string Csv(string name, params string[] lines)
    {
        File.WriteAllText(_temp[name], string.Join("\n", lines) + "\n");
        return _temp[name];
    }

    [Fact]
    public async Task Imports_nodes_and_relationships_and_prints_counts_and_rates()
    {
        var experts = Csv("experts.csv", "id;name;age:int", "e1;Ana;41", "e2;Bo;");
        var claims = Csv("claims.csv", "id;text", "c1;Borders");
        var endorses = Csv("endorses.csv", "from;to;weight:int", "e1;c1;3", "e2;c1;1");
        var run = await Cli.Succeeds("import", "--nodes", $"Expert={experts}", "--nodes", $"Claim={claims}",
            "--relationships", $"ENDORSES:Expert->Claim={endorses}", "--delimiter", ";", "--db", Db);
        Assert.Contains("imported 3 nodes and 2 relationships", run.Out);
        Assert.Contains("rows/s", run.Out);

        var query = await Cli.Succeeds("cypher", "MATCH (e:Expert)-[r:ENDORSES]->(c:Claim) RETURN e.name + '>' + c.text + ':' + toString(r.weight * 2) AS s ORDER BY s", "--db", Db, "--format", "csv");
        Assert.Contains("Ana>Borders:6", query.Out);
        Assert.Contains("Bo>Borders:2", query.Out);
    }

    [Fact]
    public async Task A_bad_row_is_named_by_file_and_line_and_nothing_is_stored()
    {
        var experts = Csv("experts.csv", "id,age:int", "e1,41", "e2,old");
        var run = await Cli.RunAsync("import", "--nodes", $"Expert={experts}", "--db", Db);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"{experts}:3", run.Err);
        Assert.Contains("'old' in column 'age' is not an int", run.Err);
        var count = await Cli.Succeeds("cypher", "MATCH (n) RETURN count(n) AS n", "--db", Db, "--format", "csv");
        Assert.Contains("0", count.Out.Split('\n')[1]);
    }

    [Fact]
    public async Task Invalid_utf8_is_named_by_file_line_and_column_and_nothing_is_stored()
    {
        var experts = _temp["experts.csv"];
        File.WriteAllBytes(experts, [.. "id,name\ne1,Ana\ne2,Jos"u8, 0xE9, .. "\n"u8]); // "José" saved as Latin-1
        var run = await Cli.RunAsync("import", "--nodes", $"Expert={experts}", "--db", Db);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{experts}:3:7: byte 0xE9 (at byte offset 21) is not valid UTF-8", run.Err);
        Assert.Contains("Nothing was stored", run.Err);
        var count = await Cli.Succeeds("cypher", "MATCH (n) RETURN count(n) AS n", "--db", Db, "--format", "csv");
        Assert.Equal("0", count.Out.Split('\n')[1].Trim());
    }

    [Theory]
    [InlineData("--nodes", "experts.csv", "Label=file.csv")]
    [InlineData("--relationships", "ENDORSES=e.csv", "TYPE:StartLabel->EndLabel=file.csv")]
    public async Task A_malformed_file_argument_says_the_expected_form(string option, string value, string expected)
    {
        var run = await Cli.RunAsync("import", option, value, "--db", Db);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(expected, run.Err);
    }
}
