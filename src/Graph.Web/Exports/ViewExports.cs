using System.Globalization;
using System.Text;
using Graph.Queries.Export;
using Graph.Web.Views;
using SkiaSharp;

namespace Graph.Web.Exports;

/// <summary>
/// Publication exports of every view: SVG (UTF-8 XML with a title, the sentence saying what it shows, a legend and a
/// caption naming the data and the settings; labels never overlap), PNG (that SVG rendered at a chosen width),
/// Graphviz DOT with fixed positions and sizes (`neato -n2` draws the same picture) and the drawn network as GEXF or
/// GraphML (positions, sizes and colours included).
/// </summary>
public static class ViewExports
{
    public const int DefaultWidth = 1400;
    private const double Margin = 24, LegendWidth = 300, LabelSize = 12;

    private static string F(double v) => SvgPicture.F(v);

    /// <summary>The page around a plot: header, plot box, legend column, caption. Returns the picture and the plot box.</summary>
    private static (SvgPicture Svg, Box Plot, double LegendY) Page(ViewHeader header, int width, double plotHeight, Func<double, double> legendHeight)
    {
        var textWidth = width - 2 * Margin;
        var headerHeight = 20 * 1.35 + TextMeasure.Wrap(header.Sentence, 13, textWidth).Count * 13 * 1.35 + 10;
        var captionHeight = TextMeasure.Wrap(header.Caption, 12, textWidth).Count * 12 * 1.35 + 10;
        var plot = new Box(Margin, Margin + headerHeight, width - 2 * Margin - LegendWidth - Margin, plotHeight);
        var body = Math.Max(plotHeight, legendHeight(LegendWidth));
        var height = plot.Y + body + Margin + captionHeight;
        var svg = new SvgPicture(width, height, header.Title, $"{header.Sentence} {header.Caption}");
        svg.Group("header");
        var y = svg.Paragraph(Margin, Margin, header.Title, 20, textWidth, bold: true);
        svg.Paragraph(Margin, y, header.Sentence, 13, textWidth, "#444444");
        svg.End();
        svg.Group("caption");
        svg.Paragraph(Margin, plot.Y + body + Margin, header.Caption, 12, textWidth, "#555555");
        svg.End();
        return (svg, plot, plot.Y);
    }

    private static double LegendHeight(IReadOnlyList<LegendEntry> entries, IEnumerable<string> notes, double width) =>
        30 + entries.Count * 20 + notes.Sum(n => TextMeasure.Wrap(n, 12, width).Count * 12 * 1.35 + 8);

    private static void Legend(SvgPicture svg, double x, double y, string heading, IReadOnlyList<LegendEntry> entries, IEnumerable<string> notes)
    {
        svg.Group("legend");
        svg.Text(x, y + 14, heading, 13, bold: true);
        y += 30;
        foreach (var entry in entries)
        {
            svg.Circle(x + 7, y + 6, 6, entry.Color, stroke: "#666666");
            svg.Text(x + 20, y + 11, entry.Label, 12, @class: "legend-entry");
            y += 20;
        }
        foreach (var note in notes) y = svg.Paragraph(x, y + 8, note, 12, LegendWidth, "#444444");
        svg.End();
    }

    /// <summary>Maps drawing units into the plot box (uniform scale, centred).</summary>
    private sealed record Fit(double Scale, double Dx, double Dy)
    {
        public static Fit Into(Box plot, double minX, double minY, double maxX, double maxY)
        {
            var scale = Math.Min(plot.Width / Math.Max(1, maxX - minX), plot.Height / Math.Max(1, maxY - minY));
            return new Fit(scale, plot.X + (plot.Width - scale * (maxX - minX)) / 2 - scale * minX, plot.Y + (plot.Height - scale * (maxY - minY)) / 2 - scale * minY);
        }

        public (double X, double Y) At(Point p) => (Dx + Scale * p.X, Dy + Scale * p.Y);
    }

    private static string Tooltip(ViewExpert e) =>
        $"{e.Name}: {e.Activity} stance(s){(e.Community > 0 ? $", group {e.Community}" : "")}; " +
        string.Join(", ", e.Scores.Select(s => $"{s.Key} {s.Value.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture)}"));

    private static void Experts(SvgPicture svg, IEnumerable<ViewExpert> experts, Fit fit)
    {
        svg.Group("experts");
        foreach (var e in experts)
        {
            var (x, y) = fit.At(e.Position);
            svg.Circle(x, y, Math.Max(1.2, e.Radius * Math.Min(1.6, fit.Scale)), e.Color, Tooltip(e), "expert-" + e.Id);
        }
        svg.End();
    }

    private static void Labels(SvgPicture svg, IReadOnlyList<PlacedLabel> labels, string @class)
    {
        svg.Group(@class + "s");
        foreach (var l in labels) svg.Text(l.BaselineX, l.BaselineY, l.Text, l.Size, bold: l.Bold, @class: @class);
        svg.End();
    }

    public static string AlignmentSvg(AlignmentView view, int width = DefaultWidth)
    {
        var unplaced = view.Unplaced.Count == 0 ? [] : new[]
        {
            $"Not placed, no recorded stance ({view.Unplaced.Count}): " + string.Join(", ", view.Unplaced.Take(40).Select(u => u.Name)) + (view.Unplaced.Count > 40 ? ", …" : "."),
        };
        string[] notes = ["Size: number of stances. Position: supporting a paradigm's claims pulls towards its corner, opposing them towards the opposite side.", .. unplaced];
        var (svg, plot, legendY) = Page(view.Header, width, 760, w => LegendHeight(view.CommunityLegend, notes, w));
        var r = view.Radius;
        var extent = view.Experts.Select(e => Math.Max(Math.Abs(e.Position.X), Math.Abs(e.Position.Y)) + e.Radius).DefaultIfEmpty(0).Max();
        var bound = Math.Max(r * 1.18, extent + 10);
        var fit = Fit.Into(plot, -bound, -bound, bound, bound);

        svg.Group("frame");
        var corners = view.Paradigms.SelectMany(p => new[] { p.For, p.Against }).Select(fit.At)
            .OrderBy(p => Math.Atan2(p.Y - fit.At(new Point(0, 0)).Y, p.X - fit.At(new Point(0, 0)).X)).ToList();
        svg.Polygon(corners, "none", "#cccccc", "4 4");
        svg.Polygon(view.Paradigms.Select(p => fit.At(p.For)), "#f4f4f2", "#bbbbbb");
        foreach (var p in view.Paradigms)
        {
            var (x, y) = fit.At(p.For);
            svg.Circle(x, y, view.RegionRadius * fit.Scale, p.Color, $"{p.Name}: experts here support its claims", "region-" + p.ParadigmId, p.Color, "3 3", "0.08");
        }
        var (cx, cy) = fit.At(new Point(0, 0));
        svg.Line(cx - 5, cy, cx + 5, cy, "#999999", 1);
        svg.Line(cx, cy - 5, cx, cy + 5, "#999999", 1);
        svg.End();

        // Paradigm names first: they are obstacles every expert label must avoid.
        var fixedLabels = new List<PlacedLabel>();
        foreach (var p in view.Paradigms)
        {
            foreach (var (point, text, bold) in new[] { (p.For, $"supports {p.Name}", true), (p.Against, $"opposes {p.Name}", false) })
            {
                var (x, y) = fit.At(point);
                var w = TextMeasure.Width(text, 13, bold);
                var h = 1.25 * 13;
                // Outside the frame: above a top point, below a bottom one, beside the others.
                var bx = Math.Clamp(x - w / 2 + (x - cx) * 0.08, plot.X, plot.Right - w);
                var by = y < cy - 10 ? y - h - 6 : y > cy + 10 ? y + 6 : y - h / 2;
                fixedLabels.Add(new PlacedLabel(text, new Box(bx, by, w, h), 13, bold));
            }
        }
        svg.Group("paradigm-labels");
        foreach (var l in fixedLabels) svg.Text(l.BaselineX, l.BaselineY, l.Text, l.Size, bold: l.Bold, @class: "label", italic: !l.Bold);
        svg.End();
        svg.Text(cx + 8, cy + 16, "no leaning", 11, "#888888", @class: "label");

        Experts(svg, view.Experts, fit);
        var labels = LabelPlacer.Place(view.Experts.Select(e =>
            {
                var (x, y) = fit.At(e.Position);
                return new LabelCandidate(e.Name, x, y, e.Radius * Math.Min(1.6, fit.Scale), LabelSize, e.Activity);
            }),
            fixedLabels.Select(l => l.Box).Append(new Box(cx + 8, cy + 4, TextMeasure.Width("no leaning", 11), 14)), plot);
        Labels(svg, labels, "label");
        Legend(svg, plot.Right + Margin, legendY, "Colour: group (community)", view.CommunityLegend, notes);
        return svg.Finish();
    }

    public static string CommunitiesSvg(CommunityView view, int width = DefaultWidth)
    {
        string[] notes =
        [
            view.Modularity, view.ParadigmMatch, "Dashed lines: claims two groups take opposite sides on.",
            .. view.Unclustered.Count == 0 ? Array.Empty<string>() : [$"In no group, sharing no claim with anyone ({view.Unclustered.Count}): " +
                string.Join(", ", view.Unclustered.Take(40).Select(u => u.Name)) + (view.Unclustered.Count > 40 ? ", …" : ".")],
        ];
        var (svg, plot, legendY) = Page(view.Header, width, 760, w => LegendHeight(view.Legend, notes, w));
        double minX = view.Groups.Select(g => g.Center.X - Math.Max(g.Radius, 125)).DefaultIfEmpty(0).Min(), maxX = view.Groups.Select(g => g.Center.X + Math.Max(g.Radius, 125)).DefaultIfEmpty(1).Max();
        double minY = view.Groups.Select(g => g.Center.Y - g.Radius - 75).DefaultIfEmpty(0).Min(), maxY = view.Groups.Select(g => g.Center.Y + g.Radius + 75).DefaultIfEmpty(1).Max();
        var fit = Fit.Into(plot, minX, minY, maxX, maxY);
        var byNumber = view.Groups.ToDictionary(g => g.Number);

        svg.Group("groups");
        foreach (var g in view.Groups)
        {
            var (x, y) = fit.At(g.Center);
            svg.Circle(x, y, g.Radius * fit.Scale, g.Color, g.Caption, "group-" + g.Number, "#999999", null, "0.06");
        }
        svg.End();
        var obstacles = new List<Box>();
        svg.Group("fault-lines");
        var faultLabels = new List<PlacedLabel>();
        foreach (var f in view.FaultLines)
        {
            var (a, b) = (byNumber[f.GroupA], byNumber[f.GroupB]);
            var (ax, ay) = fit.At(a.Center);
            var (bx, by) = fit.At(b.Center);
            var d = Math.Max(1, Math.Sqrt((bx - ax) * (bx - ax) + (by - ay) * (by - ay)));
            var (ux, uy) = ((bx - ax) / d, (by - ay) / d);
            var (ra, rb) = (a.Radius * fit.Scale, b.Radius * fit.Scale);
            svg.Line(ax + ux * ra, ay + uy * ra, bx - ux * rb, by - uy * rb, ViewPalette.FaultLine, 1.5, "6 4", $"“{f.Text}”: {f.Phrase}");
            var text = $"“{f.ShortText}”";
            var w = TextMeasure.Width(text, LabelSize);
            var box = new Box((ax + ux * ra + bx - ux * rb) / 2 - w / 2, (ay + uy * ra + by - uy * rb) / 2 - 9, w, 1.25 * LabelSize);
            if (box.Inside(plot) && !faultLabels.Any(l => l.Box.Overlaps(box))) faultLabels.Add(new PlacedLabel(text, box, LabelSize, false));
        }
        svg.End();

        // Captions under their groups, wrapped to the group's width; a caption that would collide shrinks to its first line.
        svg.Group("captions");
        foreach (var g in view.Groups)
        {
            var (x, y) = fit.At(g.Center);
            var lines = TextMeasure.Wrap(g.ShortCaption, LabelSize, 230);
            var above = view.Groups.Count <= CommunityView.RingLimit && g.Center.Y < -1;
            var top = above ? y - g.Radius * fit.Scale - 4 - lines.Count * LabelSize * 1.35 : y + g.Radius * fit.Scale + 4;
            var boxes = lines.Select((l, i) => new Box(x - TextMeasure.Width(l, LabelSize) / 2, top + i * LabelSize * 1.35, TextMeasure.Width(l, LabelSize), 1.25 * LabelSize)).ToList();
            if (boxes.Any(b => !b.Inside(plot) || obstacles.Any(o => o.Overlaps(b)))) boxes = boxes.Take(1).ToList();
            if (boxes.Count == 0 || !boxes[0].Inside(plot) || obstacles.Any(o => o.Overlaps(boxes[0]))) continue;
            for (var i = 0; i < boxes.Count; i++)
            {
                var text = boxes.Count == lines.Count ? lines[i] : g.Number == 0 ? $"small groups ({g.Size} experts)" : $"Group {g.Number} ({g.Size})";
                if (boxes.Count != lines.Count) boxes[i] = boxes[i] with { X = x - TextMeasure.Width(text, LabelSize, true) / 2, Width = TextMeasure.Width(text, LabelSize, true) };
                svg.Text(boxes[i].X, boxes[i].Y + 0.95 * LabelSize, text, LabelSize, bold: i == 0, @class: "label");
                obstacles.Add(boxes[i]);
            }
        }
        svg.End();
        var freeFaults = faultLabels.Where(l => !obstacles.Any(o => o.Overlaps(l.Box))).ToList();
        Labels(svg, freeFaults, "label");
        obstacles.AddRange(freeFaults.Select(l => l.Box));

        Experts(svg, view.Experts, fit);
        var labels = LabelPlacer.Place(view.Experts.Select(e =>
            {
                var (x, y) = fit.At(e.Position);
                return new LabelCandidate(e.Name, x, y, e.Radius * Math.Min(1.6, fit.Scale), LabelSize, e.Activity);
            }), obstacles, plot);
        Labels(svg, labels, "label");
        Legend(svg, plot.Right + Margin, legendY, "Colour: group", view.Legend, notes);
        return svg.Finish();
    }

    /// <summary>The diverging scale of the matrix: purple for agreement, white for none, orange-brown for disagreement.</summary>
    public static string MatrixColor(double score, double max)
    {
        var t = max <= 0 ? 0 : Math.Clamp(score / max, -1, 1);
        var (r, g, b) = t >= 0 ? Mix((255, 255, 255), (0x5E, 0x3C, 0x99), Math.Sqrt(t)) : Mix((255, 255, 255), (0xB3, 0x58, 0x06), Math.Sqrt(-t));
        return $"#{r:X2}{g:X2}{b:X2}";

        static (int, int, int) Mix((int R, int G, int B) a, (int R, int G, int B) b, double t) =>
            ((int)Math.Round(a.R + (b.R - a.R) * t), (int)Math.Round(a.G + (b.G - a.G) * t), (int)Math.Round(a.B + (b.B - a.B) * t));
    }

    public static string MatrixSvg(MatrixView view, int width = DefaultWidth)
    {
        var scale = new[] { -1.0, -0.5, 0, 0.5, 1.0 }.Select(t => new LegendEntry($"s{t}", t switch
        {
            < 0 => $"{(t * view.MaxAbsScore).ToString("0.##", CultureInfo.InvariantCulture)}: disagree more",
            > 0 => $"+{(t * view.MaxAbsScore).ToString("0.##", CultureInfo.InvariantCulture)}: agree more",
            _ => "0 or no shared claim",
        }, MatrixColor(t * view.MaxAbsScore, view.MaxAbsScore))).ToList();
        var groups = view.Blocks.Select(b => b.Community).Distinct().Select(c => new LegendEntry($"group-{c}", $"group {c}", ViewPalette.Community(c))).ToList();
        string[] notes =
        [
            $"Cell colour: {view.ScoreName}, normalized congruence minus normalized conflict of the two experts.",
            $"Bands: groups ({string.Join(", ", groups.Take(10).Select(g => g.Label))}{(groups.Count > 10 ? ", …" : "")}).",
            .. view.Unmatched.Count == 0 ? Array.Empty<string>() : [$"Not in the matrix, sharing no claim with anyone: {view.Unmatched.Count} expert(s)."],
        ];
        var (svg, plot, legendY) = Page(view.Header, width, 760, w => LegendHeight(scale, notes, w));
        var n = Math.Max(1, view.Experts.Count);
        var names = n <= 120;
        var labelWidth = names ? Math.Min(220, view.Experts.Select(e => TextMeasure.Width(e.Name, LabelSize)).DefaultIfEmpty(0).Max() + 8) : 0;
        var side = Math.Min(plot.Width - labelWidth - 16, plot.Height - 16);
        var cell = side / n;
        var showNames = names && cell >= LabelSize * 1.15;
        var left = plot.X + (showNames ? labelWidth : 0) + 12;
        var top = plot.Y + 12;

        svg.Group("bands");
        foreach (var b in view.Blocks)
        {
            svg.Rect(left + b.Start * cell, top - 10, (b.End - b.Start) * cell, 8, b.Color, title: $"group {b.Community}");
            svg.Rect(left - 10, top + b.Start * cell, 8, (b.End - b.Start) * cell, b.Color, title: $"group {b.Community}");
        }
        svg.End();
        svg.Group("cells");
        svg.Rect(left, top, side, side, "#ffffff", "#dddddd");
        if (n <= 300)
        {
            foreach (var c in view.Cells)
            {
                var (i, j) = ((int)c[0], (int)c[1]);
                var title = $"{view.Experts[i].Name} and {view.Experts[j].Name}: {view.ScoreName} {c[2].ToString("+0.###;-0.###;0", CultureInfo.InvariantCulture)} ({c[3]} agreed, {c[4]} disputed)";
                var color = MatrixColor(c[2], view.MaxAbsScore);
                svg.Rect(left + j * cell, top + i * cell, cell, cell, color, title: title);
                svg.Rect(left + i * cell, top + j * cell, cell, cell, color);
            }
        }
        else
        {
            // Too many cells for one rectangle each: average them into at most 600 x 600 bins.
            var bins = (int)Math.Min(600, Math.Ceiling(side));
            var sum = new Dictionary<(int, int), (double Sum, int Count)>();
            foreach (var c in view.Cells)
                foreach (var (i, j) in new[] { ((int)c[0], (int)c[1]), ((int)c[1], (int)c[0]) })
                {
                    var key = (i * bins / n, j * bins / n);
                    var (s, k) = sum.GetValueOrDefault(key);
                    sum[key] = (s + c[2], k + 1);
                }
            var size = side / bins;
            foreach (var ((bi, bj), (s, k)) in sum) svg.Rect(left + bj * size, top + bi * size, size, size, MatrixColor(s / k, view.MaxAbsScore));
        }
        svg.End();
        svg.Group("block-frames");
        foreach (var b in view.Blocks.Where(b => (b.End - b.Start) * cell >= 3))
            svg.Rect(left + b.Start * cell, top + b.Start * cell, (b.End - b.Start) * cell, (b.End - b.Start) * cell, "none", "#333333", 1);
        svg.End();
        if (showNames)
        {
            svg.Group("labels");
            for (var i = 0; i < view.Experts.Count; i++)
                svg.Text(left - 14, top + i * cell + cell / 2 + 0.35 * LabelSize, view.Experts[i].Name, LabelSize, anchor: "end", @class: "label");
            svg.End();
        }
        Legend(svg, plot.Right + Margin, legendY, $"Colour: {view.ScoreName}", scale, notes);
        return svg.Finish();
    }

    /// <summary>The SVG rendered as PNG, <paramref name="width"/> pixels wide (height in proportion).</summary>
    public static byte[] Png(string svgText, int width)
    {
        if (width is < 100 or > 10000) throw new ArgumentOutOfRangeException(nameof(width), width, "A PNG is between 100 and 10000 pixels wide.");
        using var svg = new Svg.Skia.SKSvg();
        using (var input = new MemoryStream(Encoding.UTF8.GetBytes(svgText))) svg.Load(input);
        var picture = svg.Picture ?? throw new InvalidOperationException("The SVG export could not be rendered.");
        var scale = width / picture.CullRect.Width;
        using var bitmap = new SKBitmap(width, (int)Math.Ceiling(picture.CullRect.Height * scale));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);
        canvas.DrawPicture(picture);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static string Q(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>
    /// Graphviz DOT of the alignment view: every node pinned at its computed position (points, y up) with its size
    /// (inches, fixedsize), so `neato -n2 -Tpng` draws the same picture instead of laying it out again.
    /// </summary>
    public static string AlignmentDot(AlignmentView view)
    {
        var sb = Header("paradigm_alignment", view.Header);
        foreach (var p in view.Paradigms)
        {
            sb.AppendLine($"  {Q("supports:" + p.ParadigmId)} [shape=plaintext, fixedsize=false, label={Q("supports " + p.Name)}, fontsize=13, pos={Q(Pos(p.For))}, width=0.1, height=0.1];");
            sb.AppendLine($"  {Q("opposes:" + p.ParadigmId)} [shape=plaintext, fixedsize=false, label={Q("opposes " + p.Name)}, fontsize=12, fontcolor=\"#666666\", pos={Q(Pos(p.Against))}, width=0.1, height=0.1];");
        }
        foreach (var e in view.Experts) sb.AppendLine(Node(e));
        sb.AppendLine("}");
        return sb.ToString();
    }

    public static string CommunitiesDot(CommunityView view)
    {
        var sb = Header("communities", view.Header);
        foreach (var g in view.Groups)
            sb.AppendLine($"  {Q("group:" + g.Number)} [shape=circle, style=dashed, color=\"#999999\", label=\"\", xlabel={Q($"Group {g.Number} ({g.Size})")}, " +
                          $"pos={Q(Pos(g.Center))}, width={F(2 * g.Radius / 72)}, height={F(2 * g.Radius / 72)}];");
        foreach (var e in view.Experts) sb.AppendLine(Node(e));
        foreach (var f in view.FaultLines)
            sb.AppendLine($"  {Q("group:" + f.GroupA)} -- {Q("group:" + f.GroupB)} [style=dashed, color={Q(ViewPalette.FaultLine)}, label={Q(f.ShortText)}, fontsize=11];");
        sb.AppendLine("}");
        return sb.ToString();
    }

    private static StringBuilder Header(string name, ViewHeader header)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"// {header.Title}. {header.Caption}");
        sb.AppendLine("// Positions are fixed (pos with '!'): render with neato -n2 -Tpng (or -Tsvg).");
        sb.AppendLine($"graph {name} {{");
        sb.AppendLine($"  graph [label={Q(header.Title)}, labelloc=t, fontsize=16, outputorder=edgesfirst];");
        sb.AppendLine("  node [fontname=\"DejaVu Sans\", fontsize=10, fixedsize=true];");
        return sb;
    }

    // DOT positions are in points with y upwards; the views' units are pixels with y downwards.
    private static string Pos(Point p) => $"{F(p.X)},{F(-p.Y)}!";

    private static string Node(ViewExpert e) =>
        $"  {Q(e.Id)} [shape=circle, style=filled, fillcolor={Q(e.Color)}, color=\"#ffffff\", label=\"\", tooltip={Q(Tooltip(e))}, " +
        $"pos={Q(Pos(e.Position))}, width={F(2 * e.Radius / 72)}, height={F(2 * e.Radius / 72)}];";

    /// <summary>
    /// The drawn experts and their signed ties as a network for Gephi and networkx: node positions, sizes and colours
    /// from the view, edge weight = the signed agreement score (negative: they disagree more).
    /// </summary>
    public static ExportNetwork Network(string name, ViewHeader header, IReadOnlyList<ViewExpert> experts, MatrixView matrix)
    {
        var drawn = experts.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var paradigms = experts.SelectMany(e => e.Scores.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var nodes = experts.Select(e =>
        {
            var attributes = new Dictionary<string, object?> { ["community"] = (long)e.Community, ["stances"] = (long)e.Activity, ["paradigm"] = e.Dominant };
            foreach (var p in paradigms) attributes["score_" + p] = e.Scores.GetValueOrDefault(p);
            return new ExportNode(e.Id, e.Name, attributes, new NodeLook(e.Position.X, e.Position.Y, 2 * e.Radius, e.Color));
        }).ToList();
        var edges = matrix.Cells
            .Select(c => (A: matrix.Experts[(int)c[0]].Id, B: matrix.Experts[(int)c[1]].Id, Cell: c))
            .Where(x => drawn.Contains(x.A) && drawn.Contains(x.B))
            .Select(x => new ExportEdge(x.A, x.B, x.Cell[2], new Dictionary<string, object?>
            {
                ["agreements"] = (long)x.Cell[3],
                ["disagreements"] = (long)x.Cell[4],
                ["sign"] = (long)Math.Sign(x.Cell[3] - x.Cell[4]),
            })).ToList();
        return new ExportNetwork(name,
            [new("community", AttributeType.Integer), new("stances", AttributeType.Integer), new("paradigm", AttributeType.String),
             .. paradigms.Select(p => new AttributeDefinition("score_" + p, AttributeType.Double))],
            [new("agreements", AttributeType.Integer), new("disagreements", AttributeType.Integer), new("sign", AttributeType.Integer)],
            nodes, edges, $"{header.Title}. {header.Caption} Edge weight: {matrix.ScoreName}.");
    }
}
