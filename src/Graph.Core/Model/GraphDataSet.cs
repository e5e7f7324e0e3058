namespace Graph.Core.Model;

/// <summary>The shared registry (graph-data/registry/): paradigms, institutions, experts and claims of every document.</summary>
public sealed class GraphRegistry
{
    public List<Paradigm> Paradigms { get; } = [];
    public List<Institution> Institutions { get; } = [];
    public List<Expert> Experts { get; } = [];
    public List<Claim> Claims { get; } = [];
}

/// <summary>One source document (graph-data/documents/&lt;id&gt;/): its metadata, sessions, role resolutions and codings.</summary>
public sealed class GraphDocument
{
    public GraphDocument(string id, string folder, string displayFolder)
    {
        Id = id;
        Folder = folder;
        DisplayFolder = displayFolder;
    }

    /// <summary>The folder name, which is the document id.</summary>
    public string Id { get; }

    /// <summary>Full path of the document folder.</summary>
    public string Folder { get; }

    /// <summary>The folder as shown in messages (graph-data/documents/lc-l3702).</summary>
    public string DisplayFolder { get; }

    public SourceDocument? Source { get; set; }
    public List<Session> Sessions { get; } = [];
    public List<RoleResolution> Roles { get; } = [];

    /// <summary>The coding that stands (stances.yaml): what the graph shows for this document.</summary>
    public List<Stance> Stances { get; } = [];

    /// <summary>Independent codings by coder (codings/&lt;coder&gt;.yaml), kept for agreement; not loaded into the graph.</summary>
    public SortedDictionary<string, List<Stance>> Codings { get; } = new(StringComparer.Ordinal);

    /// <summary>Every stance of the document: the standing coding and the independent codings.</summary>
    public IEnumerable<Stance> AllStances => Stances.Concat(Codings.Values.SelectMany(c => c));
}

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

    public IEnumerable<SourceDocument> Sources => Documents.Select(d => d.Source).OfType<SourceDocument>();
    public IEnumerable<Paradigm> Paradigms => Registry.Paradigms;
    public IEnumerable<Institution> Institutions => Registry.Institutions;
    public IEnumerable<Expert> Experts => Registry.Experts;
    public IEnumerable<Claim> Claims => Registry.Claims;
    public IEnumerable<Session> Sessions => Documents.SelectMany(d => d.Sessions);

    /// <summary>The standing stances of every document read.</summary>
    public IEnumerable<Stance> Stances => Documents.SelectMany(d => d.Stances);
}
