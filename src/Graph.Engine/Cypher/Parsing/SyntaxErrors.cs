using Graph.Client;

namespace Graph.Engine.Cypher.Parsing;

/// <summary>Builds compile-time errors in Neo4j's style: message, position, the offending line and a caret.</summary>
internal static class SyntaxErrors
{
    /// <summary>A SyntaxError at <paramref name="position"/> with the TCK detail name <paramref name="detail"/>.</summary>
    public static ClientException At(string query, InputPosition position, string message, string? detail) =>
        Create(Neo4jStatus.SyntaxError, query, position, message, detail);

    /// <summary>
    /// An error with the given status code. The message reads
    /// <c>message (line L, column C (offset: O))</c>, then the query line quoted, then a caret under the column.
    /// </summary>
    public static ClientException Create(string code, string query, InputPosition position, string message, string? detail) =>
        new(code, Format(query, position, message))
        {
            Position = position,
            Phase = ErrorPhase.CompileTime,
            Detail = detail,
        };

    public static string Format(string query, InputPosition position, string message)
    {
        var line = LineAt(query, position.Line);
        var column = Math.Max(1, position.Column);
        // Very long lines (generated queries) are cut to a window around the column.
        if (line.Length > MaxShownLine)
        {
            var start = Math.Clamp(column - 1 - MaxShownLine / 2, 0, line.Length - MaxShownLine);
            var prefix = start > 0 ? "..." : "";
            var suffix = start + MaxShownLine < line.Length ? "..." : "";
            line = prefix + line.Substring(start, MaxShownLine) + suffix;
            column = column - start + prefix.Length;
        }
        var caret = new string(' ', column) + "^";
        return $"{message} ({position})\n\"{line}\"\n{caret}";
    }

    private const int MaxShownLine = 160;

    private static string LineAt(string query, int lineNumber)
    {
        var lines = query.Split('\n');
        var line = lineNumber >= 1 && lineNumber <= lines.Length ? lines[lineNumber - 1] : "";
        return line.TrimEnd('\r');
    }
}
