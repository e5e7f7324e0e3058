namespace Graph.Storage;

/// <summary>
/// Interns names to ints. Tokens are global to the store, created on first use
/// and never removed (like Neo4j's token stores).
/// </summary>
public abstract class TokenRegistry
{
    public abstract int GetOrCreateLabel(string name);
    public abstract int GetOrCreateRelationshipType(string name);
    public abstract int GetOrCreatePropertyKey(string name);

    /// <summary>-1 when the name was never used: a read can then short-circuit to "no match".</summary>
    public abstract int LabelId(string name);
    public abstract int RelationshipTypeId(string name);
    public abstract int PropertyKeyId(string name);

    public abstract string LabelName(int id);
    public abstract string RelationshipTypeName(int id);
    public abstract string PropertyKeyName(int id);

    public abstract IReadOnlyList<string> AllLabels { get; }
    public abstract IReadOnlyList<string> AllRelationshipTypes { get; }
    public abstract IReadOnlyList<string> AllPropertyKeys { get; }
}
