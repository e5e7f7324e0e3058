using System.CommandLine;
using Graph.Cli.Commands;

namespace Graph.Cli;

/// <summary>The `graph` command line. Each area of the product contributes its commands from its own file under Commands/.</summary>
public static class GraphCli
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("Graph: an argument-and-position knowledge graph of expert debates.");
        foreach (var command in new[]
                 {
                     CypherCommands.Create(),     // graph cypher
                     DataCommands.Create(),       // graph validate, graph ingest, graph generate
                     CodingCommands.Create(),     // graph agreement
                     DocumentCommands.Create(),   // graph add-document
                     ImportCommands.Create(),     // graph import: bulk-load CSV files in one transaction
                     StoreCommands.Create(),      // graph check, graph repair: verify and repair the embedded database
                     ServeCommands.Create(),      // graph serve
                     QueryCommands.Create(),      // graph experts, positions, shared, allies, path, profile, clusters, contested, export
                     VizCommands.Create(),        // graph viz
                     TourCommands.Create(),       // graph tour: load graph-data and answer the main questions
                 }.SelectMany(commands => commands))
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    public static Task<int> RunAsync(string[] args) => CliRunner.RunAsync(CreateRootCommand(), args);
}
