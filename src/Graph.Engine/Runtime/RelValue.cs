namespace Graph.Engine.Runtime;

/// <summary>A reference to a relationship; type and ends are immutable so they are carried along.</summary>
internal sealed class RelValue(long id, int type, long start, long end) : IEquatable<RelValue>
{
    public long Id { get; private set; } = id;
    public int Type { get; private set; } = type;
    public long Start { get; private set; } = start;
    public long End { get; private set; } = end;

    /// <summary>
    /// Makes this value the relationship <paramref name="r"/>: only for the operator that made it, and only while its
    /// consumer keeps no value of a row past the row (<see cref="Execution.PlanOperator.ExecuteTransient"/> with reuseValues).
    /// </summary>
    internal void MoveTo(Graph.Storage.RelationshipRef r)
    {
        Id = r.Id;
        Type = r.Type;
        Start = r.Start;
        End = r.End;
    }
    public long OtherEnd(long node) => node == Start ? End : Start;
    public bool Equals(RelValue? other) => other is not null && other.Id == Id;
    public override bool Equals(object? obj) => Equals(obj as RelValue);
    public override int GetHashCode() => Id.GetHashCode() * 31 + 7;
    public override string ToString() => $"Rel({Id})";
}
