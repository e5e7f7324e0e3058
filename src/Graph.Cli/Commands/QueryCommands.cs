using System.CommandLine;

namespace Graph.Cli.Commands;

public static class QueryCommands
{
    public static IEnumerable<Command> Create() => [];
}
