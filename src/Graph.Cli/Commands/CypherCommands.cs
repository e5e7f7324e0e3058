using System.CommandLine;

namespace Graph.Cli.Commands;

public static class CypherCommands
{
    public static IEnumerable<Command> Create() => [];
}
