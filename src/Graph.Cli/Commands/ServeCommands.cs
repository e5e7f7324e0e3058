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
            Description = "A user for basic authentication: name:password (an editor) or name:password:reader (read-only). Repeat for more. " +
                          "A password containing ':' goes in appsettings.json or GRAPH_Server__Users__N__Password.",
        };
        var noAuth = new Option<bool>("--no-auth")
        {
            Description = "Serve without authentication: anyone who can reach the port can read and write (setting Server:AuthEnabled=false). " +
                          "Without users and without this flag graph serve refuses to start.",
        };
        var alias = new Option<string?>("--database-alias") { Description = "A second database name the routes accept besides \"neo4j\"." };
        var txTimeout = new Option<int?>("--tx-idle-timeout") { Description = "Seconds an explicit transaction may stay idle before it is rolled back (default 30; 5 once it has written: Server:WriteTransactionIdleTimeout)." };
        var queryTimeout = new Option<int?>("--query-timeout") { Description = "Longest a query or transaction may run, in seconds (default 60; 0 = no limit)." };
        var boltPort = new Option<int?>("--bolt-port") { Description = "TCP port for Bolt (default 7687, Neo4j's Bolt port; setting Server:Bolt:Port)." };
        var noBolt = new Option<bool>("--no-bolt") { Description = "Do not listen for Bolt (setting Server:Bolt:Enabled=false)." };
        var data = new Option<string?>("--data")
        {
            Description = "The graph-data directory the store was loaded from: turns on the web view's Code page, which saves coded stances into it " +
                          "and into the store at once (editors only; the coder is the signed-in user).",
        };
        var settings = new Option<string?>("--settings") { Description = "An appsettings.json with \"Server\", \"Engine\" and \"Analysis\" sections (default: ./appsettings.json when present)." };

        var serve = new Command("serve",
            "Serve the store over Neo4j's HTTP Query API (POST /db/neo4j/query/v2, explicit transactions under /query/v2/tx) and over Bolt (bolt:// and neo4j:// on 7687). " +
            "Settings come from appsettings.json, then GRAPH_* environment variables (GRAPH_Server__Port=8080), then these options. " +
            "Sections: \"Server\" (addresses, users and roles, login throttle, transaction and connection limits, timeouts, Bolt under Server:Bolt; docs/security.md), " +
            "\"Engine\" (QueryMemoryLimit, MaxPlanDepth, MaxVariableLengthDepth: the limits of each statement) and " +
            "\"Analysis\" (Seed, Resolution, Normalization: the settings the web view computes its numbers with, as the CLI's).");
        foreach (var option in new Option[] { db, port, host, users, noAuth, alias, txTimeout, queryTimeout, boltPort, noBolt, data, settings }) serve.Add(option);

        serve.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(port) is { } p) overrides["Server:Port"] = p.ToString(CultureInfo.InvariantCulture);
            if (parse.GetValue(host) is { } h) overrides["Server:Host"] = h;
            if (parse.GetValue(alias) is { } a) overrides["Server:DatabaseAlias"] = a;
            if (parse.GetValue(txTimeout) is { } t) overrides["Server:TransactionIdleTimeout"] = TimeSpan.FromSeconds(t).ToString("c", CultureInfo.InvariantCulture);
            if (parse.GetValue(noAuth)) overrides["Server:AuthEnabled"] = "false";
            if (parse.GetValue(boltPort) is { } bp) overrides["Server:Bolt:Port"] = bp.ToString(CultureInfo.InvariantCulture);
            if (parse.GetValue(noBolt)) overrides["Server:Bolt:Enabled"] = "false";
            if (parse.GetValue(queryTimeout) is { } q) overrides["Server:QueryTimeout"] = TimeSpan.FromSeconds(q).ToString("c", CultureInfo.InvariantCulture);

            ServerOptions options;
            Graph.Queries.Settings.AnalysisSettings analysis;
            EngineOptions engine;
            try
            {
                var commandLineUsers = (parse.GetValue(users) ?? []).Select(ServerUser.FromCommandLine).ToList();
                var configuration = ServerConfiguration.Load(parse.GetValue(settings), overrides);
                analysis = Graph.Queries.Settings.AnalysisSettings.Read(key => configuration[key]); // the web view's numbers: same settings as the CLI
                options = ServerConfiguration.Bind(configuration, commandLineUsers);
                engine = EngineConfiguration.Bind(configuration, options);
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException or FormatException)
            {
                throw new CliException($"graph serve: {e.Message}", CliRunner.ExitUsage);
            }

            var graphData = parse.GetValue(data);
            if (graphData is not null && !Directory.Exists(Path.Combine(graphData, "registry")))
                throw new CliException($"graph serve: --data '{graphData}' is not a graph-data directory (it has no registry/ folder); name the directory you ran graph ingest on.", CliRunner.ExitUsage);
            var directory = parse.GetValue(db) ?? Environment.GetEnvironmentVariable("GRAPH_DB") ?? Path.Combine(".graph", "db");
            await using var driver = EmbeddedDriver.Open(directory, engine);
            try
            {
                await ServeHost.RunAsync(options, driver, directory, analysis, cancellationToken, graphData);
            }
            catch (IOException e) when (e.Message.Contains("Bolt", StringComparison.Ordinal))
            {
                throw new CliException($"graph serve: {e.Message}");
            }
            catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException($"graph serve: cannot listen on {options.Host}:{options.Port}: {e.Message} Pick another port with --port.");
            }
            return CliRunner.ExitOk;
        });
        return [serve];
    }
}
