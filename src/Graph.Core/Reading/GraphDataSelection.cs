namespace Graph.Core.Reading;

/// <summary>
/// Which part of a graph-data directory to read: the registry or not, and all documents or only some (an
/// incremental load reads only what changed).
/// </summary>
public sealed record GraphDataSelection(bool Registry, IReadOnlySet<string>? Documents)
{
    /// <summary>
    /// Files to read with the given content instead of their content on disk (full path to text): an edit is
    /// validated before it is saved.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Pending { get; init; }

    public static GraphDataSelection All { get; } = new(true, null);

    public bool Includes(string documentId) => Documents is null || Documents.Contains(documentId);
}
