namespace Graph.Client;

/// <summary>
/// A path: Nodes has one more element than Relationships; Relationships[i] connects Nodes[i] and Nodes[i+1]
/// (in either direction: compare its start and end element ids with the nodes to know which).
/// </summary>
public sealed class GraphPath : IEquatable<GraphPath>
{
    public GraphPath(IReadOnlyList<Node> nodes, IReadOnlyList<Relationship> relationships)
    {
        if (nodes.Count != relationships.Count + 1)
            throw new ArgumentException("A path has exactly one more node than relationships.");
        Nodes = nodes;
        Relationships = relationships;
    }

    public IReadOnlyList<Node> Nodes { get; }
    public IReadOnlyList<Relationship> Relationships { get; }
    public Node Start => Nodes[0];
    public Node End => Nodes[^1];
    public int Length => Relationships.Count;

    public bool Equals(GraphPath? other) =>
        other is not null && other.Nodes.SequenceEqual(Nodes) && other.Relationships.SequenceEqual(Relationships);
    public override bool Equals(object? obj) => Equals(obj as GraphPath);
    public override int GetHashCode() => HashCode.Combine(Start, End, Length);
    public override string ToString() => ValueFormatter.ToCypherLiteral(this);
}
