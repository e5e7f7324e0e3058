using System.Reflection;

namespace Graph.Web;

/// <summary>The web view's files, embedded in this assembly at build time (see Graph.Web.csproj).</summary>
public static class WebAssets
{
    private static readonly Assembly Assembly = typeof(WebAssets).Assembly;

    /// <summary>Names as served: "static/app.js", "lib/cytoscape.min.js", ...</summary>
    public static IReadOnlyList<string> Names { get; } =
        Assembly.GetManifestResourceNames().Where(n => n.StartsWith("web/", StringComparison.Ordinal)).Select(n => n["web/".Length..]).ToArray();

    public static bool Exists(string name) => Names.Contains(name);

    public static byte[]? Read(string name)
    {
        using var stream = Assembly.GetManifestResourceStream("web/" + name);
        if (stream is null) return null;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static string ReadText(string name) =>
        Read(name) is { } bytes
            ? System.Text.Encoding.UTF8.GetString(bytes)
            : throw new InvalidOperationException($"The web asset '{name}' is not embedded: rebuild Graph.Web (its build runs npm ci in src/Graph.Web/web).");

    public static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
