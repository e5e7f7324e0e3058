using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Graph.Server.Discovery;

/// <summary>
/// <c>GET /</c> for JSON clients: the discovery document Neo4j serves (where the Query API is, the
/// version it speaks, the auth configuration). Browsers (Accept: text/html) fall through, so that
/// the web view can own <c>GET /</c>. It needs no credentials, so it says nothing about the store (no path, no size).
/// </summary>
internal sealed class DiscoveryMiddleware(RequestDelegate next, ServerOptions options)
{
    /// <summary>The Neo4j Query API version whose behaviour the server follows.</summary>
    public const string CompatibleNeo4jVersion = "5.26.0";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || request.Path != "/" || WantsHtml(request))
        {
            await next(context);
            return;
        }
        var root = $"{request.Scheme}://{request.Host}";
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteString("query", $"{root}/db/{{databaseName}}/query/v2");
        writer.WriteString("transaction", $"{root}/db/{{databaseName}}/query/v2/tx");
        writer.WriteString("neo4j_version", CompatibleNeo4jVersion);
        writer.WriteString("neo4j_edition", "graph-serve");
        writer.WriteStartObject("auth_config");
        writer.WriteStartArray("oidc_providers");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteBoolean("auth_enabled", options.AuthenticationEnabled);
        writer.WriteStartArray("databases");
        foreach (var name in options.DatabaseNames) writer.WriteStringValue(name);
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    private static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.Any(value => value is not null && value.Contains("text/html", StringComparison.OrdinalIgnoreCase));
}
