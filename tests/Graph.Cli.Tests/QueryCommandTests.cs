using System.Text.Json;
using System.Xml.Linq;

namespace Graph.Cli.Tests;

/// <summary>The question commands and `graph viz` against the shipped graph-data (ingested once).</summary>
[Collection(CliCollection.Name)]
public sealed class QueryCommandTests(IngestedDatabase database) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private Task<CliRun> Query(params string[] args) => Cli.Succeeds([.. args, "--db", database.Db]);

    [Fact]
    public async Task Experts_lists_everyone_and_filters_by_an_accent_free_name()
    {
        var all = await Query("experts");
        Assert.Contains("Raúl Delgado Wise", all.Out);
        Assert.Contains("Paulo Sergio de Almeida", all.Out);

        var filtered = await Query("experts", "delgado");
        Assert.Contains("Raúl Delgado Wise", filtered.Out);
        Assert.DoesNotContain("Paulo Sergio de Almeida", filtered.Out);
    }

    [Fact]
    public async Task Positions_finds_an_expert_by_an_accent_free_partial_name()
    {
        var run = await Query("positions", "Raul Delgado");
        Assert.Contains("Raúl Delgado Wise", run.Out);
        Assert.Contains("endorses", run.Out);
        Assert.Contains("paradigm", run.Out);
    }

    [Fact]
    public async Task An_unknown_expert_gets_suggestions_and_a_failing_exit_code()
    {
        var run = await Cli.RunAsync("positions", "Raol Delgada Wize", "--db", database.Db);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Did you mean", run.Err);
        Assert.Contains("Delgado", run.Err);
    }

    [Fact]
    public async Task Shared_and_path_connect_two_experts()
    {
        var shared = await Query("shared", "Raul Delgado Wise", "Paulo Sergio de Almeida");
        Assert.Contains("both endorse", shared.Out.Replace("│", " "), StringComparison.OrdinalIgnoreCase);

        var path = await Query("path", "Raul Delgado Wise", "Nora Perez Vichich");
        Assert.Contains("Raúl Delgado Wise", path.Out);
        Assert.Contains("Nora Pérez Vichich", path.Out);
    }

    [Fact]
    public async Task Contested_and_clusters_answer()
    {
        var contested = await Query("contested", "--limit", "5");
        Assert.Contains("Remittances", contested.Out);

        var clusters = await Query("clusters");
        Assert.Contains("Structural balance", clusters.Out);
    }

    [Fact]
    public async Task Json_format_of_a_query_command_is_valid_json()
    {
        var run = await Query("experts", "delgado", "--format", "json");
        using var document = JsonDocument.Parse(run.Out);
        Assert.Contains("Raúl Delgado Wise", document.RootElement.GetRawText().Replace("\\u00FA", "ú"));
    }

    [Fact]
    public async Task Viz_writes_every_view_in_every_format()
    {
        foreach (var view in new[] { "alignment", "communities", "matrix" })
        foreach (var extension in view == "matrix" ? new[] { "html", "svg", "png" } : ["html", "svg", "png", "dot", "gexf", "graphml"])
        {
            var file = _temp[$"{view}.{extension}"];
            var run = await Query("viz", "--view", view, "--out", file, "--width", "900");
            Assert.Contains("seed 42", run.Out);
            Assert.True(File.Exists(file), $"graph viz --out {file} wrote nothing");
            var bytes = await File.ReadAllBytesAsync(file);
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            switch (extension)
            {
                case "html":
                    Assert.Contains("<html", text, StringComparison.OrdinalIgnoreCase);
                    Assert.Contains("Delgado", text);
                    break;
                case "png":
                    Assert.Equal(900, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
                    break;
                case "dot":
                    Assert.Matches(@"^(\s*//[^\n]*\n)*\s*(strict\s+)?(di)?graph\b", text);
                    Assert.EndsWith("}", text.TrimEnd());
                    break;
                case "gexf":
                    Assert.Equal("http://www.gexf.net/1.2draft", XDocument.Parse(text).Root!.Name.NamespaceName);
                    break;
                default:
                    Assert.Contains(XDocument.Parse(text).Root!.Name.LocalName, new[] { "svg", "graphml" });
                    break;
            }
        }
        var refused = await Cli.RunAsync("viz", "--view", "matrix", "--out", _temp["m.dot"], "--db", database.Db);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("svg or png", refused.Err);
    }

    [Fact]
    public async Task Signed_path_lists_every_tied_chain_with_its_verdict_and_scores_name_their_normalization()
    {
        var path = await Query("path", "Gioconda Herrera", "Sandra Gil Araujo", "--signed", "--k", "3", "--format", "json");
        using (var json = JsonDocument.Parse(path.Out))
        {
            var paths = json.RootElement.GetProperty("paths").EnumerateArray().ToList();
            Assert.NotEmpty(paths);
            Assert.All(paths, p => Assert.Matches("^expected (allies|opponents)$", p.GetProperty("verdict").GetString()));
            var shortest = paths.Where(p => p.GetProperty("tied").GetBoolean()).ToList();
            Assert.All(shortest, p => Assert.Equal(paths[0].GetProperty("length").GetInt32(), p.GetProperty("length").GetInt32()));
        }
        var allies = await Query("allies", "Lelio Marmora", "--normalization", "cosine");
        Assert.Contains("score (cosine)", allies.Out);
        var tour = await Query("positions", "Gioconda Herrera");
        Assert.Contains("OPPOSES", tour.Out);
    }
}
