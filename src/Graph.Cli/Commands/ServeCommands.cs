using System.CommandLine;
using System.Globalization;
using Graph.Engine;
using Graph.Server;

namespace Graph.Cli.Commands;

/// <summary><c>graph serve</c>: the embedded store over Neo4j's HTTP Query API.</summary>
public static class ServeCommands
{
    public static IEnumerable<Command> Create()
    {
        var db = new Option<string?>("--db") { Description = "Database directory (default: $GRAPH_DB or ./.graph/db)." };
        var port = new Option<int?>("--port") { Description = "TCP port to listen on (default 7474, Neo4j's HTTP port; setting Server:Port)." };
        var host = new Option<string?>("--host") { Description = "Address to listen on (default 127.0.0.1; 0.0.0.0 exposes the store to the network)." };
        var users = new Option<string[]>("--user")
        {
            Description = "A user for basic authentication, as name:password or name:password:reader (read-only). Repeat for more. " +
                          "Without users authentication is off.",
        };
        var alias = new Option<string?>("--database-alias") { Description = "A second database name the routes accept besides \"neo4j\"." };
        var txTimeout = new Option<int?>("--tx-idle-timeout") { Description = "Seconds an explicit transaction may stay idle before it is rolled back (default 30)." };
        var queryTimeout = new Option<int?>("--query-timeout") { Description = "Longest a query may run, in seconds (default: no limit)." };
        var settings = new Option<string?>("--settings") { Description = "An appsettings.json with a \"Server\" section (default: ./appsettings.json when present)." };

        var serve = new Command("serve",
            "Serve the store over Neo4j's HTTP Query API (POST /db/neo4j/query/v2, explicit transactions under /query/v2/tx). " +
            "Settings come from appsettings.json, then GRAPH_Server__* environment variables, then these options.");
        foreach (var option in new Option[] { db, port, host, users, alias, txTimeout, queryTimeout, settings }) serve.Add(option);

        serve.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(port) is { } p) overrides["Server:Port"] = p.ToString(CultureInfo.InvariantCulture);
            if (parse.GetValue(host) is { } h) overrides["Server:Host"] = h;
            if (parse.GetValue(alias) is { } a) overrides["Server:DatabaseAlias"] = a;
            if (parse.GetValue(txTimeout) is { } t) overrides["Server:TransactionIdleTimeout"] = TimeSpan.FromSeconds(t).ToString("c", CultureInfo.InvariantCulture);
            if (parse.GetValue(queryTimeout) is { } q) overrides["Server:QueryTimeout"] = TimeSpan.FromSeconds(q).ToString("c", CultureInfo.InvariantCulture);

            ServerOptions options;
            EngineOptions engine;
            try
            {
                var configuration = ServerConfiguration.Load(parse.GetValue(settings), overrides);
                options = ServerConfiguration.Bind(configuration);
                engine = EngineConfiguration.Bind(configuration);
                options.Users.AddRange((parse.GetValue(users) ?? []).Select(ParseUser));
                options.Validate();
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException or FormatException)
            {
                throw new CliException($"graph serve: {e.Message}", CliRunner.ExitUsage);
            }

            var directory = parse.GetValue(db) ?? Environment.GetEnvironmentVariable("GRAPH_DB") ?? System.IO.Path.Combine(".graph", "db");
            await using var driver = EmbeddedDriver.Open(directory, engine);
            try
            {
                await GraphServer.RunAsync(options, driver, cancellationToken);
            }
            catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException($"graph serve: cannot listen on {options.Host}:{options.Port}: {e.Message} Pick another port with --port.");
            }
            return CliRunner.ExitOk;
        });
        return [serve];
    }

    /// <summary>name:password[:reader|:editor]; the password may itself contain colons.</summary>
    private static ServerUser ParseUser(string text)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            throw new ArgumentException($"--user '{text}' is not name:password or name:password:reader.");
        var name = text[..colon];
        var password = text[(colon + 1)..];
        var role = ServerRole.Editor;
        foreach (var (suffix, value) in new[] { (":reader", ServerRole.Reader), (":editor", ServerRole.Editor) })
        {
            if (password.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && password.Length > suffix.Length)
            {
                password = password[..^suffix.Length];
                role = value;
                break;
            }
        }
        return new ServerUser { Name = name, Password = password, Role = role };
    }
}
