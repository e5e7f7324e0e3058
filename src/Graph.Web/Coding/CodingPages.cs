using System.Collections.Concurrent;
using System.Text;

namespace Graph.Web.Coding;

/// <summary>
/// The Code and Review pages as served: their HTML with what they share put in place of its markers, one copy of
/// each: the head's metadata and stylesheets (static/coding-head.html) and the page header (static/coding-header.html),
/// the page's own link marked as the current one.
/// </summary>
public static class CodingPages
{
    public static readonly IReadOnlyList<string> Pages = ["code", "review"];

    private const string HeadMarker = "<!-- coding head: static/coding-head.html, put in by Graph.Web.Coding.CodingPages -->";
    private const string Marker = "<!-- coding header: static/coding-header.html, put in by Graph.Web.Coding.CodingPages -->";
    private static readonly ConcurrentDictionary<string, byte[]> Rendered = new(StringComparer.Ordinal);

    /// <summary>The page's HTML (<paramref name="page"/>: "code" or "review"), rendered once per process.</summary>
    public static byte[] Render(string page) => Rendered.GetOrAdd(page, p =>
    {
        if (!Pages.Contains(p)) throw new ArgumentException($"no coding page '{p}'; the pages are {string.Join(", ", Pages)}", nameof(page));
        var html = WebAssets.ReadText($"static/{p}.html");
        foreach (var marker in new[] { HeadMarker, Marker })
            if (!html.Contains(marker, StringComparison.Ordinal)) throw new InvalidOperationException($"static/{p}.html lacks the marker {marker}");
        var header = WebAssets.ReadText("static/coding-header.html")
            .Replace($"data-page=\"{p}\"", $"data-page=\"{p}\" class=\"active\" aria-current=\"page\"", StringComparison.Ordinal);
        var head = WebAssets.ReadText("static/coding-head.html");
        return Encoding.UTF8.GetBytes(html.Replace(HeadMarker, head.TrimEnd('\n'), StringComparison.Ordinal).Replace(Marker, header.TrimEnd('\n'), StringComparison.Ordinal));
    });
}
