using Graph.Core.Model;

namespace Graph.Core.Diagnostics;

public enum Severity
{
    Error,
    Warning,
}

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

/// <summary>Collects diagnostics while reading and validating.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;
    public IEnumerable<Diagnostic> Errors => _items.Where(d => d.Severity == Severity.Error);
    public IEnumerable<Diagnostic> Warnings => _items.Where(d => d.Severity == Severity.Warning);
    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    public void Error(SourceLocation location, string field, string message) =>
        _items.Add(new Diagnostic(Severity.Error, location, field, message));

    public void Warning(SourceLocation location, string field, string message) =>
        _items.Add(new Diagnostic(Severity.Warning, location, field, message));

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);
}
