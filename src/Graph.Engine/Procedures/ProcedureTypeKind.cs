namespace Graph.Engine.Procedures;

/// <summary>The kinds of value a procedure argument or output can declare (Neo4j's procedure type names).</summary>
public enum ProcedureTypeKind
{
    Any,
    Boolean,
    Integer,
    Float,
    Number,
    String,
    Map,
    Node,
    Relationship,
    Path,
    List,
}
