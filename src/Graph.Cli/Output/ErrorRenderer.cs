using Graph.Client;

namespace Graph.Cli.Output;

/// <summary>Shows where a query went wrong: the offending line with a caret under the column.</summary>
public static class ErrorRenderer
{
    public static string Render(GraphException error, string? query)
    {
        var message = error.Message;
        if (error.Position is not { } position || query is null) return $"error: {message}\n  ({error.Code})";

        // The engine's message may already carry its own caret rendering: keep only its first line.
        var firstLine = message.Split('\n')[0].TrimEnd();
        var lines = query.Replace("\r\n", "\n").Split('\n');
        var lineText = position.Line >= 1 && position.Line <= lines.Length ? lines[position.Line - 1] : "";
        var caretColumn = Math.Clamp(position.Column - 1, 0, lineText.Length);
        var prefix = $"{position.Line} | ";
        return $"error: {firstLine}\n  ({error.Code} at line {position.Line}, column {position.Column})\n" +
               $"{prefix}{lineText}\n{new string(' ', prefix.Length + caretColumn)}^";
    }
}
