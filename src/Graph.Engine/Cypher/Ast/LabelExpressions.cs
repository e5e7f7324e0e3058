using Graph.Client;

namespace Graph.Engine.Cypher.Ast;

/// <summary>
/// A Neo4j 5 label expression after ':' in a node pattern, a relationship pattern or a WHERE predicate:
/// <c>A</c>, <c>A|B</c> (either), <c>A&amp;B</c> (both), <c>!A</c> (not), <c>%</c> (any label), parentheses.
/// For a relationship, names are types and a relationship has exactly one.
/// </summary>
internal abstract record LabelExpression(InputPosition Position) : AstNode(Position);

internal sealed record LabelName(InputPosition Position, string Name) : LabelExpression(Position);

/// <summary><c>%</c>: the node has at least one label (a relationship always has a type).</summary>
internal sealed record LabelWildcard(InputPosition Position) : LabelExpression(Position);

internal sealed record LabelNot(InputPosition Position, LabelExpression Operand) : LabelExpression(Position);

internal sealed record LabelAnd(InputPosition Position, LabelExpression Left, LabelExpression Right) : LabelExpression(Position);

internal sealed record LabelOr(InputPosition Position, LabelExpression Left, LabelExpression Right) : LabelExpression(Position);
