using System.Diagnostics;

namespace Graph.Cli.Tests;

/// <summary>
/// The two-mode (expert–claim) export when an expert took both positions on a claim (decision 25), judged by the
/// tools people open it with: on the fictional Harbour Forum Iván Sorel criticizes seasonal-labour-rights in 2019 and
/// endorses it in 2021. Every format has one edge for him and the claim, polarity "both", sign 0; xmllint accepts the
/// XML and Debian's networkx (/usr/bin/python3) reads the same edges from GEXF and GraphML as the CSV lists.
/// </summary>
[Collection(CliCollection.Name)] // it redirects the process-wide Console
public sealed class TwoModeExportTests : HarbourForumDatabase
{
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

    // Every edge as "expert claim polarity sign weight", sorted; the same line for every format.
    private const string Edges = """
        import csv, sys
        import networkx as nx
        path = sys.argv[1]
        if path.endswith('.csv'):
            rows = [(r['source'], r['target'], r['polarity'], int(r['sign']), float(r['weight'])) for r in csv.DictReader(open(path, encoding='utf-8'))]
        else:
            g = nx.read_gexf(path) if path.endswith('.gexf') else nx.read_graphml(path)
            kinds = nx.get_node_attributes(g, 'kind')
            rows = []
            for a, b, d in g.edges(data=True):
                expert, claim = (a, b) if kinds[a] == 'expert' else (b, a)
                rows.append((expert, claim, d['polarity'], int(d['sign']), float(d['weight'])))
        for r in sorted(rows): print(*r)
        """;

    [Fact]
    public async Task An_expert_with_both_positions_has_one_edge_marked_both_in_every_format_and_reader()
    {
        var outputs = new List<string>();
        foreach (var format in new[] { "csv", "gexf", "graphml" })
        {
            var file = Path.Combine(Temp["exports"], "two-mode." + format);
            await Cli.Succeeds("export", "--network", "two-mode", "--format", format, "--out", file, "--db", Db);
            if (format != "csv") Assert.Equal(0, Run("xmllint", "--noout", file).Exit);
            var read = Run("/usr/bin/python3", "-c", Edges, file);
            Assert.True(read.Exit == 0, $"networkx cannot read {file}: {read.Err}");
            outputs.Add(read.Out);
        }
        Assert.Equal(outputs[0], outputs[1]);
        Assert.Equal(outputs[0], outputs[2]);
        var edges = outputs[0].Trim().Split('\n');
        Assert.Contains("ivan-sorel seasonal-labour-rights both 0 1.0", edges);
        Assert.Contains("lucia-benavente seasonal-labour-rights endorses 1 1.0", edges);
        // One edge per expert and claim: 9 stances in the two documents, Marta's repeated one counting once, Iván's two as one.
        Assert.Equal(7, edges.Length);
        Assert.Equal(edges.Length, edges.Select(e => string.Join(' ', e.Split(' ')[..2])).Distinct().Count());
    }
}
