using Graph.Client;

namespace Graph.Engine.Cypher.Ast;

internal abstract record Clause(InputPosition Position) : AstNode(Position);

/// <summary><c>[OPTIONAL] MATCH pattern [WHERE predicate]</c>.</summary>
internal sealed record MatchClause(InputPosition Position, bool Optional, Pattern Pattern, Expression? Where) : Clause(Position);

/// <summary><c>UNWIND expression AS variable</c>.</summary>
internal sealed record UnwindClause(InputPosition Position, Expression Expression, Variable Variable) : Clause(Position);

/// <summary><c>WITH body [WHERE predicate]</c>.</summary>
internal sealed record WithClause(InputPosition Position, ProjectionBody Body, Expression? Where) : Clause(Position);

/// <summary><c>RETURN body</c>.</summary>
internal sealed record ReturnClause(InputPosition Position, ProjectionBody Body) : Clause(Position);

/// <summary>
/// What WITH, RETURN and YIELD share: <c>[DISTINCT] [*,] items [ORDER BY ...] [SKIP n] [LIMIT n]</c>.
/// <see cref="IncludeExisting"/> is true for <c>*</c> (all variables in scope are projected too).
/// </summary>
internal sealed record ProjectionBody(
    InputPosition Position,
    bool Distinct,
    bool IncludeExisting,
    IReadOnlyList<ProjectionItem> Items,
    IReadOnlyList<SortItem> OrderBy,
    Expression? Skip,
    Expression? Limit) : AstNode(Position);

/// <summary>
/// One projected column. <see cref="Text"/> is the expression exactly as written in the query
/// (the column name when there is no alias, as Neo4j and the TCK expect).
/// </summary>
internal sealed record ProjectionItem(InputPosition Position, Expression Expression, Variable? Alias, string Text) : AstNode(Position)
{
    /// <summary>The column name: the alias, or the source text of the expression.</summary>
    public string Name => Alias?.Name ?? Text;
}

internal sealed record SortItem(InputPosition Position, Expression Expression, bool Descending) : AstNode(Position);

/// <summary><c>CREATE pattern</c>.</summary>
internal sealed record CreateClause(InputPosition Position, Pattern Pattern) : Clause(Position);

/// <summary><c>MERGE part [ON CREATE SET ...] [ON MATCH SET ...]</c>.</summary>
internal sealed record MergeClause(InputPosition Position, PatternPart Pattern, IReadOnlyList<MergeAction> Actions) : Clause(Position);

/// <summary><c>ON CREATE SET items</c> (<see cref="OnCreate"/> true) or <c>ON MATCH SET items</c>.</summary>
internal sealed record MergeAction(InputPosition Position, bool OnCreate, IReadOnlyList<SetItem> Items) : AstNode(Position);

/// <summary><c>SET item, item, ...</c>.</summary>
internal sealed record SetClause(InputPosition Position, IReadOnlyList<SetItem> Items) : Clause(Position);

internal abstract record SetItem(InputPosition Position) : AstNode(Position);

/// <summary><c>SET n.prop = value</c>.</summary>
internal sealed record SetPropertyItem(InputPosition Position, PropertyLookup Property, Expression Value) : SetItem(Position);

/// <summary><c>SET n = map</c> (<see cref="Merge"/> false: replace all properties) or <c>SET n += map</c> (merge).</summary>
internal sealed record SetPropertiesItem(InputPosition Position, Variable Variable, Expression Value, bool Merge) : SetItem(Position);

/// <summary><c>SET n:A:B</c>.</summary>
internal sealed record SetLabelsItem(InputPosition Position, Variable Variable, IReadOnlyList<string> Labels) : SetItem(Position);

/// <summary><c>REMOVE item, item, ...</c>.</summary>
internal sealed record RemoveClause(InputPosition Position, IReadOnlyList<RemoveItem> Items) : Clause(Position);

internal abstract record RemoveItem(InputPosition Position) : AstNode(Position);

/// <summary><c>REMOVE n.prop</c>.</summary>
internal sealed record RemovePropertyItem(InputPosition Position, PropertyLookup Property) : RemoveItem(Position);

/// <summary><c>REMOVE n:A:B</c>.</summary>
internal sealed record RemoveLabelsItem(InputPosition Position, Variable Variable, IReadOnlyList<string> Labels) : RemoveItem(Position);

/// <summary><c>[DETACH] DELETE expr, expr, ...</c>.</summary>
internal sealed record DeleteClause(InputPosition Position, bool Detach, IReadOnlyList<Expression> Expressions) : Clause(Position);

/// <summary><c>FOREACH (variable IN list | clauses)</c>.</summary>
internal sealed record ForeachClause(InputPosition Position, Variable Variable, Expression List, IReadOnlyList<Clause> Clauses) : Clause(Position);

/// <summary>
/// <c>CALL ns.name(args) [YIELD ...] [WHERE ...]</c>. <see cref="Arguments"/> is null for the implicit form
/// <c>CALL ns.name</c> (arguments taken from parameters of the same name). <see cref="YieldAll"/> is <c>YIELD *</c>.
/// <see cref="Yield"/> is null when there is no YIELD.
/// </summary>
internal sealed record CallClause(
    InputPosition Position,
    IReadOnlyList<string> Namespace,
    string Name,
    IReadOnlyList<Expression>? Arguments,
    bool YieldAll,
    IReadOnlyList<YieldItem>? Yield,
    Expression? Where) : Clause(Position)
{
    /// <summary>"ns.sub.name".</summary>
    public string FullName => Namespace.Count == 0 ? Name : string.Join('.', Namespace) + "." + Name;
}

/// <summary><c>YIELD field [AS alias]</c>: <see cref="Variable"/> is the alias, or a variable named like the field.</summary>
internal sealed record YieldItem(InputPosition Position, string Field, Variable Variable) : AstNode(Position);

/// <summary><c>CALL { query }</c>.</summary>
internal sealed record CallSubqueryClause(InputPosition Position, Query Query) : Clause(Position);
