using System.Text.Json;
using Graph.Client;
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
    /// </summary>
    public static IEndpointRouteBuilder MapWebView(this IEndpointRouteBuilder app, IDriver driver)
    {
        app.MapGet("/static/{*file}", (string file) => Asset("static/" + file));
        app.MapGet("/lib/{*file}", (string file) => Asset("lib/" + file));

        var api = app.MapGroup("/api");
        api.MapGet("/map", (int? seed, CancellationToken ct) => Answer(async () => (object)await new WebApi(driver).MapAsync(seed ?? MapLayout.DefaultSeed, ct)));
        api.MapGet("/experts", (CancellationToken ct) => Answer(() => new WebApi(driver).ExpertsAsync(ct)));
        api.MapGet("/experts/{id}", (string id, CancellationToken ct) => Answer(() => new WebApi(driver).ExpertAsync(id, ct)));
        api.MapGet("/claims", (CancellationToken ct) => Answer(() => new WebApi(driver).ClaimsAsync(ct)));
        api.MapGet("/claims/{id}", (string id, CancellationToken ct) => Answer(() => new WebApi(driver).ClaimAsync(id, ct)));
        api.MapGet("/path", (string? from, string? to, string? kind, int? k, CancellationToken ct) =>
            Answer(() => new WebApi(driver).PathAsync(from, to, kind, k ?? 1, ct)));
        api.MapGet("/search", (string? q, CancellationToken ct) => Answer(() => new WebApi(driver).SearchAsync(q, ct)));
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
