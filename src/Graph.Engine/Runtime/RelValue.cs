namespace Graph.Engine.Runtime;

/// <summary>A reference to a relationship; type and ends are immutable so they are carried along.</summary>
internal sealed class RelValue(long id, int type, long start, long end) : IEquatable<RelValue>
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
