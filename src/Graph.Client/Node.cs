namespace Graph.Client;

/// <summary>A node as returned by a query: a snapshot, not a live handle.</summary>
public sealed class Node : IEquatable<Node>
{
    public Node(string elementId, IReadOnlyList<string> labels, IReadOnlyDictionary<string, object?> properties)
    {
        ElementId = elementId;
        Labels = labels;
        Properties = properties;
    }

    public string ElementId { get; }
    public IReadOnlyList<string> Labels { get; }
    public IReadOnlyDictionary<string, object?> Properties { get; }

    public object? this[string key] => Properties.TryGetValue(key, out var v) ? v : null;

    public bool Equals(Node? other) => other is not null && other.ElementId == ElementId;
    public override bool Equals(object? obj) => Equals(obj as Node);
    public override int GetHashCode() => ElementId.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => ValueFormatter.ToCypherLiteral(this);
}
