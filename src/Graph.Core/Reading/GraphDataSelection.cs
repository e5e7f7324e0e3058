namespace Graph.Core.Reading;

/// <summary>
/// Which part of a graph-data directory to read: the registry or not, and all documents or only some (an
/// incremental load reads only what changed).
/// </summary>
public sealed record GraphDataSelection(bool Registry, IReadOnlySet<string>? Documents)
{
    public static GraphDataSelection All { get; } = new(true, null);

    public bool Includes(string documentId) => Documents is null || Documents.Contains(documentId);
}
