using System.CommandLine;

namespace Graph.Cli.Commands;

public static class VizCommands
{
    public static IEnumerable<Command> Create() => [];
}
