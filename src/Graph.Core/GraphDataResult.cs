using Graph.Core.Diagnostics;
using Graph.Core.Model;

namespace Graph.Core;

/// <summary>The outcome of reading and validating a graph-data directory.</summary>
public sealed record GraphDataResult(GraphDataSet Data, IReadOnlyList<Diagnostic> Diagnostics)
{
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == Severity.Error);
    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => d.Severity == Severity.Warning);
    public bool IsValid => !Errors.Any();
}
