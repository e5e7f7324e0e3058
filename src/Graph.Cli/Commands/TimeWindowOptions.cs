using System.CommandLine;
using Graph.Queries.Model;

namespace Graph.Cli.Commands;

/// <summary>
/// --from and --to (yyyy-MM-dd, both included): restrict an analysis to the stances dated inside the window (a
/// stance's date is its session's, else its document's). The web view's range control asks the same question.
/// </summary>
public sealed class TimeWindowOptions
{
    public Option<string?> From { get; } = new("--from") { Description = "Only stances dated on or after this day (yyyy-MM-dd; the session's date, else the document's)." };
    public Option<string?> To { get; } = new("--to") { Description = "Only stances dated on or before this day (yyyy-MM-dd)." };

    public TimeWindowOptions AddTo(Command command)
    {
        command.Options.Add(From);
        command.Options.Add(To);
        return this;
    }

    /// <summary>The window; a bad date is a usage error naming its option.</summary>
    public TimeWindow Resolve(ParseResult parse)
    {
        try
        {
            return TimeWindow.Parse(parse.GetValue(From), parse.GetValue(To));
        }
        catch (TimeWindowException e)
        {
            throw new CliException(e.Message, CliRunner.ExitUsage);
        }
    }
}
