using System.Globalization;
using System.Text;
using System.Xml;

namespace Graph.Web;

/// <summary>Static pictures of the paradigm map: SVG (deterministic for a seed, since the layout is) and Graphviz DOT.</summary>
public static class MapExports
{
    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Svg(MapView map)
    {
        const double margin = 60;
        var points = map.Experts.Select(e => e.Position).Concat(map.Paradigms.Select(p => p.Position)).ToList();
        double minX = points.Count == 0 ? 0 : points.Min(p => p.X) - margin, minY = points.Count == 0 ? 0 : points.Min(p => p.Y) - margin;
        double width = points.Count == 0 ? 200 : points.Max(p => p.X) + margin - minX, height = points.Count == 0 ? 200 : points.Max(p => p.Y) + margin - minY;
        var maxActivity = Math.Max(1, map.Experts.Select(e => e.Activity).DefaultIfEmpty(1).Max());
        var at = map.Experts.ToDictionary(e => e.Id, e => e.Position);

        var sb = new StringBuilder();
        using (var xml = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
        {
            xml.WriteStartElement("svg", "http://www.w3.org/2000/svg");
            xml.WriteAttributeString("viewBox", $"{F(minX)} {F(minY)} {F(width)} {F(height)}");
            xml.WriteAttributeString("width", F(Math.Min(width, 1600)));
            xml.WriteAttributeString("height", F(Math.Min(width, 1600) * height / width));
            xml.WriteAttributeString("font-family", "sans-serif");
            xml.WriteElementString("title", "Graph: paradigm map");
            xml.WriteStartElement("rect");
            Attrs(xml, ("x", F(minX)), ("y", F(minY)), ("width", F(width)), ("height", F(height)), ("fill", "#ffffff"));
            xml.WriteEndElement();

            xml.WriteStartElement("g");
            xml.WriteAttributeString("id", "edges");
            foreach (var e in map.Edges.Where(e => at.ContainsKey(e.Source) && at.ContainsKey(e.Target)))
            {
                xml.WriteStartElement("line");
                var agree = e.Kind == "agree";
                Attrs(xml, ("x1", F(at[e.Source].X)), ("y1", F(at[e.Source].Y)), ("x2", F(at[e.Target].X)), ("y2", F(at[e.Target].Y)),
                    ("stroke", agree ? MapColors.Agree : MapColors.Disagree), ("stroke-opacity", agree ? "0.45" : "0.7"),
                    ("stroke-width", F(Math.Min(8, 1 + Math.Log2(e.Weight) * 1.5))));
                if (!agree) xml.WriteAttributeString("stroke-dasharray", "6 4");
                xml.WriteEndElement();
            }
            xml.WriteEndElement();

            xml.WriteStartElement("g");
            xml.WriteAttributeString("id", "paradigms");
            foreach (var p in map.Paradigms)
            {
                xml.WriteStartElement("rect");
                Attrs(xml, ("x", F(p.Position.X - 18)), ("y", F(p.Position.Y - 18)), ("width", "36"), ("height", "36"), ("rx", "6"), ("fill", MapColors.Paradigm(p.Id)));
                xml.WriteEndElement();
                Text(xml, p.Position.X, p.Position.Y - 26, p.Name, 16, "bold");
            }
            xml.WriteEndElement();

            xml.WriteStartElement("g");
            xml.WriteAttributeString("id", "experts");
            foreach (var e in map.Experts)
            {
                var r = 5 + 11 * Math.Sqrt(e.Activity / (double)maxActivity);
                xml.WriteStartElement("circle");
                Attrs(xml, ("cx", F(e.Position.X)), ("cy", F(e.Position.Y)), ("r", F(r)), ("fill", MapColors.Paradigm(e.Dominant)), ("stroke", "#ffffff"));
                xml.WriteElementString("title", e.Name);
                xml.WriteEndElement();
                if (map.Experts.Count <= 300) Text(xml, e.Position.X, e.Position.Y + r + 11, e.Name, 10, "normal");
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return sb.ToString();
    }

    private static void Attrs(XmlWriter xml, params (string Name, string Value)[] attributes)
    {
        foreach (var (name, value) in attributes) xml.WriteAttributeString(name, value);
    }

    private static void Text(XmlWriter xml, double x, double y, string text, int size, string weight)
    {
        xml.WriteStartElement("text");
        Attrs(xml, ("x", F(x)), ("y", F(y)), ("font-size", size.ToString(CultureInfo.InvariantCulture)), ("font-weight", weight), ("text-anchor", "middle"), ("fill", "#222"));
        xml.WriteString(text);
        xml.WriteEndElement();
    }

    /// <summary>Graphviz DOT with the layout's positions (render with `neato -n2 -Tsvg`).</summary>
    public static string Dot(MapView map)
    {
        static string Q(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        var sb = new StringBuilder();
        sb.AppendLine("graph paradigm_map {");
        sb.AppendLine("  graph [outputorder=edgesfirst, overlap=false];");
        sb.AppendLine("  node [style=filled, fontname=\"sans-serif\", fontsize=10];");
        foreach (var p in map.Paradigms)
            sb.AppendLine($"  {Q("paradigm:" + p.Id)} [label={Q(p.Name)}, shape=box, fillcolor={Q(MapColors.Paradigm(p.Id))}, pos={Q($"{F(p.Position.X)},{F(-p.Position.Y)}!")}];");
        foreach (var e in map.Experts)
            sb.AppendLine($"  {Q(e.Id)} [label={Q(e.Name)}, shape=circle, fillcolor={Q(MapColors.Paradigm(e.Dominant))}, cluster={e.Cluster}, pos={Q($"{F(e.Position.X)},{F(-e.Position.Y)}!")}];");
        foreach (var e in map.Edges)
        {
            var agree = e.Kind == "agree";
            sb.AppendLine($"  {Q(e.Source)} -- {Q(e.Target)} [color={Q(agree ? MapColors.Agree : MapColors.Disagree)}{(agree ? "" : ", style=dashed")}, weight={e.Weight}, penwidth={F(Math.Min(8, 1 + Math.Log2(e.Weight)))}];");
        }
        sb.AppendLine("}");
        return sb.ToString();
    }
}
