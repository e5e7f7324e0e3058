using System.Text.Json;
using System.Text.Json.Serialization;
using Graph.Client;
using Graph.Ingestion.Coding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Path = System.IO.Path;

namespace Graph.Web.Coding;

/// <summary>
/// The Code page (/code) and its endpoints under /api/coding. Reading is open to every user the server lets in;
/// every write checks <see cref="WebUser.CanWrite"/> here, on the server, whatever the page shows. Bodies are JSON
/// (Content-Type: application/json, which a cross-site form cannot send) with no unknown fields.
/// </summary>
public static class CodingEndpoints
{
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <param name="dataDirectory">The graph-data directory the store was loaded from; null: the page says how to enable coding.</param>
    public static IEndpointRouteBuilder MapCoding(this IEndpointRouteBuilder app, IDriver driver, string? dataDirectory)
    {
        var api = dataDirectory is null ? null : new CodingApi(driver, dataDirectory, new CodingWorkspace(driver, dataDirectory));
        var registry = dataDirectory is null ? null : new RegistryEntries(Path.GetFullPath(dataDirectory));
        CodingApi Api() => api ?? throw new WebApiException(404,
            "Coding is off: start graph serve with --data <graph-data directory> (the directory the store was loaded from).");

        foreach (var page in CodingPages.Pages)
            app.MapGet("/" + page, () => Results.Bytes(CodingPages.Render(page), WebAssets.ContentType(page + ".html")));
        var coding = app.MapGroup("/api/coding");
        coding.MapGet("/me", (HttpContext context) =>
        {
            var user = WebUser.Of(context);
            return Results.Json(new { user = user.Name, coder = user.Coder, canWrite = user.CanWrite, enabled = api is not null }, WebEndpoints.Json);
        });
        coding.MapGet("/documents", () => Answer(() => Api().Documents()));
        coding.MapGet("/documents/{id}", (string id) => Answer(() => Api().Document(id)));
        coding.MapGet("/experts", (string? q) => Answer(() => Api().Experts(q)));
        coding.MapPost("/experts", (HttpContext context, CancellationToken ct) =>
            AnswerAsync(async () => { Api(); return await registry!.AddExpertAsync(await BodyAsync<ExpertInput>(context, ct), ct); }, 201));
        coding.MapPost("/claims", (HttpContext context, CancellationToken ct) =>
            AnswerAsync(async () => { Api(); return await registry!.AddClaimAsync(await BodyAsync<ClaimInput>(context, ct), ct); }, 201));
        coding.MapPost("/documents/{id}/stances", (string id, HttpContext context, CancellationToken ct) =>
            AnswerAsync(async () => await Api().AddAsync(id, await BodyAsync<StanceInput>(context, ct), WebUser.Of(context), ct), 201));
        coding.MapPut("/documents/{id}/stances/{expert}/{claim}", (string id, string expert, string claim, HttpContext context, CancellationToken ct) =>
            AnswerAsync(async () => await Api().UpdateAsync(id, expert, claim, await BodyAsync<StanceInput>(context, ct), WebUser.Of(context), ct)));
        coding.MapDelete("/documents/{id}/stances/{expert}/{claim}", (string id, string expert, string claim, string? version, HttpContext context, CancellationToken ct) =>
            AnswerAsync(() => Api().DeleteAsync(id, expert, claim, version, WebUser.Of(context), ct)));
        coding.MapGet("/documents/{id}/agreement", (string id) => Answer(() => Api().Agreement(id)));
        coding.MapPost("/documents/{id}/reviews", (string id, HttpContext context, CancellationToken ct) =>
            AnswerAsync(async () => await Api().ReviewAsync(id, await BodyAsync<ReviewInput>(context, ct), WebUser.Of(context), ct)));
        return app;
    }

    private static async Task<T> BodyAsync<T>(HttpContext context, CancellationToken ct) where T : class
    {
        if (!WebUser.Of(context).CanWrite)
            throw new WebApiException(403, $"'{WebUser.Of(context).Name}' is a reader: readers may look at codings but not change them. Sign in as an editor to code.");
        if (context.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new WebApiException(400, "Send the body as JSON with Content-Type: application/json.");
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Strict, ct)
                   ?? throw new WebApiException(400, $"The body is JSON null; send an object with the fields {Fields<T>()}.");
        }
        catch (JsonException e)
        {
            var at = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" + (e.Path is { Length: > 1 } path ? $" ({path})" : "") : "";
            throw new WebApiException(400, $"The body is not {Noun<T>()}{at}: {FirstSentence(e.Message)} Fields: {Fields<T>()}.");
        }
    }

    private static string Noun<T>() => typeof(T) == typeof(StanceInput) ? "a stance" : typeof(T) == typeof(ExpertInput) ? "an expert" : typeof(T) == typeof(ReviewInput) ? "a review" : "a claim";

    private static string Fields<T>() => string.Join(", ", typeof(T).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)));

    private static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot < 0 ? message : message[..(dot + 1)];
    }

    private static IResult Answer(Func<object> compute)
    {
        try
        {
            return Results.Json(compute(), WebEndpoints.Json);
        }
        catch (WebApiException e)
        {
            return Results.Json(new { error = e.Message }, WebEndpoints.Json, statusCode: e.Status);
        }
    }

    private static async Task<IResult> AnswerAsync(Func<Task<object>> compute, int status = 200)
    {
        try
        {
            return Results.Json(await compute(), WebEndpoints.Json, statusCode: status);
        }
        catch (WebApiException e)
        {
            return Results.Json(new { error = e.Message }, WebEndpoints.Json, statusCode: e.Status);
        }
    }
}
