namespace Graph.Core.Model;

/// <summary>Everything one source document folder defines (graph-data/&lt;id&gt;/).</summary>
public sealed class GraphDocument
{
    public GraphDocument(string folder, string displayFolder)
    {
        Folder = folder;
        DisplayFolder = displayFolder;
    }

    /// <summary>Full path of the document folder.</summary>
    public string Folder { get; }

    /// <summary>The folder as shown in messages (graph-data/lc-l3702).</summary>
    public string DisplayFolder { get; }

    public SourceDocument? Source { get; set; }
    public List<Paradigm> Paradigms { get; } = [];
    public List<Institution> Institutions { get; } = [];
    public List<Expert> Experts { get; } = [];
    public List<Session> Sessions { get; } = [];
    public List<Claim> Claims { get; } = [];
    public List<Stance> Stances { get; } = [];
}

/// <summary>A whole graph-data directory: its documents in folder order.</summary>
public sealed class GraphDataSet
{
    public GraphDataSet(string directory, IReadOnlyList<GraphDocument> documents)
    {
        Directory = directory;
        Documents = documents;
    }

    public string Directory { get; }
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
    public IEnumerable<Paradigm> Paradigms => Documents.SelectMany(d => d.Paradigms);
    public IEnumerable<Institution> Institutions => Documents.SelectMany(d => d.Institutions);
    public IEnumerable<Expert> Experts => Documents.SelectMany(d => d.Experts);
    public IEnumerable<Session> Sessions => Documents.SelectMany(d => d.Sessions);
    public IEnumerable<Claim> Claims => Documents.SelectMany(d => d.Claims);
    public IEnumerable<Stance> Stances => Documents.SelectMany(d => d.Stances);
}
