using System.Text;
using Graph.Queries.Export;
using Graph.Web.Views;

namespace Graph.Web.Exports;

/// <summary>One exported file: its bytes, media type and a file name.</summary>
public sealed record ExportFile(byte[] Content, string ContentType, string FileName)
{
    /// <summary>Views that export: alignment, communities, matrix.</summary>
    public static readonly IReadOnlyList<string> Views = ["alignment", "communities", "matrix"];

    /// <summary>Formats by file extension.</summary>
    public static readonly IReadOnlyList<string> Formats = ["svg", "png", "dot", "gexf", "graphml"];

    /// <summary>The expert–claim network (graph export --network two-mode), in <see cref="TwoModeFormats"/>.</summary>
    public const string TwoModeView = "two-mode";

    public static readonly IReadOnlyList<string> TwoModeFormats = ["gexf", "graphml", "csv"];

    /// <summary>
    /// Exports <paramref name="view"/> as <paramref name="format"/> (a file extension). DOT, GEXF and GraphML are
    /// for the node-link views (alignment, communities); the matrix exports as SVG and PNG; the two-mode network
    /// (<see cref="TwoModeView"/>) as GEXF, GraphML or CSV, the very file `graph export --network two-mode` writes.
    /// </summary>
    public static async Task<ExportFile> CreateAsync(WebApi api, string view, string format, int width = ViewExports.DefaultWidth, string gexfVersion = "1.2", CancellationToken ct = default)
    {
        view = view.ToLowerInvariant();
        format = format.ToLowerInvariant().TrimStart('.');
        if (gexfVersion is not ("1.2" or "1.3")) throw new WebApiException(400, $"GEXF version '{gexfVersion}': use 1.2 (1.2draft) or 1.3.");
        if (view == TwoModeView)
        {
            if (!TwoModeFormats.Contains(format)) throw new WebApiException(400, $"The two-mode network exports as {string.Join(", ", TwoModeFormats)}, not '{format}'.");
            return Network(await api.TwoModeAsync(ct), format, gexfVersion, $"debate-{view}.{format}");
        }
        if (!Views.Contains(view)) throw new WebApiException(400, $"Unknown view '{view}': use {string.Join(", ", Views)}.");
        if (!Formats.Contains(format)) throw new WebApiException(400, $"Unknown export format '{format}': use {string.Join(", ", Formats)}.");
        if (view == "matrix" && format is "dot" or "gexf" or "graphml")
            throw new WebApiException(400, $"The matrix exports as svg or png; for its network use the alignment or communities view as {format} (same experts and signed ties).");
        if (width is < 100 or > 10000) throw new WebApiException(400, $"width {width} is out of range: use 100 to 10000 pixels.");
        var name = $"debate-{view}.{format}";

        string svg;
        if (view == "matrix")
        {
            svg = ViewExports.MatrixSvg(await api.MatrixAsync(ct), width);
        }
        else
        {
            // The two node-link views export the same way: their drawn experts, with the signed ties of the matrix.
            (ViewHeader Header, IReadOnlyList<ViewExpert> Experts, Func<string> Dot, Func<string> Svg) drawing;
            if (view == "alignment")
            {
                var a = await api.AlignmentAsync(ct);
                drawing = (a.Header, a.Experts, () => ViewExports.AlignmentDot(a), () => ViewExports.AlignmentSvg(a, width));
            }
            else
            {
                var c = await api.CommunitiesAsync(ct);
                drawing = (c.Header, c.Experts, () => ViewExports.CommunitiesDot(c), () => ViewExports.CommunitiesSvg(c, width));
            }
            var (header, experts, dot, picture) = drawing;
            if (format is "gexf" or "graphml") return Network(ViewExports.Network(view, header, experts, await api.MatrixAsync(ct)), format, gexfVersion, name);
            if (format == "dot") return Text(dot(), "text/vnd.graphviz", name);
            svg = picture();
        }
        return format == "png"
            ? new ExportFile(ViewExports.Png(svg, width), "image/png", name)
            : Text(svg, "image/svg+xml", name);
    }

    private static ExportFile Text(string text, string type, string name) => new(new UTF8Encoding(false).GetBytes(text), type + "; charset=utf-8", name);

    private static ExportFile Network(ExportNetwork network, string format, string gexfVersion, string name)
    {
        using var stream = new MemoryStream();
        NetworkWriters.Write(network, format switch { "graphml" => ExportFormat.GraphMl, "csv" => ExportFormat.Csv, _ => gexfVersion == "1.3" ? ExportFormat.Gexf13 : ExportFormat.Gexf }, stream);
        return new ExportFile(stream.ToArray(), format == "csv" ? "text/csv; charset=utf-8" : "application/xml; charset=utf-8", name);
    }
}
