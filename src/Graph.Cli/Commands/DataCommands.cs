using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Graph.Client;
using Graph.Core;
using Graph.Core.Diagnostics;
using Graph.Core.Generation;
using Graph.Engine;
using Graph.Ingestion;
using Graph.Ingestion.Hosting;
using Graph.Ingestion.Planning;
using Graph.Neo4j;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Path = System.IO.Path;

namespace Graph.Cli.Commands;

/// <summary><c>graph validate</c>, <c>graph ingest</c> and <c>graph generate</c>: working with graph-data.</summary>
public static class DataCommands
{
    public static IEnumerable<Command> Create() => [Validate(), Ingest(), Generate()];

    private static Argument<string?> DirectoryArgument() => new("dir")
    {
        Description = "The graph-data directory (one folder per source document). Default: ./graph-data.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static Command Validate()
    {
        var dir = DirectoryArgument();
        var command = new Command("validate", "Check graph-data: YAML syntax, fields and types, ids, references, quotes against the source text. Exit code 1 on errors.") { dir };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(dir) ?? "graph-data";
            var clock = Stopwatch.StartNew();
            var result = GraphData.Load(directory);
            PrintDiagnostics(result.Diagnostics);
            var data = result.Data;
            var errors = result.Errors.Count();
            var warnings = result.Warnings.Count();
            Console.Out.WriteLine(
                $"{directory}: {data.Documents.Count} documents, {data.Experts.Count()} experts, {data.Institutions.Count()} institutions, " +
                $"{data.Sessions.Count()} sessions, {data.Claims.Count()} claims, {data.Stances.Count()} stances; " +
                $"{errors} errors, {warnings} warnings ({clock.ElapsedMilliseconds} ms)");
            return errors > 0 ? CliRunner.ExitFailure : CliRunner.ExitOk;
        });
        return command;
    }

    private static void PrintDiagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics.OrderBy(d => d.Severity))
            Console.Error.WriteLine($"{(d.Severity == Severity.Error ? "error" : "warning")}: {d}");
    }

    private static Command Ingest()
    {
        var dir = DirectoryArgument();
        var target = new Option<string?>("--target") { Description = "Where to load: embedded (default) or neo4j." };
        target.AcceptOnlyFromAmong("embedded", "neo4j");
        var db = new Option<string?>("--db") { Description = "Embedded database directory (default: $GRAPH_DB or ./.graph/db)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and plan, report what would change, write nothing." };
        var full = new Option<bool>("--full") { Description = "Read and plan every document, not only those whose files changed since the last load (the store keeps their content hashes)." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Rows per UNWIND batch (default 1000)." };
        var noNetwork = new Option<bool>("--no-network") { Description = "Skip recomputing AGREES_WITH / DISAGREES_WITH (quadratic in stances per claim; for very large benchmark loads)." };
        var maxParticipants = new Option<int?>("--network-max-participants")
        {
            Description = $"Claims with more participants are left out of AGREES_WITH / DISAGREES_WITH (their pairs grow quadratically; default {NetworkLimits.DefaultMaxClaimParticipants}).",
        };
        var pairBudget = new Option<long?>("--network-budget")
        {
            Description = $"Most expert pairs the derived network may have; above it the load fails before writing (default {NetworkLimits.DefaultPairBudget:N0}).",
        };
        var watch = new Option<bool>("--watch") { Description = "Keep running and reload whenever graph-data changes." };
        var uri = new Option<string?>("--neo4j-uri") { Description = "Neo4j HTTP address (default http://localhost:7474; GRAPH_Neo4j__Uri)." };
        var user = new Option<string?>("--neo4j-user") { Description = "Neo4j user (GRAPH_Neo4j__User)." };
        var password = new Option<string?>("--neo4j-password") { Description = "Neo4j password (prefer GRAPH_Neo4j__Password)." };
        var database = new Option<string?>("--neo4j-database") { Description = "Neo4j database (default neo4j)." };
        var settings = new Option<string?>("--settings") { Description = "An appsettings.json with \"Ingestion\" and \"Neo4j\" sections (default: ./appsettings.json when present)." };

        var command = new Command("ingest",
            "Load graph-data into the store: validate, plan the changes, write them in one transaction. Only documents whose files changed since the last load are read. " +
            "Settings: appsettings.json, then GRAPH_* environment variables (GRAPH_Ingestion__BatchSize, GRAPH_Neo4j__Uri), then these options.")
        {
            dir, target, db, dryRun, full, batchSize, noNetwork, maxParticipants, pairBudget, watch, uri, user, password, database, settings,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            void Set(string key, string? value)
            {
                if (value is not null) overrides[key] = value;
            }
            Set("Ingestion:DataDirectory", parse.GetValue(dir));
            Set("Ingestion:Target", parse.GetValue(target));
            Set("Ingestion:DatabaseDirectory", parse.GetValue(db));
            if (parse.GetValue(dryRun)) Set("Ingestion:DryRun", "true");
            if (parse.GetValue(full)) Set("Ingestion:Full", "true");
            if (parse.GetValue(watch)) Set("Ingestion:Watch", "true");
            if (parse.GetValue(noNetwork)) Set("Ingestion:DeriveNetwork", "false");
            Set("Ingestion:BatchSize", parse.GetValue(batchSize)?.ToString(CultureInfo.InvariantCulture));
            Set("Ingestion:NetworkMaxClaimParticipants", parse.GetValue(maxParticipants)?.ToString(CultureInfo.InvariantCulture));
            Set("Ingestion:NetworkPairBudget", parse.GetValue(pairBudget)?.ToString(CultureInfo.InvariantCulture));
            Set("Neo4j:Uri", parse.GetValue(uri));
            Set("Neo4j:User", parse.GetValue(user));
            Set("Neo4j:Password", parse.GetValue(password));
            Set("Neo4j:Database", parse.GetValue(database));
            return await RunIngestAsync(parse.GetValue(settings), overrides, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunIngestAsync(string? settingsFile, Dictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (settingsFile is not null && !File.Exists(settingsFile))
            throw new CliException($"graph ingest: the settings file {settingsFile} does not exist", CliRunner.ExitUsage);
        IngestionSettings ingestion;
        try
        {
            builder.Configuration
                .AddJsonFile(Path.GetFullPath(settingsFile ?? "appsettings.json"), optional: settingsFile is null)
                .AddEnvironmentVariables("GRAPH_")
                .AddInMemoryCollection(overrides);
            ingestion = builder.Configuration.GetSection(IngestionSettings.Section).Get<IngestionSettings>() ?? new IngestionSettings();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or InvalidOperationException)
        {
            throw new CliException($"graph ingest: bad settings: {(e.InnerException ?? e).Message}", CliRunner.ExitUsage);
        }
        if (ingestion.BatchSize < 1) throw new CliException("graph ingest: --batch-size must be at least 1", CliRunner.ExitUsage);
        if (ingestion.NetworkMaxClaimParticipants < 2)
            throw new CliException("graph ingest: --network-max-participants must be at least 2 (a pair needs two experts)", CliRunner.ExitUsage);
        if (ingestion.NetworkPairBudget < 0) throw new CliException("graph ingest: --network-budget must not be negative", CliRunner.ExitUsage);
        if (!Directory.Exists(ingestion.DataDirectory))
            throw new CliException($"graph ingest: the graph-data directory {ingestion.DataDirectory} does not exist", CliRunner.ExitUsage);

        var interactive = !ingestion.Watch && AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        // One-shot loads print a progress bar, then the summary or the error once; watch mode logs each reload. The
        // "Logging" settings (GRAPH_Logging__LogLevel__Default=Debug) still turn the log on for a one-shot load.
        builder.Logging.SetMinimumLevel(ingestion.Watch ? LogLevel.Information : LogLevel.None);

        await using var driver = CreateDriver(ingestion, builder.Configuration.GetSection(Neo4jSettings.Section).Get<Neo4jSettings>() ?? new Neo4jSettings());
        builder.Services.AddSingleton<IDriver>(driver);
        builder.Services.AddGraphIngestion(builder.Configuration);
        using var host = builder.Build();
        var events = host.Services.GetRequiredService<IngestionEvents>();

        if (interactive)
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("reading and validating", maxValue: 1);
                    var clock = Stopwatch.StartNew();
                    events.Progress = new SynchronousProgress<IngestionProgress>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                        var rate = p.Done / Math.Max(0.001, clock.Elapsed.TotalSeconds);
                        task.Description = $"{p.Stage}: {p.Done:N0}/{p.Total:N0} rows ({rate:N0} rows/s)";
                    });
                    await host.RunAsync(cancellationToken);
                    task.Value = task.MaxValue;
                });
        else
            await host.RunAsync(cancellationToken);

        if (ingestion.Watch) return CliRunner.ExitOk;
        if (events.LastError is { } error) throw new CliException($"graph ingest: {error.Message}");
        if (events.LastReport is not { } report)
            throw new CliException("graph ingest: the load did not run (cancelled?)");
        PrintDiagnostics(report.Diagnostics);
        if (!report.Succeeded)
        {
            Console.Error.WriteLine($"graph-data has {report.Diagnostics.Count(d => d.Severity == Severity.Error)} errors; nothing was loaded. Fix them (see `graph validate`) and run again.");
            return CliRunner.ExitFailure;
        }
        PrintSummary(report, driver.Description);
        return CliRunner.ExitOk;
    }

    private static IDriver CreateDriver(IngestionSettings ingestion, Neo4jSettings neo4j)
    {
        var connection = StoreConnection.LoadConfiguration(new Dictionary<string, string?>
        {
            ["Neo4j:Uri"] = neo4j.Uri,
            ["Neo4j:Database"] = neo4j.Database,
            ["Neo4j:User"] = neo4j.User,
            ["Neo4j:Password"] = neo4j.Password,
        });
        switch (ingestion.Target)
        {
            case "embedded":
                var directory = ingestion.DatabaseDirectory ?? Environment.GetEnvironmentVariable("GRAPH_DB") ?? Path.Combine(".graph", "db");
                return StoreConnection.OpenEmbedded(Path.GetFullPath(directory), connection);
            case "neo4j":
                if (!Uri.TryCreate(neo4j.Uri, UriKind.Absolute, out _))
                    throw new CliException($"graph ingest: the Neo4j URI '{neo4j.Uri}' is not an absolute URI (http://, bolt:// or neo4j://)", CliRunner.ExitUsage);
                return StoreConnection.OpenRemote(connection);
            default:
                throw new CliException($"graph ingest: unknown target '{ingestion.Target}'; use embedded or neo4j", CliRunner.ExitUsage);
        }
    }

    private static void PrintSummary(IngestionReport report, string store)
    {
        var table = new Table().AddColumns("", "in store", "created", "updated", "deleted", "unchanged");
        foreach (var column in table.Columns.Skip(1)) column.RightAligned();
        void Row(string name, long? total, Ingestion.Planning.ChangeCount? c) => table.AddRow(
            Markup.Escape(name), Format(total), Format(c?.Created), Format(c?.Updated), Format(c?.Deleted), Format(c?.Unchanged));
        foreach (var (label, count) in report.NodeCounts.OrderBy(p => p.Key, StringComparer.Ordinal))
            Row($"(:{label})", count, report.Nodes.GetValueOrDefault(label));
        var types = report.RelationshipCounts.Keys.Union(report.Relationships.Keys).Order(StringComparer.Ordinal);
        foreach (var type in types)
            Row($"[:{type}]", report.RelationshipCounts.GetValueOrDefault(type), report.Relationships.GetValueOrDefault(type));

        AnsiConsole.Write(table);
        var c = report.StoreCounters;
        var seconds = Math.Max(0.001, report.Elapsed.TotalSeconds);
        var prefix = report.DryRun ? "Dry run, nothing was written. Planned" : report.Mode == LoadMode.Unchanged ? "Checked" : "Loaded";
        Console.Out.WriteLine(
            $"{prefix} {report.DataDirectory} into {store} in {report.Elapsed.TotalSeconds:0.00} s: " +
            $"{report.RowsWritten:N0} rows in {report.Batches:N0} batches ({report.RowsWritten / seconds:N0} rows/s); " +
            $"{c.NodesCreated} nodes created, {c.NodesDeleted} deleted, {c.RelationshipsCreated} relationships created, {c.RelationshipsDeleted} deleted, {c.PropertiesSet} properties set.");
        if (report.Network.ClaimsLeftOut > 0)
            Console.Out.WriteLine(
                $"The discourse network ({report.Network.Pairs:N0} pairs) leaves out {report.Network.ClaimsLeftOut:N0} claims with more than " +
                $"{report.Network.MaxClaimParticipants:N0} participants, e.g. {string.Join(", ", report.Network.LargestLeftOut.Select(x => $"{x.Claim} ({x.Participants:N0})"))}; " +
                "--network-max-participants changes the limit.");
        if (report.Mode == LoadMode.Unchanged)
            Console.Out.WriteLine("graph-data is unchanged since the last load (its content hashes match the store's manifest): nothing was read or written.");
        else if (report.Mode == LoadMode.Incremental)
            Console.Out.WriteLine($"Read only what changed since the last load: {report.DocumentsRead:N0} document{(report.DocumentsRead == 1 ? "" : "s")} (the store's manifest had the others' content hashes).");
        if (!report.HasChanges && !report.DryRun && report.Mode != LoadMode.Unchanged) Console.Out.WriteLine("The store already matched graph-data: nothing changed.");
    }

    private static string Format(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "";

    private static Command Generate()
    {
        var experts = new Option<int>("--experts") { Description = "Number of experts.", DefaultValueFactory = _ => 1000 };
        var claims = new Option<int>("--claims") { Description = "Number of claims.", DefaultValueFactory = _ => 500 };
        var stances = new Option<long>("--stances") { Description = "Number of stances (distinct expert-claim pairs).", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed writes the same corpus.", DefaultValueFactory = _ => 1 };
        var perDocument = new Option<int>("--stances-per-document") { Description = "Stances per document (default 5,000: documents stay small enough to re-read one cheaply).", DefaultValueFactory = _ => new SyntheticCorpusOptions().StancesPerDocument };
        var output = new Option<string>("--out") { Description = "Output directory (must be empty or absent).", DefaultValueFactory = _ => "graph-data-synthetic" };

        var command = new Command("generate", "Write a synthetic corpus in the graph-data format (Zipf-skewed experts and claims, quotes in a generated source text) for benchmarks.")
        {
            experts, claims, stances, seed, perDocument, output,
        };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(output)!;
            if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
                throw new CliException($"graph generate: {directory} is not empty; choose another --out or delete it", CliRunner.ExitUsage);
            SyntheticCorpus corpus;
            try
            {
                corpus = new SyntheticCorpus(new SyntheticCorpusOptions
                {
                    Experts = parse.GetValue(experts), Claims = parse.GetValue(claims), Stances = parse.GetValue(stances),
                    Seed = parse.GetValue(seed), StancesPerDocument = Math.Max(1, parse.GetValue(perDocument)),
                });
            }
            catch (ArgumentException e)
            {
                throw new CliException($"graph generate: {e.Message}", CliRunner.ExitUsage);
            }
            var clock = Stopwatch.StartNew();
            var summary = corpus.Write(directory);
            Console.Out.WriteLine(
                $"Wrote {directory}: {summary.Documents} documents, {summary.Experts:N0} experts, {summary.Institutions:N0} institutions, {summary.Sessions:N0} sessions, " +
                $"{summary.Claims:N0} claims, {summary.Stances:N0} stances, {summary.Bytes / 1024.0 / 1024.0:0.0} MiB in {clock.Elapsed.TotalSeconds:0.0} s");
            return CliRunner.ExitOk;
        });
        return command;
    }

    /// <summary>Reports on the caller's thread: the progress bar must see every update before the summary prints.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
