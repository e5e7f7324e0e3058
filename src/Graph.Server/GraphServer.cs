using System.Net;
using Graph.Client;
using Graph.Queries.Settings;
using Graph.Server.Bolt;
using Graph.Server.Discovery;
using Graph.Server.Policy;
using Graph.Server.QueryApi;
using Graph.Server.WebView;
using Graph.Web;
using Graph.Web.Coding;
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
    /// <param name="options">Validated here: a wrong setting throws <see cref="ArgumentException"/> naming it.</param>
    /// <param name="driver">The store.</param>
    /// <param name="minimumLogLevel">The least severe log entries written.</param>
    /// <param name="time">The clock of transaction expiry, login locks and time limits; tests pass a fake one.</param>
    /// <param name="logging">More logging configuration (tests add a provider that captures the log).</param>
    /// <param name="analysis">The settings every number of the web view is computed with (the "Analysis" section).</param>
    /// <param name="graphData">The graph-data directory the store was loaded from: the web view's Code page saves into it (null: coding is off).</param>
    public static WebApplication Build(ServerOptions options, IDriver driver, LogLevel minimumLogLevel = LogLevel.Information,
        TimeProvider? time = null, Action<ILoggingBuilder>? logging = null, AnalysisSettings? analysis = null, string? graphData = null)
    {
        options.Validate();
        EnsureThreadsForBlockedWriters();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(GraphServer).Assembly.GetName().Name });
        builder.Logging.SetMinimumLevel(minimumLogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", minimumLogLevel > LogLevel.Warning ? minimumLogLevel : LogLevel.Warning);
        // A failed start (port in use, ...) reaches the caller as an exception with a clear message; the host's own stack-trace log is noise.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        logging?.Invoke(builder.Logging);
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
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton<ServerActivity>();
        builder.Services.AddSingleton<LoginThrottle>();         // one login policy and one transaction quota for HTTP and Bolt
        builder.Services.AddSingleton<ServerAuthenticator>();
        builder.Services.AddSingleton<TransactionQuota>();
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
                var user = context.RequestServices.GetRequiredService<BasicAuthentication>().Authenticate(context.Request);
                // /api runs as this user (RequestUserDriver); the console's statements go through the Query API, which checks them itself.
                RequestUserDriver.Current = user;
                // The Code page records who codes and lets only editors write (Graph.Web.Coding).
                if (user is not null) context.Items[WebUser.ItemKey] = new WebUser(user.Name, user.Role == ServerRole.Editor);
            }
            catch (QueryApiProblem problem)
            {
                context.Response.StatusCode = problem.Status;
                if (problem.Status == 401) context.Response.Headers.WWWAuthenticate = "Basic realm=\"graph\", charset=\"UTF-8\"";
                if (problem.RetryAfter is { } wait) context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
                return;
            }
            await next(context);
        }));
        var asUser = new RequestUserDriver(driver);
        app.MapWebView(asUser, analysis);           // /api/* (query library, as the logged-in user), /static/*, /lib/*
        app.MapCoding(asUser, graphData);           // /code, /api/coding/* (the coding workspace, as the logged-in user)
        app.MapGet("/", WebEndpoints.Index);        // the web view's page, for browsers

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            app.Logger.LogInformation("Serving {Store} over the Neo4j Query API at {Address}", driver.Description, string.Join(", ", Addresses(app)));
            if (driver is Graph.Engine.EmbeddedDriver { Recovery.Message: { } recovery }) app.Logger.LogWarning("Opening the store: {Recovery}", recovery);
            if (!options.AuthenticationEnabled)
                app.Logger.LogWarning("AUTHENTICATION IS OFF (--no-auth, Server:AuthEnabled=false): anyone who can reach {Address} can read, write and delete everything in {Store}.",
                    string.Join(", ", Addresses(app)), driver.Description);
            else
                app.Logger.LogInformation("Basic authentication for {Users}; query time limit {Limit}; idle transactions rolled back after {Idle} s ({WriteIdle} s once they have written)",
                    string.Join(", ", options.Users.Select(u => $"{u.Name} ({u.RoleName})")),
                    options.QueryTimeLimit is { } limit ? $"{limit.TotalSeconds:0.#} s" : "none",
                    options.TransactionIdleTimeout.TotalSeconds, options.WriteTransactionIdleTimeout.TotalSeconds);
        });
        return app;
    }

    /// <summary>
    /// The embedded store waits for its single write lock synchronously, on a thread-pool thread. With the pool's
    /// default minimum (one thread per core) a few writers queued for the lock starve every other request, including
    /// the next statement of the transaction that holds the lock, for seconds; that time would count as the holder's
    /// idle time. Starting with more threads keeps requests flowing while writers wait.
    /// </summary>
    private static void EnsureThreadsForBlockedWriters()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < MinWorkerThreads) ThreadPool.SetMinThreads(MinWorkerThreads, io);
    }

    private const int MinWorkerThreads = 64;

    /// <summary>The addresses the started server listens on (with the real port when Port was 0).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
