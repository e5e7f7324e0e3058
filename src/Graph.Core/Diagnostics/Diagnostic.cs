using Graph.Core.Model;

namespace Graph.Core.Diagnostics;

/// <summary>
/// One finding about graph-data, formatted as <c>file:line: field: message</c> so editors can jump to it. The
/// message says what is wrong and how to fix it.
/// </summary>
public sealed record Diagnostic(Severity Severity, SourceLocation Location, string Field, string Message)
{
    public override string ToString()
    {
        var field = Field.Length > 0 ? $"{Field}: " : "";
        return $"{Location}: {field}{Message}";
    }
}
