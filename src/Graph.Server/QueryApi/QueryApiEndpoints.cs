using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Graph.Server.QueryApi;

public static class QueryApiEndpoints
{
    /// <summary>Maps Neo4j's Query API routes under /db/{database}/query/v2.</summary>
    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/db/{database}/query/v2");
        api.MapPost("", (HttpContext context, string database, QueryApiHandler handler) =>
            handler.AutoCommitAsync(context, database));
        api.MapPost("/tx", (HttpContext context, string database, QueryApiHandler handler) =>
            handler.BeginAsync(context, database));
        api.MapPost("/tx/{id}", (HttpContext context, string database, string id, QueryApiHandler handler) =>
            handler.RunAsync(context, database, id));
        api.MapPost("/tx/{id}/commit", (HttpContext context, string database, string id, QueryApiHandler handler) =>
            handler.CommitAsync(context, database, id));
        api.MapDelete("/tx/{id}", (HttpContext context, string database, string id, QueryApiHandler handler) =>
            handler.RollbackAsync(context, database, id));

        // Anything else under /db gets a Neo4j-style error body rather than an empty 404.
        app.Map("/db/{**rest}", (HttpContext context) =>
            ResponseWriter.WriteErrorAsync(context, 404, Client.Neo4jStatus.InvalidRequest,
                $"No Query API route {context.Request.Method} {context.Request.Path}. " +
                "Routes: POST /db/{database}/query/v2, POST /db/{database}/query/v2/tx, POST .../tx/{id}, POST .../tx/{id}/commit, DELETE .../tx/{id}."));
        return app;
    }

    /// <summary>
    /// Gives framework-generated failures on Query API paths (405 wrong method, ...) the Neo4j error body.
    /// Paths outside /db are left alone (the web view owns them).
    /// </summary>
    public static IApplicationBuilder UseQueryApiStatusBodies(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async status =>
        {
            var context = status.HttpContext;
            if (!context.Request.Path.StartsWithSegments("/db")) return;
            var code = context.Response.StatusCode;
            await ResponseWriter.WriteErrorAsync(context, code, Client.Neo4jStatus.InvalidRequest,
                code == 405
                    ? $"{context.Request.Method} is not allowed on {context.Request.Path}: the Query API takes POST (and DELETE to roll back a transaction)."
                    : $"The request to {context.Request.Path} failed with HTTP {code}.");
        });
}
