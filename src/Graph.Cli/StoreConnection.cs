using System.CommandLine;
using Graph.Bolt.Client;
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

    public static readonly Option<string?> Neo4jUri = new("--neo4j-uri")
    {
        Description = "Neo4j URI: http(s)://host:7474 (the Query API) or bolt://, neo4j:// and their +s / +ssc TLS forms (Bolt, port 7687) (default http://localhost:7474; env GRAPH_Neo4j__Uri).",
    };
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
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
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
        Path.GetFullPath(configuration["Db"] is { Length: > 0 } db ? db : DefaultDatabaseDirectory);

    /// <summary>Opens the configured store. The caller disposes it.</summary>
    public static IDriver Open(ParseResult parsed) => Open(Resolve(parsed));

    public static IDriver Open(IConfiguration configuration)
    {
        var target = (configuration["Target"] ?? "embedded").Trim().ToLowerInvariant();
        return target switch
        {
            "embedded" => OpenEmbedded(DatabaseDirectory(configuration), configuration),
            "neo4j" => OpenRemote(configuration),
            _ => throw new CliException($"Unknown --target '{target}': use embedded or neo4j.", CliRunner.ExitUsage),
        };
    }

    /// <summary>Neo4j (or graph serve) at the configured URI: the Query API for http(s)://, Bolt for bolt:// and neo4j:// (and +s / +ssc).</summary>
    public static IDriver OpenRemote(IConfiguration configuration)
    {
        var section = configuration.GetSection("Neo4j");
        var uri = section["Uri"] is { Length: > 0 } u ? u : "http://localhost:7474";
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !IsBolt(parsed)) return new Neo4jDriver(Neo4jOptionsFrom(configuration));
        return new BoltDriver(new BoltDriverOptions
        {
            Uri = parsed,
            Database = section["Database"] is { Length: > 0 } d ? d : null,
            User = section["User"] is { Length: > 0 } user ? user : null,
            Password = section["Password"],
        });
    }

    public static bool IsBolt(Uri uri) => uri.Scheme is "bolt" or "bolt+s" or "bolt+ssc" or "neo4j" or "neo4j+s" or "neo4j+ssc";

    public static Neo4jOptions Neo4jOptionsFrom(IConfiguration configuration)
    {
        var section = configuration.GetSection("Neo4j");
        var uri = section["Uri"] is { Length: > 0 } u ? u : "http://localhost:7474";
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsedUri) || (parsedUri.Scheme != "http" && parsedUri.Scheme != "https"))
            throw new CliException($"The Neo4j URI '{uri}' is not an http(s), bolt:// or neo4j:// URI (e.g. http://localhost:7474 or bolt://localhost:7687).", CliRunner.ExitUsage);
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
    /// The embedded store in <paramref name="directory"/>; when <c>graph serve</c> holds it, that server instead
    /// (found in the directory's serve.json), or one line saying how to reach it.
    /// </summary>
    public static IDriver OpenEmbedded(string directory, IConfiguration? configuration = null)
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
        try
        {
            var driver = EmbeddedDriver.Open(directory);
            if (driver.Recovery.Message is { } recovery) Console.Error.WriteLine($"warning: {recovery}");
            return driver;
        }
        catch (ServiceUnavailableException) when (ServerAddressFile.TryRead(directory) is { } server)
        {
            return ThroughServer(directory, server, configuration);
        }
    }

    /// <summary>Goes through the graph serve that holds the store: over Bolt (or its Query API when Bolt is off), with the configured login.</summary>
    private static IDriver ThroughServer(string directory, ServerAddressFile server, IConfiguration? configuration)
    {
        var address = server.Bolt ?? server.Http
                      ?? throw new CliException($"The database {directory} is held by graph serve (process {server.ProcessId}), which records no address; stop it, or use --target neo4j.");
        var user = configuration?["Neo4j:User"] is { Length: > 0 } u ? u : null;
        var password = configuration?["Neo4j:Password"];
        if (server.Authentication && user is null)
            throw new CliException($"The database {directory} is held by graph serve (process {server.ProcessId}) at {address}, which asks for a login: " +
                                   "add --neo4j-user NAME --neo4j-password PASSWORD (or GRAPH_Neo4j__User / GRAPH_Neo4j__Password) to go through it.");
        Console.Error.WriteLine($"note: graph serve (process {server.ProcessId}) holds {directory}; going through it at {address}.");
        return server.Bolt is not null
            ? new BoltDriver(new BoltDriverOptions { Uri = new Uri(server.Bolt), User = user, Password = password })
            : new Neo4jDriver(new Neo4jOptions { Uri = new Uri(server.Http!), User = user, Password = password });
    }
}
