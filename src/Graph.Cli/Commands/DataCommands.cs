using System.CommandLine;

namespace Graph.Cli.Commands;

public static class DataCommands
{
    public static IEnumerable<Command> Create() => [];
}
