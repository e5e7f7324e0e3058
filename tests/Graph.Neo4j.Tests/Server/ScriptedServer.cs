using Graph.Client;
using Graph.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Graph.Neo4j.Tests.Server;

/// <summary>graph serve on loopback in front of any store (a <see cref="ScriptedDriver"/> here), for one test.</summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedServer(WebApplication app, Uri uri)
    {
        _app = app;
        Uri = uri;
    }

    public Uri Uri { get; }

    public static async Task<ScriptedServer> StartAsync(IDriver driver, ServerOptions options)
    {
        options.Port = 0;
        var app = GraphServer.Build(options, driver, LogLevel.Warning);
        await app.StartAsync();
        return new ScriptedServer(app, new Uri(GraphServer.Addresses(app).Single()));
    }

    public Neo4jDriver Connector(string? user = null, string? password = null) =>
        new(new Neo4jOptions { Uri = Uri, User = user, Password = password, Timeout = TimeSpan.FromSeconds(20), MaxRetries = 0 });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
