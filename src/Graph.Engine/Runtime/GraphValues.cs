namespace Graph.Engine.Runtime;

// Runtime values during execution are plain objects:
//   null, bool, long, double, string, List<object?> (any IReadOnlyList<object?>),
//   Dictionary<string, object?> (any IReadOnlyDictionary<string, object?>), NodeValue, RelValue, PathValue.
// Nodes and relationships are references (ids) into the transaction; their labels and properties are
// read lazily, so a MATCH that only follows ids never loads properties.

/// <summary>A reference to a node of the current transaction.</summary>
public sealed class NodeValue(long id) : IEquatable<NodeValue>
{
    public long Id { get; } = id;
    public bool Equals(NodeValue? other) => other is not null && other.Id == Id;
    public override bool Equals(object? obj) => Equals(obj as NodeValue);
    public override int GetHashCode() => Id.GetHashCode();
    public override string ToString() => $"Node({Id})";
}

/// <summary>A reference to a relationship; type and ends are immutable so they are carried along.</summary>
public sealed class RelValue(long id, int type, long start, long end) : IEquatable<RelValue>
{
    public long Id { get; } = id;
    public int Type { get; } = type;
    public long Start { get; } = start;
    public long End { get; } = end;
    public long OtherEnd(long node) => node == Start ? End : Start;
    public bool Equals(RelValue? other) => other is not null && other.Id == Id;
    public override bool Equals(object? obj) => Equals(obj as RelValue);
    public override int GetHashCode() => Id.GetHashCode() * 31 + 7;
    public override string ToString() => $"Rel({Id})";
}

/// <summary>A path: Nodes.Length == Rels.Length + 1.</summary>
public sealed class PathValue(NodeValue[] nodes, RelValue[] rels) : IEquatable<PathValue>
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
