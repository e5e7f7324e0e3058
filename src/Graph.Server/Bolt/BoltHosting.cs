using Graph.Bolt.Server;
using Graph.Client;
using Graph.Server.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Graph.Server.Bolt;

/// <summary>Puts the Bolt listener (Graph.Bolt) into <c>graph serve</c>: started and stopped with the web host, same store, users and limits.</summary>
public static class BoltHosting
{
    public static IServiceCollection AddBolt(this IServiceCollection services, ServerOptions options, IDriver driver)
    {
        if (!options.Bolt.Enabled) return services;
        // The same login check (and throttle), transaction quota, idle timeouts and clock as the Query API.
        services.AddSingleton(provider => new BoltServer(
            new BoltBackend(driver, new ServerUserAuthenticator(options, provider.GetRequiredService<ServerAuthenticator>()),
                options.DatabaseNames.ToList(), options.TransactionIdleTimeout,
                options.QueryTimeLimit, provider.GetRequiredService<ILoggerFactory>().CreateLogger("Graph.Bolt"))
            {
                WriteTransactionIdleTimeout = options.WriteTransactionIdleTimeout,
                Transactions = new QuotaAdmission(provider.GetRequiredService<TransactionQuota>()),
                Time = provider.GetRequiredService<TimeProvider>(),
            },
            options.Bolt, options.Host, options.Port));
        services.AddHostedService<BoltService>();
        return services;
    }

    /// <summary>bolt://host:port of the started server; null when Bolt is off.</summary>
    public static string? BoltUri(this WebApplication app) => app.Services.GetService<BoltServer>()?.Uri;

    private sealed class BoltService(BoltServer server) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            server.Start();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync();
    }
}
