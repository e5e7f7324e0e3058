namespace Graph.Client;

/// <summary>A relationship as returned by a query: a snapshot, not a live handle.</summary>
public sealed class Relationship : IEquatable<Relationship>
{
    public Relationship(string elementId, string type, string startNodeElementId, string endNodeElementId, IReadOnlyDictionary<string, object?> properties)
    {
        ElementId = elementId;
        Type = type;
        StartNodeElementId = startNodeElementId;
        EndNodeElementId = endNodeElementId;
        Properties = properties;
    }

    public string ElementId { get; }
    public string Type { get; }
    public string StartNodeElementId { get; }
    public string EndNodeElementId { get; }
    public IReadOnlyDictionary<string, object?> Properties { get; }

    public object? this[string key] => Properties.TryGetValue(key, out var v) ? v : null;

    public bool Equals(Relationship? other) => other is not null && other.ElementId == ElementId;
    public override bool Equals(object? obj) => Equals(obj as Relationship);
    public override int GetHashCode() => ElementId.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => ValueFormatter.ToCypherLiteral(this);
}
