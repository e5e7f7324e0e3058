using System.CommandLine;
using Graph.Client;
using Graph.Engine;
using Graph.Neo4j;
using Microsoft.Extensions.Configuration;

namespace Graph.Cli;

/// <summary>
/// Which store a command talks to, resolved from (lowest to highest precedence) appsettings.json,
/// GRAPH_* environment variables and the command line. Every command that reads or writes the graph
/// adds these options, so any of them can be pointed at Neo4j instead of the embedded default.
/// </summary>
public sealed class StoreConnection
{
    public const string DefaultDatabaseDirectory = ".graph/db";

    public static readonly Option<string?> Db = new("--db")
    {
        Description = $"Embedded database directory (default: $GRAPH_DB or ./{DefaultDatabaseDirectory}).",
    };

    public static readonly Option<string?> Target = new("--target")
    {
        Description = "Store to use: embedded (default) or neo4j.",
    };

    public static readonly Option<string?> Neo4jUri = new("--neo4j-uri") { Description = "Neo4j HTTP URI (default http://localhost:7474; env GRAPH_Neo4j__Uri)." };
    public static readonly Option<string?> Neo4jUser = new("--neo4j-user") { Description = "Neo4j user (env GRAPH_Neo4j__User)." };
    public static readonly Option<string?> Neo4jPassword = new("--neo4j-password") { Description = "Neo4j password (env GRAPH_Neo4j__Password)." };
    public static readonly Option<string?> Neo4jDatabase = new("--neo4j-database") { Description = "Neo4j database (default neo4j; env GRAPH_Neo4j__Database)." };

    /// <summary>Adds the store options to a command.</summary>
    public static void AddOptions(Command command)
    {
        foreach (var option in new Option[] { Db, Target, Neo4jUri, Neo4jUser, Neo4jPassword, Neo4jDatabase })
            command.Options.Add(option);
    }

    /// <summary>The configuration: appsettings.json (working directory, then next to the program), GRAPH_ environment variables.</summary>
    public static IConfiguration LoadConfiguration(IEnumerable<KeyValuePair<string, string?>>? overrides = null) =>
        new ConfigurationBuilder()
            .AddJsonFile(System.IO.Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(System.IO.Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables("GRAPH_")
            .AddInMemoryCollection(overrides ?? [])
            .Build();

    /// <summary>Configuration with the command line's store options applied on top.</summary>
    public static IConfiguration Resolve(ParseResult parsed)
    {
        var overrides = new List<KeyValuePair<string, string?>>();
        void Add(string key, Option<string?> option)
        {
            var value = parsed.GetValue(option);
            if (!string.IsNullOrEmpty(value)) overrides.Add(new(key, value));
        }
        Add("Db", Db);
        Add("Target", Target);
        Add("Neo4j:Uri", Neo4jUri);
        Add("Neo4j:User", Neo4jUser);
        Add("Neo4j:Password", Neo4jPassword);
        Add("Neo4j:Database", Neo4jDatabase);
        return LoadConfiguration(overrides);
    }

    public static string DatabaseDirectory(IConfiguration configuration) =>
        System.IO.Path.GetFullPath(configuration["Db"] is { Length: > 0 } db ? db : DefaultDatabaseDirectory);

    /// <summary>Opens the configured store. The caller disposes it.</summary>
    public static IDriver Open(ParseResult parsed) => Open(Resolve(parsed));

    public static IDriver Open(IConfiguration configuration)
    {
        var target = (configuration["Target"] ?? "embedded").Trim().ToLowerInvariant();
        return target switch
        {
            "embedded" => OpenEmbedded(DatabaseDirectory(configuration)),
            "neo4j" => new Neo4jDriver(Neo4jOptionsFrom(configuration)),
            _ => throw new CliException($"Unknown --target '{target}': use embedded or neo4j.", CliRunner.ExitUsage),
        };
    }

    public static Neo4jOptions Neo4jOptionsFrom(IConfiguration configuration)
    {
        var section = configuration.GetSection("Neo4j");
        var uri = section["Uri"] is { Length: > 0 } u ? u : "http://localhost:7474";
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsedUri) || (parsedUri.Scheme != "http" && parsedUri.Scheme != "https"))
            throw new CliException($"The Neo4j URI '{uri}' is not an http(s) URI: the connector uses Neo4j's HTTP Query API (e.g. http://localhost:7474).", CliRunner.ExitUsage);
        var options = new Neo4jOptions
        {
            Uri = parsedUri,
            Database = section["Database"] is { Length: > 0 } d ? d : "neo4j",
            User = section["User"],
            Password = section["Password"],
            BearerToken = section["BearerToken"] is { Length: > 0 } token ? token : null,
        };
        if (section["Timeout"] is { Length: > 0 } timeout)
            options = options with
            {
                Timeout = double.TryParse(timeout, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                    ? TimeSpan.FromSeconds(seconds)
                    : throw new CliException($"Neo4j:Timeout '{timeout}' is not a positive number of seconds.", CliRunner.ExitUsage),
            };
        if (section["MaxRetries"] is { Length: > 0 } retries)
            options = options with
            {
                MaxRetries = int.TryParse(retries, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 0
                    ? n
                    : throw new CliException($"Neo4j:MaxRetries '{retries}' is not a whole number >= 0.", CliRunner.ExitUsage),
            };
        return options;
    }

    /// <summary>
    /// Opens the embedded store in <paramref name="directory"/> (created when missing) and prints on stderr what
    /// recovery did (an interrupted write cut from the end of the log): every command that opens a store says so.
    /// </summary>
    public static EmbeddedDriver OpenEmbedded(string directory)
    {
        if (File.Exists(directory))
            throw new CliException($"The database path {directory} is a file; --db (or GRAPH_DB) must name a directory.", CliRunner.ExitUsage);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot create the database directory {directory}: {e.Message}");
        }
        var driver = EmbeddedDriver.Open(directory);
        if (driver.Recovery.Message is { } recovery) Console.Error.WriteLine($"warning: {recovery}");
        return driver;
    }
}
