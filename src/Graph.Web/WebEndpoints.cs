using System.Text.Json;
using Graph.Client;
using Graph.Queries.Model;
using Graph.Queries.Settings;
using Graph.Web.Exports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Graph.Web;

/// <summary>Maps the web view (pages, assets) and the query-library endpoints (/api/...) onto a server.</summary>
public static class WebEndpoints
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>True for a browser asking for a page (Accept: text/html), as opposed to a Query API client asking for JSON.</summary>
    public static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    public static IResult Index() => Results.Bytes(WebAssets.Read("static/index.html")!, WebAssets.ContentType("index.html"));

    /// <summary>
    /// Adds /static/*, /lib/* and /api/*. The page itself is served at "/" by the server for browsers
    /// (<see cref="WantsHtml"/>), since "/" also answers the Query API discovery document for JSON clients.
    /// Every answer uses <paramref name="settings"/> (the "Analysis" configuration section): the same numbers as the CLI.
    /// </summary>
    public static IEndpointRouteBuilder MapWebView(this IEndpointRouteBuilder app, IDriver driver, AnalysisSettings? settings = null)
    {
        var analysis = settings ?? AnalysisSettings.Default;
        WebApi Api(TimeWindow? window = null) => new(driver, analysis, window);
        // ?from=yyyy-MM-dd&to=yyyy-MM-dd: the range control; a bad date is a 400 naming the parameter.
        WebApi Windowed(string? from, string? to, string fromName = "from", string toName = "to")
        {
            try
            {
                return Api(TimeWindow.Parse(from, to, fromName, toName));
            }
            catch (TimeWindowException e)
            {
                throw new WebApiException(400, e.Message);
            }
        }
        app.MapGet("/static/{*file}", (string file) => Asset("static/" + file));
        app.MapGet("/lib/{*file}", (string file) => Asset("lib/" + file));

        var api = app.MapGroup("/api");
        api.MapGet("/settings", () => Results.Json(Api().SettingsAnswer(), Json));
        foreach (var view in new[] { "alignment", "communities", "matrix" })
            api.MapGet("/" + view, async (string? from, string? to, CancellationToken ct) =>
            {
                try
                {
                    return Results.Bytes(await Windowed(from, to).ViewJsonAsync(view, ct), "application/json; charset=utf-8");
                }
                catch (WebApiException e)
                {
                    return Results.Json(new { error = e.Message }, Json, statusCode: e.Status);
                }
            });
        api.MapGet("/evolution", (string? window, string? step, string? from, string? to, CancellationToken ct) =>
            Answer(() => Windowed(from, to).EvolutionAsync(window, step, ct)));
        api.MapGet("/network-bound", (string? from, string? to, CancellationToken ct) => Answer(() => Windowed(from, to).NetworkBoundAsync(ct)));
        api.MapGet("/pair", (string? a, string? b, string? from, string? to, CancellationToken ct) => Answer(() => Windowed(from, to).PairAsync(a, b, ct)));
        api.MapGet("/experts", (CancellationToken ct) => Answer(() => Api().ExpertsAsync(ct)));
        api.MapGet("/experts/{id}", (string id, string? from, string? to, CancellationToken ct) => Answer(() => Windowed(from, to).ExpertAsync(id, ct)));
        api.MapGet("/claims", (string? from, string? to, CancellationToken ct) => Answer(() => Windowed(from, to).ClaimsAsync(ct)));
        api.MapGet("/claims/{id}", (string id, string? from, string? to, CancellationToken ct) => Answer(() => Windowed(from, to).ClaimAsync(id, ct)));
        // from/to are the two experts here (as in graph path a b); the dates are since/until.
        api.MapGet("/path", (string? from, string? to, string? kind, int? k, string? since, string? until, CancellationToken ct) =>
            Answer(() => Windowed(since, until, "since", "until").PathAsync(from, to, kind, k ?? 1, ct)));
        api.MapGet("/search", (string? q, CancellationToken ct) => Answer(() => Api().SearchAsync(q, ct)));
        // /api/export/alignment.svg, .png?width=2800, .dot, .gexf?version=1.3, .graphml; communities.*; matrix.svg|png
        api.MapGet("/export/{file}", async (string file, int? width, string? version, string? from, string? to, CancellationToken ct) =>
        {
            var dot = file.LastIndexOf('.');
            if (dot <= 0) return Results.Json(new { error = $"Name a view and a format, e.g. /api/export/alignment.svg (views: {string.Join(", ", ExportFile.Views)}; formats: {string.Join(", ", ExportFile.Formats)}; or {ExportFile.TwoModeView}.{string.Join("|", ExportFile.TwoModeFormats)})." }, Json, statusCode: 400);
            try
            {
                var export = await ExportFile.CreateAsync(Windowed(from, to), file[..dot], file[(dot + 1)..], width ?? ViewExports.DefaultWidth, version ?? "1.2", ct);
                return Results.File(export.Content, export.ContentType, export.FileName);
            }
            catch (WebApiException e)
            {
                return Results.Json(new { error = e.Message }, Json, statusCode: e.Status);
            }
        });
        return app;
    }

    private static IResult Asset(string name) =>
        WebAssets.Read(name) is { } bytes ? Results.Bytes(bytes, WebAssets.ContentType(name)) : Results.NotFound();

    private static async Task<IResult> Answer(Func<Task<object>> compute)
    {
        try
        {
            return Results.Json(await compute(), Json);
        }
        catch (WebApiException e)
        {
            return Results.Json(new { error = e.Message }, Json, statusCode: e.Status);
        }
        catch (GraphException e)
        {
            return Results.Json(new { error = e.Message, code = e.Code }, Json, statusCode: e is ClientException ? 400 : 500);
        }
    }
}
