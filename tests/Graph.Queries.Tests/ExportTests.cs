using System.Xml.Linq;
using Graph.Queries.Analysis;
using Graph.Queries.Export;
using static Graph.Queries.Tests.SmallDebate;

namespace Graph.Queries.Tests;

public class ExportTests
{
    private readonly Model.DiscourseSnapshot _debate = Snapshot();

    [Fact]
    public void Congruence_network_as_graphml_has_typed_keys_and_normalized_weights()
    {
        // Agreement pairs: ana-ben (2), ana-cid (1), ben-fay (1), cid-dan (2). Jaccard ana-ben = 2 / (3 + 3 - 2).
        var network = NetworkBuilder.OneMode(_debate, NetworkKind.Congruence, Normalization.Jaccard);
        var xml = XDocument.Parse(NetworkWriters.WriteToString(network, ExportFormat.GraphMl));
        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        var graph = xml.Root!.Element(ns + "graph")!;
        Assert.Equal("undirected", graph.Attribute("edgedefault")!.Value);
        Assert.Equal(6, graph.Elements(ns + "node").Count());
        var edges = graph.Elements(ns + "edge").ToList();
        Assert.Equal(4, edges.Count);
        var anaBen = edges.Single(e => e.Attribute("source")!.Value == Ana && e.Attribute("target")!.Value == Ben);
        Assert.Equal("0.5", anaBen.Elements(ns + "data").Single(d => d.Attribute("key")!.Value == "weight").Value);
        Assert.Contains(xml.Root.Elements(ns + "key"), k => k.Attribute("attr.name")!.Value == "weight" && k.Attribute("attr.type")!.Value == "double");
        // Names with accents survive as text.
        Assert.Contains(graph.Descendants(ns + "data"), d => d.Value == "Ana María Núñez");
    }

    [Fact]
    public void Subtract_network_keeps_negative_weights_and_conflict_only_disagreements()
    {
        var subtract = NetworkBuilder.OneMode(_debate, NetworkKind.Subtract, Normalization.None);
        Assert.Equal(-1.0, subtract.Edges.Single(e => e.Source == Ana && e.Target == Cid).Weight); // 1 - 2
        var conflict = NetworkBuilder.OneMode(_debate, NetworkKind.Conflict, Normalization.None);
        Assert.Equal(6, conflict.Edges.Count);
        Assert.Equal("c1;c2", conflict.Edges.Single(e => e.Source == Ana && e.Target == Cid).Attributes["claims"]);
    }

    [Fact]
    public void Two_mode_network_as_gexf_has_one_edge_per_stance()
    {
        // Activity normalization: each of ana's 3 stances weighs 1/3.
        var network = NetworkBuilder.TwoMode(_debate, TwoModeNormalization.Activity);
        var xml = XDocument.Parse(NetworkWriters.WriteToString(network, ExportFormat.Gexf));
        XNamespace ns = "http://www.gexf.net/1.2draft"; // the default: what Gephi and networkx 2.x read
        Assert.Equal("1.2", xml.Root!.Attribute("version")!.Value);
        var graph = xml.Root!.Element(ns + "graph")!;
        Assert.Equal(10, graph.Element(ns + "nodes")!.Elements(ns + "node").Count()); // 6 experts + 4 claims
        var edges = graph.Element(ns + "edges")!.Elements(ns + "edge").ToList();
        Assert.Equal(Stances.Length, edges.Count);
        var anaC1 = edges.Single(e => e.Attribute("source")!.Value == Ana && e.Attribute("target")!.Value == "c1");
        Assert.Equal(1.0 / 3, double.Parse(anaC1.Attribute("weight")!.Value, System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Contains(anaC1.Descendants(ns + "attvalue"), a => a.Attribute("for")!.Value == "polarity" && a.Attribute("value")!.Value == "criticizes");
    }

    [Fact]
    public void Csv_edge_list_quotes_cells_with_commas()
    {
        var network = NetworkBuilder.OneMode(_debate, NetworkKind.Conflict, Normalization.None);
        var lines = NetworkWriters.WriteToString(network, ExportFormat.Csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("source,target,source_label,target_label,weight,agreements,disagreements,claims", lines[0]);
        Assert.Contains($"{Ana},{Cid},Ana María Núñez,Cid Ortega Ruiz,2,1,2,c1;c2", lines);
        Assert.Equal(7, lines.Length);
    }
}
