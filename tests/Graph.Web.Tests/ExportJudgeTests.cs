using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Graph.Queries.Export;
using Graph.Web.Exports;

namespace Graph.Web.Tests;

/// <summary>
/// Every export of every view, judged by the tools people open them with: xmllint (SVG, GEXF, GraphML are
/// well-formed XML), Debian's networkx (/usr/bin/python3 reads every GEXF and GraphML with the same nodes, edges and
/// signed weights), Graphviz (`neato -n2` keeps the computed positions), rsvg-convert (renders the SVG), and the PNG
/// has the width asked for.
/// </summary>
[Collection(WebViewCollection.Name)]
public sealed partial class ExportJudgeTests(WebViewFixture fixture)
{
    private readonly string _dir = Directory.CreateTempSubdirectory("graph-exports-").FullName;

    private static (int Exit, string Out, string Err) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) { process.Kill(true); throw new TimeoutException($"{file} did not finish in 2 minutes"); }
        return (process.ExitCode, output.Result, error.Result);
    }

    private async Task<string> ExportAsync(string view, string format, string version = "1.2", int width = 1400)
    {
        var export = await ExportFile.CreateAsync(new WebApi(fixture.Driver, fixture.Settings), view, format, width, version);
        var path = Path.Combine(_dir, $"{view}-{version}.{format}");
        await File.WriteAllBytesAsync(path, export.Content);
        return path;
    }

    [Fact]
    public async Task Every_svg_is_valid_utf8_xml_with_a_title_a_legend_and_a_caption_and_renders()
    {
        foreach (var view in ExportFile.Views)
        {
            var svg = await ExportAsync(view, "svg");
            var lint = Run("xmllint", "--noout", svg);
            Assert.True(lint.Exit == 0, $"xmllint rejects {view}.svg: {lint.Err}");
            var text = await File.ReadAllTextAsync(svg);
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text);
            Assert.Contains("<title>", text);
            Assert.Contains("id=\"legend\"", text);
            Assert.Contains("Data: LC/L.3702", text);
            Assert.Contains("seed 42", text);
            var png = Path.ChangeExtension(svg, ".rsvg.png");
            var render = Run("rsvg-convert", "-o", png, svg);
            Assert.True(render.Exit == 0, $"rsvg-convert cannot render {view}.svg: {render.Err}");
        }
    }

    [Fact]
    public async Task Png_has_the_width_asked_for()
    {
        foreach (var (view, width) in new[] { ("alignment", 2000), ("matrix", 800) })
        {
            var bytes = await File.ReadAllBytesAsync(await ExportAsync(view, "png", width: width));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            Assert.Equal(width, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]); // IHDR width
        }
    }

    [Theory]
    [InlineData("alignment")]
    [InlineData("communities")]
    public async Task Networkx_reads_every_gexf_and_graphml_with_signed_weights(string view)
    {
        var api = new WebApi(fixture.Driver, fixture.Settings);
        var experts = view == "alignment" ? (await api.AlignmentAsync(default)).Experts : (await api.CommunitiesAsync(default)).Experts;
        var network = ViewExports.Network(view, (await api.AlignmentAsync(default)).Header, experts, await api.MatrixAsync(default));
        var negative = network.Edges.Count(e => e.Weight < 0);
        Assert.True(negative > 0, "the shipped data has pairs who disagree more than they agree");
        foreach (var (format, version) in new[] { ("gexf", "1.2"), ("graphml", "1.2") })
        {
            var file = await ExportAsync(view, format, version);
            Assert.Equal(0, Run("xmllint", "--noout", file).Exit);
            var read = format == "gexf" ? "nx.read_gexf" : "nx.read_graphml";
            var python = Run("/usr/bin/python3", "-c",
                $"import networkx as nx, sys; g = {read}(sys.argv[1]); w = [d['weight'] for _, _, d in g.edges(data=True)]; " +
                "print(g.number_of_nodes(), g.number_of_edges(), sum(1 for x in w if x < 0), round(sum(w), 6))", file);
            Assert.True(python.Exit == 0, $"networkx cannot read {view}.{format}: {python.Err}");
            var parts = python.Out.Trim().Split(' ');
            Assert.Equal(network.Nodes.Count, int.Parse(parts[0], CultureInfo.InvariantCulture));
            Assert.Equal(network.Edges.Count, int.Parse(parts[1], CultureInfo.InvariantCulture));
            Assert.Equal(negative, int.Parse(parts[2], CultureInfo.InvariantCulture));
            Assert.Equal(Math.Round(network.Edges.Sum(e => e.Weight), 6), double.Parse(parts[3], CultureInfo.InvariantCulture), 4);
        }
        // GEXF 1.3 on request (newer Gephi): valid XML with the 1.3 namespace.
        var v13 = await ExportAsync(view, "gexf", "1.3");
        Assert.Equal(0, Run("xmllint", "--noout", v13).Exit);
        Assert.Contains("http://gexf.net/1.3", await File.ReadAllTextAsync(v13));
    }

    [Fact]
    public async Task Networkx_reads_the_discourse_networks_of_graph_export_as_gexf_and_graphml()
    {
        var queries = new Graph.Queries.DebateQueries(fixture.Driver);
        foreach (var kind in new[] { NetworkKind.Subtract, NetworkKind.TwoMode })
        {
            var network = await queries.ExportAsync(kind, Graph.Queries.Analysis.Normalization.Average, TwoModeNormalization.None);
            foreach (var (format, read) in new[] { (ExportFormat.Gexf, "nx.read_gexf"), (ExportFormat.GraphMl, "nx.read_graphml") })
            {
                var file = Path.Combine(_dir, $"{kind}.{format}");
                await File.WriteAllTextAsync(file, NetworkWriters.WriteToString(network, format));
                var python = Run("/usr/bin/python3", "-c",
                    $"import networkx as nx, sys; g = {read}(sys.argv[1]); print(g.number_of_nodes(), g.number_of_edges(), sum(1 for *_, d in g.edges(data=True) if d['weight'] < 0))", file);
                Assert.True(python.Exit == 0, $"networkx cannot read the {kind} {format}: {python.Err}");
                Assert.Equal($"{network.Nodes.Count} {network.Edges.Count} {network.Edges.Count(e => e.Weight < 0)}", python.Out.Trim());
            }
        }
    }

    [Theory]
    [InlineData("alignment")]
    [InlineData("communities")]
    public async Task Neato_n2_draws_the_dot_export_at_the_computed_positions(string view)
    {
        var dot = await ExportAsync(view, "dot");
        var png = Run("neato", "-n2", "-Tpng", "-o", Path.ChangeExtension(dot, ".png"), dot);
        Assert.True(png.Exit == 0, $"neato -n2 -Tpng failed: {png.Err}");
        // Graphviz moves the whole picture to its origin; every node must move by the same offset.
        var laidOut = Positions(Run("neato", "-n2", "-Tdot", dot).Out);
        var given = Positions(await File.ReadAllTextAsync(dot));
        Assert.True(given.Count > 10);
        var offsets = given.Where(g => laidOut.ContainsKey(g.Key)).Select(g => (X: laidOut[g.Key].X - g.Value.X, Y: laidOut[g.Key].Y - g.Value.Y)).ToList();
        Assert.Equal(given.Count, offsets.Count);
        Assert.All(offsets, o => { Assert.Equal(offsets[0].X, o.X, 0.6); Assert.Equal(offsets[0].Y, o.Y, 0.6); });
    }

    private static Dictionary<string, (double X, double Y)> Positions(string dot) =>
        NodePosition().Matches(dot).ToDictionary(m => m.Groups["id"].Value, m => (
            double.Parse(m.Groups["x"].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture)));

    // An expert node ("id" [...pos="x,y(!)"...]) in Graphviz's input or output.
    [GeneratedRegex(@"^\s*""?(?<id>[a-z][a-z0-9-]*)""?\s*\[[^\]]*?pos=""(?<x>-?[\d.]+),(?<y>-?[\d.]+)!?""", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex NodePosition();
}
