using System.CommandLine;

namespace Graph.Cli.Commands;

public static class TourCommands
{
    public static IEnumerable<Command> Create() => [];
}
