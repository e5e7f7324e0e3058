using Graph.Core.Model;

namespace Graph.Ingestion.Planning;

/// <summary>The store content graph-data asks for, as rows ready for the Cypher of cypher/ingest.</summary>
public sealed class DesiredState
{
    /// <summary>Node labels in write order: a label's relationships point only to labels written before or with it.</summary>
    public static readonly IReadOnlyList<string> Labels = ["Source", "Paradigm", "Institution", "Expert", "Session", "Claim"];

    /// <summary>Owned relationship types by the label that owns them, and the Cypher file that writes them.</summary>
    public static readonly IReadOnlyList<(string Label, string Type, string Script)> LinkTypes =
    [
        ("Institution", "PART_OF", "part-of"),
        ("Expert", "AFFILIATED_WITH", "affiliated-with"),
        ("Session", "SPOKE_IN", "spoke-in"),
        ("Session", "MODERATED", "moderated"),
        ("Claim", "ALIGNS_WITH", "aligns-with"),
        ("Claim", "SUPPORTS", "supports"),
        ("Claim", "CONTRADICTS", "contradicts"),
    ];

    public static string FileOf(string label) => label switch
    {
        "Source" => "sources",
        "Paradigm" => "paradigms",
        "Institution" => "institutions",
        "Expert" => "experts",
        "Session" => "sessions",
        "Claim" => "claims",
        _ => throw new ArgumentOutOfRangeException(nameof(label), label, null),
    };

    /// <summary>The labels of the shared registry: their nodes belong to no document (a Paradigm records the document its quote comes from).</summary>
    public static readonly IReadOnlySet<string> RegistryLabels = new HashSet<string>(["Paradigm", "Institution", "Expert", "Claim"], StringComparer.Ordinal);

    public Dictionary<string, Dictionary<string, EntityRow>> Entities { get; } = Labels.ToDictionary(l => l, _ => new Dictionary<string, EntityRow>(StringComparer.Ordinal));
    public Dictionary<StanceKey, StanceRow> Stances { get; } = [];

    /// <summary>The documents this state describes (all of graph-data, or the ones an incremental load read).</summary>
    public HashSet<string> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>True when the registry was read, so that registry nodes the registry no longer holds are removed.</summary>
    public bool HasRegistry { get; private set; }

    public static DesiredState From(GraphDataSet data)
    {
        var state = new DesiredState { HasRegistry = data.HasRegistry };
        foreach (var d in data.Documents) state.Sources.Add(d.Id);
        foreach (var s in data.Sources)
            state.Add("Source", s, Props(s, s.Id, ("symbol", s.Symbol), ("title", s.Title), ("date", s.Date), ("publisher", s.Publisher), ("citation", s.Citation)));
        foreach (var p in data.Paradigms)
            state.Add("Paradigm", p, Props(p, p.Source, ("name", p.Name), ("description", p.Description), ("quote", p.Quote), ("section", p.Section)));
        foreach (var i in data.Institutions)
            state.Add("Institution", i, Props(i, null, ("name", i.Name), ("acronym", i.Acronym), ("type", i.Type), ("country", i.Country)),
                ("PART_OF", i.Parent is null ? [] : [Target(i.Parent.Id)]));
        foreach (var e in data.Experts)
            state.Add("Expert", e, Props(e, null, ("name", e.Name), ("aliases", e.Aliases.Cast<object?>().ToList()), ("bio", e.Bio),
                    ("country", e.Country), ("roles", e.Roles.Cast<object?>().ToList())),
                ("AFFILIATED_WITH", e.Affiliations.Select(a => Target(a.Institution.Id, ("role", a.Role))).ToList()));
        foreach (var s in data.Sessions)
            state.Add("Session", s, Props(s, s.Source, ("number", s.Number), ("title", s.Title), ("date", s.Date), ("section", s.Section)),
                ("SPOKE_IN", s.Speakers.Select(x => Target(x.Id)).ToList()),
                ("MODERATED", s.Moderators.Select(x => Target(x.Id)).ToList()));
        foreach (var c in data.Claims)
            state.Add("Claim", c, Props(c, null, ("text", c.Text), ("topic", c.Topic)),
                ("ALIGNS_WITH", c.Paradigms.Select(p => Target(p.Paradigm.Id, ("sign", (long)(int)p.Sign))).ToList()),
                ("SUPPORTS", c.Relations.Where(r => r.Kind == ClaimRelationKind.Supports).Select(r => Target(r.Target.Id)).ToList()),
                ("CONTRADICTS", c.Relations.Where(r => r.Kind == ClaimRelationKind.Contradicts).Select(r => Target(r.Target.Id)).ToList()));
        foreach (var s in data.Stances) state.AddStance(s);
        return state;
    }

    /// <summary>The row of one stance of a document's standing coding.</summary>
    public static StanceRow RowOf(StanceEntry s)
    {
            var properties = new Dictionary<string, object?>
            {
                ["quote"] = s.Quote,
                ["source"] = s.Source,
                ["coder"] = s.Coder,
                ["section"] = s.Section,
                ["line"] = s.Line is { } line ? (long)line : null,
                ["confidence"] = s.Confidence,
                ["note"] = s.Note,
                ["session"] = s.Session?.Id,
            };
            RemoveNulls(properties);
            var type = s.Kind == StanceKind.Endorses ? "ENDORSES" : "CRITICIZES";
            return new StanceRow(s.Expert.Id, s.Claim.Id, type, properties);
    }

    public void AddStance(StanceEntry stance)
    {
        var row = RowOf(stance);
        Stances[row.Key] = row;
    }

    private void Add(string label, IEntity entity, Dictionary<string, object?> properties, params (string Type, List<Dictionary<string, object?>> Targets)[] links) =>
        Entities[label][entity.Id] = new EntityRow(label, entity.Id, RegistryLabels.Contains(label) ? null : properties.GetValueOrDefault("source") as string, properties, links.ToDictionary(l => l.Type, l => l.Targets));

    /// <param name="source">The document the entity belongs to (or, for a paradigm, comes from); null for registry entities.</param>
    private static Dictionary<string, object?> Props(IEntity entity, string? source, params (string Key, object? Value)[] values)
    {
        var properties = new Dictionary<string, object?> { ["id"] = entity.Id, ["source"] = source };
        foreach (var (key, value) in values) properties[key] = value;
        RemoveNulls(properties);
        return properties;
    }

    private static Dictionary<string, object?> Target(string id, params (string Key, object? Value)[] values)
    {
        var target = new Dictionary<string, object?> { ["id"] = id };
        foreach (var (key, value) in values) target[key] = value;
        return target;
    }

    // A null property is an absent property in Cypher; leaving it out keeps hashes and writes minimal.
    private static void RemoveNulls(Dictionary<string, object?> properties)
    {
        foreach (var key in properties.Where(p => p.Value is null).Select(p => p.Key).ToList()) properties.Remove(key);
    }
}
