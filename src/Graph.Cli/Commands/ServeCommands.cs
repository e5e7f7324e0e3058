using System.CommandLine;

namespace Graph.Cli.Commands;

public static class ServeCommands
{
    public static IEnumerable<Command> Create() => [];
}
