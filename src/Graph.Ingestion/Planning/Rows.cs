using System.Security.Cryptography;
using System.Text;

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

/// <summary>One stance as it should be in the store: (expert)-[ENDORSES|CRITICIZES {properties}]->(claim).</summary>
public sealed class StanceRow
{
    public StanceRow(string expert, string claim, string type, Dictionary<string, object?> properties)
    {
        Expert = expert;
        Claim = claim;
        Type = type;
        // Takes ownership of the dictionary: one per stance, not a copy (a million stances make this count).
        properties["type"] = type;
        Hash = ContentHash.Of(properties, null);
        properties.Remove("type");
        properties["hash"] = Hash;
        Properties = properties;
    }

    public string Expert { get; }
    public string Claim { get; }
    public string Type { get; }
    public string Hash { get; }
    public string Source => (string)Properties["source"]!;
    public Dictionary<string, object?> Properties { get; }

    public StanceKey Key => new(Source, Expert, Claim);

    public Dictionary<string, object?> ToUpsertRow() => new() { ["expert"] = Expert, ["claim"] = Claim, ["source"] = Source, ["properties"] = Properties };
}

/// <summary>A stance's identity in the store: one per document, expert and claim.</summary>
public readonly record struct StanceKey(string Source, string Expert, string Claim);

/// <summary>A short, stable digest of property values (sorted by key) used to detect changes.</summary>
public static class ContentHash
{
    public static string Of(IReadOnlyDictionary<string, object?> properties, IReadOnlyDictionary<string, List<Dictionary<string, object?>>>? links)
    {
        var text = new StringBuilder();
        Append(text, properties);
        if (links is not null)
            foreach (var (type, targets) in links.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                text.Append('|').Append(type).Append(':');
                foreach (var target in targets) Append(text, target);
            }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static void Append(StringBuilder text, IReadOnlyDictionary<string, object?> map)
    {
        text.Append('{');
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (value is null) continue;
            text.Append(key).Append('=');
            AppendValue(text, value);
            text.Append('\u001e');
        }
        text.Append('}');
    }

    private static void AppendValue(StringBuilder text, object value)
    {
        switch (value)
        {
            case string s: text.Append('"').Append(s.Replace("\"", "\\\"")).Append('"'); break;
            case double d: text.Append(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)); break;
            case System.Collections.IEnumerable list:
                text.Append('[');
                foreach (var item in list) { if (item is not null) AppendValue(text, item); text.Append(','); }
                text.Append(']');
                break;
            default: text.Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }
}
