namespace Graph.Ingestion.Planning;

/// <summary>
/// What a load reads and mirrors: the registry or not, every document or only the ones that changed, and the
/// documents that graph-data no longer holds (whose nodes and stances go). A full load mirrors everything: whatever
/// the store holds from graph-data that graph-data no longer has is removed.
/// </summary>
public sealed record LoadScope(bool Registry, IReadOnlySet<string>? Documents, IReadOnlySet<string> RemovedDocuments)
{
    public static LoadScope Full { get; } = new(true, null, new HashSet<string>());

    public bool IsFull => Registry && Documents is null;

    /// <summary>True when a document's nodes and stances in the store are mirrored by this load.</summary>
    public bool Covers(string? document) =>
        document is not null && (Documents is null || Documents.Contains(document) || RemovedDocuments.Contains(document));

    /// <summary>The documents whose store content is read and replaced (changed and removed ones).</summary>
    public IReadOnlyList<string> ScopedDocuments => [.. (Documents ?? new HashSet<string>()).Concat(RemovedDocuments).Order(StringComparer.Ordinal)];
}
