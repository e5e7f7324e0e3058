using Graph.Client;

namespace Graph.Engine.Cypher.Ast;

/// <summary>How a statement is run: normally, EXPLAIN (planned, not run) or PROFILE (run, recording what each operator did).</summary>
internal enum ExecutionMode
{
    Normal,
    Explain,
    Profile,
}

/// <summary>A complete statement: a query (possibly a UNION) or a schema command.</summary>
internal abstract record Statement(InputPosition Position) : AstNode(Position)
{
    /// <summary>The statement's EXPLAIN or PROFILE prefix.</summary>
    public ExecutionMode Mode { get; init; }
}

/// <summary>A read/write query: a single clause sequence or a UNION of them.</summary>
internal abstract record Query(InputPosition Position) : Statement(Position);

/// <summary>A sequence of clauses, e.g. MATCH ... WITH ... RETURN ...</summary>
internal sealed record SingleQuery(InputPosition Position, IReadOnlyList<Clause> Clauses) : Query(Position);

/// <summary>
/// <c>Left UNION [ALL] Right</c>. Left-associative: <c>a UNION b UNION ALL c</c> is
/// <c>Union(Union(a, b, All: false), c, All: true)</c>; mixing UNION and UNION ALL is a semantic error.
/// </summary>
internal sealed record UnionQuery(InputPosition Position, Query Left, SingleQuery Right, bool All) : Query(Position)
{
    /// <summary>The single queries in source order (walked in a loop: a generated statement may have thousands of parts).</summary>
    public IEnumerable<SingleQuery> Parts()
    {
        var parts = new List<SingleQuery>();
        Query current = this;
        while (current is UnionQuery union)
        {
            parts.Add(union.Right);
            current = union.Left;
        }
        parts.Add((SingleQuery)current);
        parts.Reverse();
        return parts;
    }
}

/// <summary>Schema commands (Neo4j 5 syntax).</summary>
internal abstract record SchemaCommand(InputPosition Position) : Statement(Position);

internal enum ConstraintKind
{
    /// <summary><c>REQUIRE n.p IS UNIQUE</c> (or <c>(n.a, n.b) IS UNIQUE</c>).</summary>
    Unique,
    /// <summary><c>REQUIRE n.p IS NOT NULL</c>.</summary>
    NotNull,
    /// <summary><c>REQUIRE (n.a, n.b) IS NODE KEY</c>.</summary>
    NodeKey,
}

/// <summary>
/// <c>CREATE CONSTRAINT [name] [IF NOT EXISTS] FOR (n:Label) REQUIRE n.prop IS UNIQUE</c>.
/// For relationships (<c>FOR ()-[r:TYPE]-()</c>) <see cref="IsRelationship"/> is true and
/// <see cref="LabelOrType"/> is the relationship type.
/// </summary>
internal sealed record CreateConstraintCommand(
    InputPosition Position,
    string? Name,
    bool IfNotExists,
    string Variable,
    string LabelOrType,
    bool IsRelationship,
    IReadOnlyList<string> Properties,
    ConstraintKind Kind) : SchemaCommand(Position);

/// <summary><c>CREATE INDEX [name] [IF NOT EXISTS] FOR (n:Label) ON (n.a[, n.b])</c>.</summary>
internal sealed record CreateIndexCommand(
    InputPosition Position,
    string? Name,
    bool IfNotExists,
    string Variable,
    string LabelOrType,
    bool IsRelationship,
    IReadOnlyList<string> Properties) : SchemaCommand(Position);

/// <summary><c>DROP CONSTRAINT name [IF EXISTS]</c>.</summary>
internal sealed record DropConstraintCommand(InputPosition Position, string Name, bool IfExists) : SchemaCommand(Position);

/// <summary><c>DROP INDEX name [IF EXISTS]</c>.</summary>
internal sealed record DropIndexCommand(InputPosition Position, string Name, bool IfExists) : SchemaCommand(Position);

internal enum SchemaObjectKind
{
    Constraints,
    Indexes,
}

/// <summary>
/// <c>SHOW CONSTRAINTS | SHOW INDEXES [YIELD ...] [WHERE ...] [RETURN ...]</c>.
/// <see cref="Yield"/> (null when absent) projects the listing's columns, <see cref="Where"/> filters
/// (after YIELD when both are given), <see cref="Return"/> projects the final result.
/// </summary>
internal sealed record ShowSchemaCommand(
    InputPosition Position,
    SchemaObjectKind Kind,
    ProjectionBody? Yield,
    Expression? Where,
    ReturnClause? Return) : SchemaCommand(Position);

/// <summary>What a <see cref="ShowCommand"/> lists.</summary>
internal enum ShowKind
{
    /// <summary><c>SHOW DATABASES</c> (or <c>SHOW DATABASE name</c> with <see cref="ShowCommand.Name"/>).</summary>
    Databases,
    /// <summary><c>SHOW DEFAULT DATABASE</c>.</summary>
    DefaultDatabase,
    /// <summary><c>SHOW HOME DATABASE</c>.</summary>
    HomeDatabase,
    /// <summary><c>SHOW PROCEDURES [EXECUTABLE [BY ...]]</c>.</summary>
    Procedures,
    /// <summary><c>SHOW [ALL | BUILT IN] FUNCTIONS [EXECUTABLE [BY ...]]</c>.</summary>
    Functions,
    /// <summary><c>SHOW USER DEFINED FUNCTIONS</c>: the engine has none.</summary>
    UserDefinedFunctions,
    /// <summary><c>SHOW CURRENT USER</c>.</summary>
    CurrentUser,
}

/// <summary>
/// <c>SHOW DATABASES | PROCEDURES | FUNCTIONS | CURRENT USER [YIELD ...] [WHERE ...] [RETURN ...]</c>: a listing with
/// Neo4j's columns. Without YIELD only the default columns are returned (WHERE may still read every column).
/// </summary>
internal sealed record ShowCommand(InputPosition Position, ShowKind Kind, ProjectionBody? Yield, Expression? Where, ReturnClause? Return) : Statement(Position)
{
    /// <summary>The database of <c>SHOW DATABASE name</c>; null for all.</summary>
    public string? Name { get; init; }
}
