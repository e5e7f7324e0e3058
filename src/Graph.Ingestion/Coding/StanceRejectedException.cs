using Graph.Core.Diagnostics;

namespace Graph.Ingestion.Coding;

/// <summary>The edit would make graph-data invalid (an unknown expert, a quote not in the text, ...); nothing was written.</summary>
public sealed class StanceRejectedException(IReadOnlyList<Diagnostic> errors)
    : Exception("the stance was not saved: " + string.Join("; ", errors.Select(e => e.ToString())))
{
    public IReadOnlyList<Diagnostic> Errors { get; } = errors;
}
