using Graph.Core.Model;

namespace Graph.Core.Diagnostics;

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
