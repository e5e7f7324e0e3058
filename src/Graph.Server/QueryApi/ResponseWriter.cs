using System.Text.Encodings.Web;
using System.Text.Json;
using Graph.Client;
using Graph.Neo4j.Wire;
using Microsoft.AspNetCore.Http;

namespace Graph.Server.QueryApi;

/// <summary>Writes Query API bodies in the format the client asked for with its Accept header.</summary>
internal static class ResponseWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Typed JSON when the Accept header names it in any spelling, plain JSON otherwise (the API's default).</summary>
    public static bool WantsTyped(HttpRequest request) =>
        request.Headers.Accept.Any(value => value is not null &&
            value.Split(',').Any(part => MediaTypes.IsTyped(part.Split(';')[0])));

    public static async Task WriteAsync(HttpContext context, int status, QueryResponse body)
    {
        var typed = WantsTyped(context.Request);
        context.Response.StatusCode = status;
        context.Response.ContentType = typed ? MediaTypes.TypedJson : MediaTypes.PlainJson;
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, Options);
        body.WriteTo(writer, typed);
        await writer.FlushAsync(context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, int status, string code, string message) =>
        WriteAsync(context, status, new QueryResponse { Errors = [new QueryApiError(code, message)] });

    public static Task WriteErrorAsync(HttpContext context, GraphException exception) =>
        WriteErrorAsync(context, ErrorMapping.HttpStatusFor(exception.Code), exception.Code, ErrorMapping.ToMessage(exception));

    /// <summary>Starts a 202 body that is written piece by piece (<see cref="StreamedResponse"/>).</summary>
    public static StreamedResponse Stream(HttpContext context)
    {
        var typed = WantsTyped(context.Request);
        context.Response.StatusCode = 202;
        context.Response.ContentType = typed ? MediaTypes.TypedJson : MediaTypes.PlainJson;
        return new StreamedResponse(context, new Utf8JsonWriter(context.Response.BodyWriter, Options), typed);
    }
}
