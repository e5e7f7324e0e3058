namespace Graph.Engine.Runtime;

// Runtime values during execution are plain objects:
//   null, bool, long, double, string, List<object?> (any IReadOnlyList<object?>),
//   Dictionary<string, object?> (any IReadOnlyDictionary<string, object?>), NodeValue, RelValue, PathValue.
// Nodes and relationships are references (ids) into the transaction; their labels and properties are
// read lazily, so a MATCH that only follows ids never loads properties.

/// <summary>A reference to a node of the current transaction.</summary>
internal sealed class NodeValue(long id) : IEquatable<NodeValue>
{
    public long Id { get; private set; } = id;

    /// <summary>
    /// Makes this value the node <paramref name="id"/>: only for the operator that made it, and only while its consumer
    /// keeps no value of a row past the row (<see cref="Execution.PlanOperator.ExecuteTransient"/> with reuseValues).
    /// </summary>
    internal void MoveTo(long id) => Id = id;
    public bool Equals(NodeValue? other) => other is not null && other.Id == Id;
    public override bool Equals(object? obj) => Equals(obj as NodeValue);
    public override int GetHashCode() => Id.GetHashCode();
    public override string ToString() => $"Node({Id})";
}
