using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Graph.Neo4j.Tests;

/// <summary>A request as the scripted server received it.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : "";
}

/// <summary>A canned answer: the documented Neo4j response bodies, statuses and headers.</summary>
internal sealed record ScriptedReply(int Status, string Body, string ContentType = "application/vnd.neo4j.query",
    IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default);

/// <summary>
/// A real HTTP server on 127.0.0.1 that answers with scripted Neo4j responses, in order. It lets
/// the connector meet behaviour our own server never shows (errors inside a 202 body, transient
/// errors, slow answers) exactly as Neo4j documents it.
/// </summary>
internal sealed class ScriptedNeo4j : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedReply> _replies = new();

    private ScriptedNeo4j(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public Uri Uri { get; private set; } = null!;

    public static async Task<ScriptedNeo4j> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ScriptedNeo4j(app);
        app.Run(server.AnswerAsync);
        await app.StartAsync();
        server.Uri = new Uri(app.Urls.First());
        return server;
    }

    public ScriptedNeo4j Reply(int status, string body, string contentType = "application/vnd.neo4j.query",
        IReadOnlyDictionary<string, string>? headers = null, TimeSpan delay = default)
    {
        _replies.Enqueue(new ScriptedReply(status, body, contentType, headers, delay));
        return this;
    }

    public ScriptedNeo4j ReplyFixture(int status, string fixture, string contentType = "application/vnd.neo4j.query",
        IReadOnlyDictionary<string, string>? headers = null) =>
        Reply(status, File.ReadAllText(Fixtures.Path(fixture)), contentType, headers);

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        Requests.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body));
        if (!_replies.TryDequeue(out var reply))
        {
            context.Response.StatusCode = 599;
            return;
        }
        if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, context.RequestAborted);
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        await context.Response.WriteAsync(reply.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
