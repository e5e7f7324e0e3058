using System.Text;
using System.Text.Json;

namespace Graph.Web;

/// <summary>
/// One HTML file with the view's script, styles, the graph library and the answers it needs inlined, so it opens
/// offline in any browser (graph viz). The page runs the same app.js as the server, reading window.GRAPH_SNAPSHOT.
/// </summary>
public static class SelfContainedHtml
{
    /// <param name="responses">API path (as the page requests it) to answer.</param>
    /// <param name="start">The route the page opens on ("#/alignment", "#/expert/x", ...).</param>
    public static string Build(IReadOnlyDictionary<string, object> responses, string start, string title)
    {
        var snapshot = JsonSerializer.Serialize(new { start, responses }, WebEndpoints.Json);
        var index = WebAssets.ReadText("static/index.html");
        var html = new StringBuilder(index)
            .Replace("<title>Graph: who stands where</title>", $"<title>{System.Net.WebUtility.HtmlEncode(title)}</title>")
            .Replace("<link rel=\"stylesheet\" href=\"/static/app.css\">", "<style>\n" + WebAssets.ReadText("static/app.css") + "\n</style>")
            .Replace("<script src=\"/lib/cytoscape.min.js\"></script>", Script(WebAssets.ReadText("lib/cytoscape.min.js")))
            .Replace("<script src=\"/static/app.js\"></script>", Script("window.GRAPH_SNAPSHOT = " + snapshot + ";") + "\n" + Script(WebAssets.ReadText("static/app.js")));
        return html.ToString();
    }

    // "</script" inside an inline script would end it early; "<\/" means the same to JavaScript.
    private static string Script(string code) => "<script>\n" + code.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase) + "\n</script>";
}
