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
    public async Task Viz_writes_html_svg_and_dot_files()
    {
        foreach (var extension in new[] { "html", "svg", "dot" })
        {
            var file = _temp["map." + extension];
            await Query("viz", "--out", file);
            Assert.True(File.Exists(file), $"graph viz --out {file} wrote nothing");
            var text = await File.ReadAllTextAsync(file);
            switch (extension)
            {
                case "html":
                    Assert.Contains("<html", text, StringComparison.OrdinalIgnoreCase);
                    Assert.Contains("Delgado", text);
                    break;
                case "svg":
                    Assert.Equal("svg", XDocument.Parse(text).Root!.Name.LocalName);
                    break;
                default:
                    Assert.Matches(@"^\s*(strict\s+)?(di)?graph\b", text);
                    Assert.EndsWith("}", text.TrimEnd());
                    break;
            }
        }
    }
}
