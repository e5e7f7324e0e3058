namespace Graph.Engine.Cypher.Semantics;

internal enum TypeKind
{
    /// <summary>Unknown at compile time.</summary>
    Any,
    Null,
    Boolean,
    Integer,
    Float,
    String,
    Map,
    List,
    Node,
    Relationship,
    Path,
}
