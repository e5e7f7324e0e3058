namespace Graph.Engine.Procedures;

/// <summary>What a procedure may do, as Neo4j classifies procedures (SHOW PROCEDURES' "mode" column).</summary>
public enum ProcedureMode
{
    /// <summary>Reads the graph only: allowed in read sessions.</summary>
    Read,
    /// <summary>Writes the graph: the statement needs a write session.</summary>
    Write,
    /// <summary>Changes indexes or constraints.</summary>
    Schema,
    /// <summary>Reads or manages the database server rather than the graph (components, the current user).</summary>
    Dbms,
}
