namespace Graph.Ingestion.Planning;

/// <summary>
/// One entity as it should be in the store: its node properties and the relationships it owns (by type, e.g. an
/// expert owns its AFFILIATED_WITH). <see cref="Hash"/> covers both, so an unchanged entity is never written.
/// </summary>
public sealed class EntityRow
{
    public EntityRow(string label, string id, string? source, Dictionary<string, object?> properties, Dictionary<string, List<Dictionary<string, object?>>> links)
    {
        Label = label;
        Id = id;
        Source = source;
        Links = links;
        Hash = ContentHash.Of(properties, links);
        properties["hash"] = Hash;   // takes ownership of the dictionary
        Properties = properties;
    }

    public string Label { get; }
    public string Id { get; }

    /// <summary>The document the node belongs to; null for registry nodes (a paradigm's source is provenance, not ownership).</summary>
    public string? Source { get; }
    public string Hash { get; }

    /// <summary>All node properties, id, source and hash included.</summary>
    public Dictionary<string, object?> Properties { get; }

    /// <summary>Owned relationships by type: the target rows ({id, role?, sign?}).</summary>
    public Dictionary<string, List<Dictionary<string, object?>>> Links { get; }

    public Dictionary<string, object?> ToUpsertRow() => new() { ["id"] = Id, ["properties"] = Properties };

    public Dictionary<string, object?> ToLinkRow(string type) => new()
    {
        ["id"] = Id,
        ["targets"] = Links.TryGetValue(type, out var targets) ? targets.Cast<object?>().ToList() : new List<object?>(),
    };
}
