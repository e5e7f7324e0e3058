namespace Graph.Core.Model;

/// <summary>
/// A graph-data directory, or the part of it that was read: the registry (when <see cref="HasRegistry"/>) and
/// documents in id order.
/// </summary>
public sealed class GraphDataSet
{
    public GraphDataSet(string directory, GraphRegistry? registry, IReadOnlyList<GraphDocument> documents)
    {
        Directory = directory;
        HasRegistry = registry is not null;
        Registry = registry ?? new GraphRegistry();
        Documents = documents;
    }

    public string Directory { get; }

    /// <summary>How many YAML files this read parsed (the registry's and the selected documents'), to show what a request cost.</summary>
    public int FilesRead { get; init; }

    /// <summary>False when only some documents were read (an incremental load): references then resolve elsewhere.</summary>
    public bool HasRegistry { get; }

    public GraphRegistry Registry { get; }
    public IReadOnlyList<GraphDocument> Documents { get; }

    /// <summary>
    /// What could not be read, by file kind ("experts"): whole files that failed, and ids of entries that were
    /// dropped for errors. References to them are not reported again as dangling: one mistake, one message.
    /// </summary>
    public HashSet<string> UnreadableKinds { get; } = [];
    public Dictionary<string, HashSet<string>> UnreadableIds { get; } = [];

    public bool MayExist(string kind, string id) =>
        UnreadableKinds.Contains(kind) || (UnreadableIds.TryGetValue(kind, out var ids) && ids.Contains(id));

    public IEnumerable<DocumentEntry> Sources => Documents.Select(d => d.Source).OfType<DocumentEntry>();
    public IEnumerable<ParadigmEntry> Paradigms => Registry.Paradigms;
    public IEnumerable<InstitutionEntry> Institutions => Registry.Institutions;
    public IEnumerable<ExpertEntry> Experts => Registry.Experts;
    public IEnumerable<ClaimEntry> Claims => Registry.Claims;
    public IEnumerable<SessionEntry> Sessions => Documents.SelectMany(d => d.Sessions);

    /// <summary>The standing stances of every document read (a stance a review rejected is not among them).</summary>
    public IEnumerable<StanceEntry> Stances => Documents.SelectMany(d => d.Standing);
}
