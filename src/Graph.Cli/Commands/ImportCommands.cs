using System.CommandLine;
using System.Globalization;
using Graph.Engine;
using Graph.Engine.Import;

namespace Graph.Cli.Commands;

/// <summary><c>graph import</c>: bulk-load CSV files into the embedded database in one transaction (like neo4j-admin import).</summary>
public static class ImportCommands
{
    public static IEnumerable<Command> Create()
    {
        var nodes = new Option<string[]>("--nodes")
        {
            Description = "A node file as Label=file.csv: a header row with an 'id' column (unique per label); other columns are properties (name or name:int|float|boolean|string). Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var relationships = new Option<string[]>("--relationships")
        {
            Description = "A relationship file as TYPE:StartLabel->EndLabel=file.csv: columns 'from' and 'to' hold node ids; other columns are properties. Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var delimiter = new Option<string>("--delimiter")
        {
            Description = "Field delimiter: one character, or 'tab' (default ,).",
            DefaultValueFactory = _ => ",",
        };
        var command = new Command("import", "Bulk-load CSV files of nodes and relationships into the embedded database in one transaction: all rows or nothing.")
        {
            nodes, relationships, delimiter, StoreConnection.Db,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var spec = new ImportSpec
            {
                Nodes = (parsed.GetValue(nodes) ?? []).Select(ParseNodeFile).ToList(),
                Relationships = (parsed.GetValue(relationships) ?? []).Select(ParseRelationshipFile).ToList(),
                Delimiter = ParseDelimiter(parsed.GetValue(delimiter) ?? ","),
            };
            if (spec.Nodes.Count == 0 && spec.Relationships.Count == 0)
                throw new CliException("Nothing to import: add --nodes Label=file.csv and/or --relationships TYPE:Start->End=file.csv.", CliRunner.ExitUsage);
            var directory = StoreConnection.DatabaseDirectory(StoreConnection.Resolve(parsed));
            if (File.Exists(directory))
                throw new CliException($"The database path {directory} is a file; --db (or GRAPH_DB) must name a directory.", CliRunner.ExitUsage);
            await using var driver = OpenForImport(directory);
            var report = await driver.ImportAsync(spec, cancellationToken);
            var ic = CultureInfo.InvariantCulture;
            foreach (var file in report.Files)
                Console.Out.WriteLine(string.Create(ic,
                    $"{(file.IsRelationship ? "relationships" : "nodes"),-13} {file.Name,-20} {file.Rows,12:N0} rows  {Rate(file.Rows, file.Elapsed),12:N0} rows/s  {file.Path}"));
            Console.Out.WriteLine(string.Create(ic,
                $"imported {report.Nodes:N0} nodes and {report.Relationships:N0} relationships into {directory} in {report.Elapsed.TotalSeconds:N2} s " +
                $"({Rate(report.Nodes + report.Relationships, report.Elapsed):N0} rows/s; commit {report.CommitElapsed.TotalSeconds:N2} s)"));
            return CliRunner.ExitOk;
        });
        yield return command;
    }

    /// <summary>The import writes the store's files itself: it cannot go through a running graph serve.</summary>
    private static EmbeddedDriver OpenForImport(string directory)
    {
        try
        {
            var driver = EmbeddedDriver.Open(directory);
            if (driver.Recovery.Message is { } recovery) Console.Error.WriteLine($"warning: {recovery}");
            return driver;
        }
        catch (Graph.Client.ServiceUnavailableException) when (ServerAddressFile.TryRead(directory) is { } server)
        {
            throw new CliException($"graph import writes the store directly, and graph serve (process {server.ProcessId}) holds {directory}: stop it first, or import into another --db.");
        }
    }

    private static double Rate(long rows, TimeSpan elapsed) => elapsed.TotalSeconds > 0 ? rows / elapsed.TotalSeconds : 0;

    internal static NodeFile ParseNodeFile(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
            throw new CliException($"--nodes '{text}' is not of the form Label=file.csv (for example --nodes Expert=experts.csv).", CliRunner.ExitUsage);
        return new NodeFile(text[..eq].Trim(), text[(eq + 1)..]);
    }

    internal static RelationshipFile ParseRelationshipFile(string text)
    {
        var eq = text.IndexOf('=');
        var colon = eq > 0 ? text.IndexOf(':', 0, eq) : -1;
        var arrow = colon > 0 ? text.IndexOf("->", colon, eq - colon, StringComparison.Ordinal) : -1;
        if (eq <= 0 || eq == text.Length - 1 || colon <= 0 || arrow < 0)
            throw new CliException($"--relationships '{text}' is not of the form TYPE:StartLabel->EndLabel=file.csv (for example --relationships ENDORSES:Expert->Claim=endorses.csv).", CliRunner.ExitUsage);
        var start = text[(colon + 1)..arrow].Trim();
        var end = text[(arrow + 2)..eq].Trim();
        if (start.Length == 0 || end.Length == 0)
            throw new CliException($"--relationships '{text}' names no start or end label; write TYPE:StartLabel->EndLabel=file.csv.", CliRunner.ExitUsage);
        return new RelationshipFile(text[..colon].Trim(), start, end, text[(eq + 1)..]);
    }

    private static char ParseDelimiter(string text) => text switch
    {
        "tab" or "\\t" or "TAB" => '\t',
        { Length: 1 } => text[0],
        _ => throw new CliException($"--delimiter '{text}' must be one character (or 'tab').", CliRunner.ExitUsage),
    };
}
