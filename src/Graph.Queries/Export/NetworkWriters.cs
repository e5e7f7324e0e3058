using System.Globalization;
using System.Text;
using System.Xml;

namespace Graph.Queries.Export;

/// <summary>Writes an <see cref="ExportNetwork"/> as GraphML or GEXF (both open in Gephi) or as a CSV edge list.</summary>
public static class NetworkWriters
{
    public static void Write(ExportNetwork network, ExportFormat format, Stream output)
    {
        switch (format)
        {
            case ExportFormat.GraphMl: WriteGraphMl(network, output); break;
            case ExportFormat.Gexf: WriteGexf(network, output, "1.2"); break;
            case ExportFormat.Gexf13: WriteGexf(network, output, "1.3"); break;
            default: WriteCsv(network, output); break;
        }
    }

    public static string WriteToString(ExportNetwork network, ExportFormat format)
    {
        using var stream = new MemoryStream();
        Write(network, format, stream);
        return new UTF8Encoding(false).GetString(stream.ToArray());
    }

    private static XmlWriter CreateXml(Stream output) => XmlWriter.Create(output, new XmlWriterSettings
    {
        Indent = true,
        Encoding = new UTF8Encoding(false),
        CloseOutput = false,
    });

    public static void WriteGraphMl(ExportNetwork network, Stream output)
    {
        const string ns = "http://graphml.graphdrawing.org/xmlns";
        using var xml = CreateXml(output);
        xml.WriteStartDocument();
        xml.WriteStartElement("graphml", ns);
        WriteKey(xml, "label", "node", "label", "string");
        var looks = network.Nodes.Any(n => n.Look is not null);
        if (looks)
            foreach (var (key, type) in new[] { ("x", "double"), ("y", "double"), ("size", "double"), ("color", "string") })
                WriteKey(xml, key, "node", key, type);
        foreach (var a in network.NodeAttributes) WriteKey(xml, "n_" + a.Name, "node", a.Name, GraphMlType(a.Type));
        WriteKey(xml, "weight", "edge", "weight", "double");
        foreach (var a in network.EdgeAttributes) WriteKey(xml, "e_" + a.Name, "edge", a.Name, GraphMlType(a.Type));

        if (network.Description is not null) xml.WriteElementString("desc", ns, network.Description);
        xml.WriteStartElement("graph");
        xml.WriteAttributeString("id", network.Name);
        xml.WriteAttributeString("edgedefault", "undirected");
        foreach (var node in network.Nodes)
        {
            xml.WriteStartElement("node");
            xml.WriteAttributeString("id", node.Id);
            WriteData(xml, "label", node.Label);
            if (node.Look is { } look)
            {
                WriteData(xml, "x", Format(look.X));
                WriteData(xml, "y", Format(look.Y));
                WriteData(xml, "size", Format(look.Size));
                WriteData(xml, "color", look.Color);
            }
            foreach (var a in network.NodeAttributes)
                if (node.Attributes.TryGetValue(a.Name, out var v) && v is not null) WriteData(xml, "n_" + a.Name, Format(v));
            xml.WriteEndElement();
        }
        var id = 0;
        foreach (var edge in network.Edges)
        {
            xml.WriteStartElement("edge");
            xml.WriteAttributeString("id", "e" + id++.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("source", edge.Source);
            xml.WriteAttributeString("target", edge.Target);
            WriteData(xml, "weight", Format(edge.Weight));
            foreach (var a in network.EdgeAttributes)
                if (edge.Attributes.TryGetValue(a.Name, out var v) && v is not null) WriteData(xml, "e_" + a.Name, Format(v));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <param name="version">"1.2" (1.2draft, the default: every reader knows it) or "1.3".</param>
    public static void WriteGexf(ExportNetwork network, Stream output, string version = "1.2")
    {
        var (ns, viz) = version == "1.3"
            ? ("http://gexf.net/1.3", "http://gexf.net/1.3/viz")
            : ("http://www.gexf.net/1.2draft", "http://www.gexf.net/1.2draft/viz");
        using var xml = CreateXml(output);
        xml.WriteStartDocument();
        xml.WriteStartElement("gexf", ns);
        xml.WriteAttributeString("xmlns", "viz", null, viz);
        xml.WriteAttributeString("version", version);
        xml.WriteStartElement("meta", ns);
        xml.WriteElementString("creator", ns, "graph (Graph.Queries)");
        xml.WriteElementString("description", ns, network.Description is null ? network.Name : $"{network.Name}: {network.Description}");
        xml.WriteEndElement();

        xml.WriteStartElement("graph", ns);
        xml.WriteAttributeString("defaultedgetype", "undirected");
        xml.WriteAttributeString("mode", "static");
        WriteGexfAttributes(xml, ns, "node", network.NodeAttributes);
        WriteGexfAttributes(xml, ns, "edge", network.EdgeAttributes);

        xml.WriteStartElement("nodes", ns);
        foreach (var node in network.Nodes)
        {
            xml.WriteStartElement("node", ns);
            xml.WriteAttributeString("id", node.Id);
            xml.WriteAttributeString("label", node.Label);
            WriteGexfValues(xml, ns, network.NodeAttributes, node.Attributes);
            if (node.Look is { } look)
            {
                var rgb = Convert.FromHexString(look.Color.TrimStart('#'));
                xml.WriteStartElement("viz", "color", viz);
                xml.WriteAttributeString("r", rgb[0].ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("g", rgb[1].ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("b", rgb[2].ToString(CultureInfo.InvariantCulture));
                xml.WriteEndElement();
                // GEXF's y axis points up; pictures' y points down.
                xml.WriteStartElement("viz", "position", viz);
                xml.WriteAttributeString("x", Format(look.X));
                xml.WriteAttributeString("y", Format(-look.Y));
                xml.WriteAttributeString("z", "0");
                xml.WriteEndElement();
                xml.WriteStartElement("viz", "size", viz);
                xml.WriteAttributeString("value", Format(look.Size));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        xml.WriteStartElement("edges", ns);
        var id = 0;
        foreach (var edge in network.Edges)
        {
            xml.WriteStartElement("edge", ns);
            xml.WriteAttributeString("id", "e" + id++.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("source", edge.Source);
            xml.WriteAttributeString("target", edge.Target);
            xml.WriteAttributeString("weight", Format(edge.Weight));
            WriteGexfValues(xml, ns, network.EdgeAttributes, edge.Attributes);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <summary>CSV edge list (RFC 4180): source, target, weight, then the edge attributes.</summary>
    public static void WriteCsv(ExportNetwork network, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\r\n" };
        var labels = network.Nodes.ToDictionary(n => n.Id, n => n.Label);
        string[] header = ["source", "target", "source_label", "target_label", "weight", .. network.EdgeAttributes.Select(a => a.Name)];
        writer.WriteLine(string.Join(",", header.Select(Csv)));
        foreach (var edge in network.Edges)
        {
            IEnumerable<string> cells =
            [
                edge.Source, edge.Target, labels.GetValueOrDefault(edge.Source) ?? edge.Source,
                labels.GetValueOrDefault(edge.Target) ?? edge.Target, Format(edge.Weight),
                .. network.EdgeAttributes.Select(a => edge.Attributes.TryGetValue(a.Name, out var v) && v is not null ? Format(v) : ""),
            ];
            writer.WriteLine(string.Join(",", cells.Select(Csv)));
        }
    }

    private static void WriteKey(XmlWriter xml, string id, string scope, string name, string type)
    {
        xml.WriteStartElement("key");
        xml.WriteAttributeString("id", id);
        xml.WriteAttributeString("for", scope);
        xml.WriteAttributeString("attr.name", name);
        xml.WriteAttributeString("attr.type", type);
        xml.WriteEndElement();
    }

    private static void WriteData(XmlWriter xml, string key, string value)
    {
        xml.WriteStartElement("data");
        xml.WriteAttributeString("key", key);
        xml.WriteString(value);
        xml.WriteEndElement();
    }

    private static void WriteGexfAttributes(XmlWriter xml, string ns, string scope, IReadOnlyList<AttributeDefinition> attributes)
    {
        xml.WriteStartElement("attributes", ns);
        xml.WriteAttributeString("class", scope);
        foreach (var a in attributes)
        {
            xml.WriteStartElement("attribute", ns);
            xml.WriteAttributeString("id", a.Name);
            xml.WriteAttributeString("title", a.Name);
            xml.WriteAttributeString("type", a.Type switch { AttributeType.Integer => "long", AttributeType.Double => "double", _ => "string" });
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void WriteGexfValues(XmlWriter xml, string ns, IReadOnlyList<AttributeDefinition> attributes, IReadOnlyDictionary<string, object?> values)
    {
        var present = attributes.Where(a => values.TryGetValue(a.Name, out var v) && v is not null).ToList();
        if (present.Count == 0) return;
        xml.WriteStartElement("attvalues", ns);
        foreach (var a in present)
        {
            xml.WriteStartElement("attvalue", ns);
            xml.WriteAttributeString("for", a.Name);
            xml.WriteAttributeString("value", Format(values[a.Name]!));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static string GraphMlType(AttributeType type) => type switch
    {
        AttributeType.Integer => "long",
        AttributeType.Double => "double",
        _ => "string",
    };

    private static string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Csv(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
