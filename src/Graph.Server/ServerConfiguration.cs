using Microsoft.Extensions.Configuration;

namespace Graph.Server;

/// <summary>
/// Where <c>graph serve</c> takes its settings from, later sources winning: appsettings.json in the
/// working directory (optional), environment variables prefixed GRAPH_ (GRAPH_Server__Port=8080,
/// GRAPH_Server__Users__0__Name=alice, ...), then the command line's options.
/// </summary>
public static class ServerConfiguration
{
    public const string EnvironmentPrefix = "GRAPH_";

    public static IConfiguration Load(string? settingsFile = null, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = new ConfigurationBuilder();
        var file = settingsFile ?? System.IO.Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json");
        builder.AddJsonFile(System.IO.Path.GetFullPath(file), optional: settingsFile is null, reloadOnChange: false);
        builder.AddEnvironmentVariables(EnvironmentPrefix);
        if (overrides is not null) builder.AddInMemoryCollection(overrides);
        return builder.Build();
    }

    /// <summary>Binds section "Server"; throws <see cref="ArgumentException"/> naming a bad setting.</summary>
    public static ServerOptions Bind(IConfiguration configuration)
    {
        var options = new ServerOptions();
        try
        {
            configuration.GetSection(ServerOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"A Server setting has a value of the wrong type: {e.Message}", e);
        }
        options.Validate();
        return options;
    }
}
