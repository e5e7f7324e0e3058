namespace Graph.Core.Model;

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

    public DocumentEntry? Source { get; set; }
    public List<SessionEntry> Sessions { get; } = [];
    public List<RoleResolution> Roles { get; } = [];

    /// <summary>The coding that stands (stances.yaml): what the graph shows for this document.</summary>
    public List<StanceEntry> Stances { get; } = [];

    /// <summary>Independent codings by coder (codings/&lt;coder&gt;.yaml), kept for agreement; not loaded into the graph.</summary>
    public SortedDictionary<string, List<StanceEntry>> Codings { get; } = new(StringComparer.Ordinal);

    /// <summary>Reviewers' decisions on disagreements between coders (reviews.yaml).</summary>
    public List<ReviewEntry> Reviews { get; } = [];

    /// <summary>Stances of stances.yaml that a review rejected (filled in by the validator): kept in the file, not loaded.</summary>
    public HashSet<StanceEntry> Rejected { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The stances the graph shows: stances.yaml less the stances a review rejected.</summary>
    public IEnumerable<StanceEntry> Standing => Rejected.Count == 0 ? Stances : Stances.Where(s => !Rejected.Contains(s));

    /// <summary>Every stance of the document: the standing coding and the independent codings.</summary>
    public IEnumerable<StanceEntry> AllStances => Stances.Concat(Codings.Values.SelectMany(c => c));
}
