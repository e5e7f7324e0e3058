using System.Net;
using Graph.Client;
using Graph.Server.Bolt;
using Graph.Server.Discovery;
using Graph.Server.QueryApi;
using Graph.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Graph.Server;

/// <summary>
/// <c>graph serve</c>: a store (any <see cref="IDriver"/>) behind ASP.NET Core's Kestrel, speaking
/// Neo4j's Query API. Everything the server exposes is composed in <see cref="Build"/>.
/// </summary>
public static class GraphServer
{
    /// <summary>Builds the server without starting it. The caller owns <paramref name="driver"/>.</summary>
    public static WebApplication Build(ServerOptions options, IDriver driver, LogLevel minimumLogLevel = LogLevel.Information)
    {
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(GraphServer).Assembly.GetName().Name });
        builder.Logging.SetMinimumLevel(minimumLogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", minimumLogLevel > LogLevel.Warning ? minimumLogLevel : LogLevel.Warning);
        // A failed start (port in use, ...) reaches the caller as an exception with a clear message; the host's own stack-trace log is noise.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            if (options.Host == "localhost") kestrel.ListenLocalhost(options.Port);
            else if (IPAddress.TryParse(options.Host, out var address)) kestrel.Listen(address, options.Port);
            else throw new ArgumentException($"Server:Host '{options.Host}' is not an IP address; use 127.0.0.1, ::1, 0.0.0.0 or localhost.");
        });
        // Kestrel listens where ConfigureKestrel says; ignore ASPNETCORE_URLS and friends.
        builder.WebHost.UseUrls();

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(driver);
        builder.Services.AddSingleton<BasicAuthentication>();
        builder.Services.AddSingleton<TransactionRegistry>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TransactionRegistry>());
        builder.Services.AddSingleton<QueryApiHandler>();
        builder.Services.AddBolt(options, driver);         // Bolt on Server:Bolt:Port (Graph.Bolt)

        var app = builder.Build();

        // The one place where the server's parts are put together.
        app.UseQueryApiStatusBodies();
        app.UseMiddleware<DiscoveryMiddleware>();   // GET / for JSON clients; text/html falls through
        app.MapQueryApi();                          // /db/{database}/query/v2[/tx[/{id}[/commit]]]
        // The web view reads the whole graph: when users are configured it asks for the same Basic credentials
        // (a browser prompts on the WWW-Authenticate challenge). The Query API checks them itself.
        app.UseWhen(context => options.AuthenticationEnabled && !context.Request.Path.StartsWithSegments("/db"), web => web.Use(async (context, next) =>
        {
            try
            {
                context.RequestServices.GetRequiredService<BasicAuthentication>().Authenticate(context.Request);
            }
            catch (QueryApiProblem)
            {
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"graph\", charset=\"UTF-8\"";
                return;
            }
            await next(context);
        }));
        app.MapWebView(driver);                     // /api/* (query library), /static/*, /lib/*
        app.MapGet("/", WebEndpoints.Index);        // the web view's page, for browsers

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            app.Logger.LogInformation("Serving {Store} over the Neo4j Query API at {Address}", driver.Description, string.Join(", ", Addresses(app)));
            if (!options.AuthenticationEnabled)
                app.Logger.LogWarning("No users are configured (Server:Users): authentication is OFF and anyone who can reach {Address} can read and write.",
                    string.Join(", ", Addresses(app)));
        });
        return app;
    }

    /// <summary>Runs the server until <paramref name="cancellationToken"/> is cancelled or the host is asked to stop.</summary>
    public static async Task RunAsync(ServerOptions options, IDriver driver, CancellationToken cancellationToken = default)
    {
        await using var app = Build(options, driver);
        await app.StartAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
        await app.StopAsync(CancellationToken.None);
    }

    /// <summary>The addresses the started server listens on (with the real port when Port was 0).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
