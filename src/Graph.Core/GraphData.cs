using Graph.Core.Diagnostics;
using Graph.Core.Model;
using Graph.Core.Reading;
using Graph.Core.Validation;

namespace Graph.Core;

/// <summary>Entry point: read and validate a graph-data directory (what `graph validate` runs).</summary>
public static class GraphData
{
    public static GraphDataResult Load(string directory, GraphDataOptions? options = null) =>
        Load(directory, GraphDataSelection.All, null, options);

    /// <summary>
    /// Reads and validates part of a directory (an incremental load): <paramref name="known"/> supplies the ids of
    /// what is not read.
    /// </summary>
    public static GraphDataResult Load(string directory, GraphDataSelection selection, KnownIds? known, GraphDataOptions? options = null)
    {
        var diagnostics = new DiagnosticBag();
        var data = new GraphDataReader(diagnostics, options).Read(directory, selection);
        new GraphDataValidator(diagnostics, options).Validate(data, known);
        return new GraphDataResult(data, diagnostics.Items);
    }
}
