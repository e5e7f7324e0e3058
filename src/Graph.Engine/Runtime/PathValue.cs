namespace Graph.Engine.Runtime;

/// <summary>A path: Nodes.Length == Rels.Length + 1.</summary>
internal sealed class PathValue(NodeValue[] nodes, RelValue[] rels) : IEquatable<PathValue>
{
    public NodeValue[] Nodes { get; } = nodes;
    public RelValue[] Rels { get; } = rels;
    public int Length => Rels.Length;

    public bool Equals(PathValue? other)
    {
        if (other is null || other.Rels.Length != Rels.Length) return false;
        for (var i = 0; i < Nodes.Length; i++) if (Nodes[i].Id != other.Nodes[i].Id) return false;
        for (var i = 0; i < Rels.Length; i++) if (Rels[i].Id != other.Rels[i].Id) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as PathValue);
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var n in Nodes) h.Add(n.Id);
        foreach (var r in Rels) h.Add(r.Id);
        return h.ToHashCode();
    }
}
