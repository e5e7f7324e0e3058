using System.CommandLine;
using System.Text.Json;
using Graph.Cli;
using Graph.Cli.Commands;
using Graph.Engine;
using static Graph.Queries.Tests.SmallDebate;

namespace Graph.Queries.Tests;

/// <summary>The query commands in process, on an on-disk store holding the small debate (JSON output and errors).</summary>
public sealed class QueryCommandTests : IAsyncLifetime
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), "graph-queries-cli-" + Guid.NewGuid().ToString("N"));
    private readonly string _empty = Path.Combine(Path.GetTempPath(), "graph-queries-cli-empty-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        await using var driver = EmbeddedDriver.Open(_db);
        await using var session = driver.AsyncSession();
        foreach (var statement in CypherStatements()) await session.RunAsync(statement);
        Directory.CreateDirectory(_empty);
    }

    public Task DisposeAsync()
    {
        foreach (var dir in new[] { _db, _empty })
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task<(int Exit, string Out, string Error)> Run(params string[] args)
    {
        var root = new RootCommand();
        foreach (var command in QueryCommands.Create()) root.Subcommands.Add(command);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var exit = await CliRunner.RunAsync(root, args);
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    [Fact]
    public async Task Commands_answer_in_json_and_explain_bad_names_and_empty_stores()
    {
        // shared: ana and cid agree on c3, disagree on c1 and c2.
        var shared = await Run("shared", "Ana Nunez", "cid ortega", "--format", "json", "--db", _db);
        Assert.Equal(0, shared.Exit);
        using (var json = JsonDocument.Parse(shared.Out))
        {
            Assert.Equal(1, json.RootElement.GetProperty("agreements").GetInt32());
            Assert.Equal(2, json.RootElement.GetProperty("disagreements").GetInt32());
            Assert.Equal(-1.0 / 3, json.RootElement.GetProperty("signedScore").GetDouble(), 12);
        }

        var path = await Run("path", Fay, Dan, "--agreement", "--k", "2", "--format", "json", "--db", _db);
        Assert.Equal(0, path.Exit);
        using (var json = JsonDocument.Parse(path.Out))
        {
            var paths = json.RootElement.GetProperty("paths");
            Assert.Equal(1, paths.GetArrayLength());
            Assert.Equal([Fay, Ben, Ana, Cid, Dan], paths[0].GetProperty("experts").EnumerateArray().Select(e => e.GetString()));
        }

        var noPath = await Run("path", Fay, Dan, "--disagreement", "--db", _db);
        Assert.Equal(1, noPath.Exit);
        Assert.Contains("No chain of disagreement links Fay Raúl Delgado Wise and Daniel Schmidt", noPath.Error);

        var ambiguous = await Run("positions", "Ortega", "--db", _db);
        Assert.Equal(1, ambiguous.Exit);
        Assert.Contains("'Ortega' matches 2 experts", ambiguous.Error);

        var unknown = await Run("allies", "Schmitt", "--db", _db);
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("Did you mean: Daniel Schmidt", unknown.Error);

        var top = await Run("allies", Ana, "--opponents", "--normalization", "cosine", "--limit", "1", "--format", "json", "--db", _db);
        Assert.Equal(0, top.Exit);
        using (var json = JsonDocument.Parse(top.Out))
        {
            Assert.Equal(3, json.RootElement.GetProperty("total").GetInt32());
            Assert.Equal([Dan], json.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("expertId").GetString()));
        }
        Assert.Equal(2, (await Run("allies", Ana, "--limit", "-1", "--db", _db)).Exit);

        var same = await Run("shared", Ana, "ana maria nunez", "--db", _db);
        Assert.Equal(2, same.Exit);

        var empty = await Run("contested", "--db", _empty);
        Assert.Equal(1, empty.Exit);
        Assert.Contains("the store is empty: run graph ingest", empty.Error);

        var badNormalization = await Run("export", "--network", "two-mode", "--normalization", "cosine", "--db", _db);
        Assert.Equal(2, badNormalization.Exit);
        Assert.Contains("use none, activity or prominence", badNormalization.Error);

        var csv = await Run("export", "--network", "conflict", "--format", "csv", "--normalization", "none", "--db", _db);
        Assert.Equal(0, csv.Exit);
        Assert.Contains($"{Ana},{Cid},Ana María Núñez,Cid Ortega Ruiz,2,1,2,c1;c2", csv.Out);
    }
}
