namespace Graph.Engine.Cypher.Semantics;

/// <summary>
/// One declared variable of a statement. The binder creates a symbol where a variable is declared (a pattern, UNWIND,
/// a projected column, an iteration variable, a YIELD, a subquery's result) and resolves every use of the name to it,
/// so two variables of the same name in different scopes are different symbols. Compared by reference; the planner gives
/// each symbol a slot.
/// </summary>
internal sealed class Symbol(int id, string name, CypherType type)
{
    /// <summary>Declaration order within the statement (unique).</summary>
    public int Id { get; } = id;

    public string Name { get; } = name;

    public CypherType Type { get; } = type;

    public VariableKind Kind => Type.Kind switch
    {
        TypeKind.Node => VariableKind.Node,
        TypeKind.Relationship => VariableKind.Relationship,
        TypeKind.Path => VariableKind.Path,
        _ => VariableKind.Value,
    };

    public override string ToString() => $"{Name}#{Id}";
}
