namespace Graph.Engine.Cypher.Semantics;

/// <summary>What a variable holds, as far as the binder knows when it is declared.</summary>
internal enum VariableKind
{
    Node,
    Relationship,
    Path,

    /// <summary>Anything else, or not known statically (a relationship list of a variable-length pattern is a value).</summary>
    Value,
}
