using Graph.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Graph.Ingestion.Hosting;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the hosted ingestion (settings from the "Ingestion" and "Neo4j" sections). The caller registers the
    /// <see cref="IDriver"/> of the chosen target, so this library knows no store.
    /// </summary>
    public static IServiceCollection AddGraphIngestion(this IServiceCollection services, IConfiguration configuration, CypherScripts? scripts = null)
    {
        services.Configure<IngestionSettings>(configuration.GetSection(IngestionSettings.Section));
        services.Configure<Neo4jSettings>(configuration.GetSection(Neo4jSettings.Section));
        services.AddSingleton(scripts ?? new CypherScripts());
        services.AddSingleton<IngestionEvents>();
        services.AddSingleton(sp => new GraphLoader(sp.GetRequiredService<IDriver>(), sp.GetRequiredService<CypherScripts>(),
            sp.GetRequiredService<ILogger<GraphLoader>>()));
        services.AddHostedService<IngestionWorker>();
        return services;
    }
}
