namespace Graph.Storage;

public sealed record IndexDefinition(string Name, int Label, IReadOnlyList<int> PropertyKeys, bool Unique)
{
    /// <summary>Name of the owning constraint when this index backs a unique constraint.</summary>
    public string? ConstraintName { get; init; }
}
