using Graph.Client;

namespace Graph.Engine.Cypher.Ast;

/// <summary>A comma-separated list of pattern parts: <c>(a)-->(b), p = (c)--(d)</c>.</summary>
internal sealed record Pattern(InputPosition Position, IReadOnlyList<PatternPart> Parts) : AstNode(Position);

internal enum PathSelector
{
    /// <summary>A plain pattern: every match.</summary>
    All,
    /// <summary><c>shortestPath(...)</c>.</summary>
    Shortest,
    /// <summary><c>allShortestPaths(...)</c>.</summary>
    AllShortest,
}

/// <summary>
/// One connected path pattern, optionally named (<c>p = ...</c>) and optionally wrapped in
/// shortestPath / allShortestPaths.
/// </summary>
internal sealed record PatternPart(InputPosition Position, Variable? PathVariable, PathSelector Selector, PatternElement Element) : AstNode(Position);

/// <summary>
/// A chain <c>(n0)-[r0]-(n1)-[r1]-(n2)...</c>: <see cref="Nodes"/> has one more entry than
/// <see cref="Relationships"/>; relationship i connects node i and node i+1.
/// </summary>
internal sealed record PatternElement(InputPosition Position, IReadOnlyList<NodePattern> Nodes, IReadOnlyList<RelationshipPattern> Relationships) : AstNode(Position);

/// <summary>
/// <c>(variable:Label1:Label2 {props})</c>. <see cref="Properties"/> is a <see cref="MapLiteral"/> or a
/// <see cref="Parameter"/>, or null.
/// </summary>
internal sealed record NodePattern(InputPosition Position, Variable? Variable, IReadOnlyList<string> Labels, Expression? Properties) : AstNode(Position)
{
    /// <summary>
    /// The part of a label expression that is not a plain conjunction (<c>(n:A|B)</c>, <c>(n:A&amp;!B)</c>); the node must
    /// have every label in <see cref="Labels"/> and satisfy this too. Null for <c>(n:A:B)</c>.
    /// </summary>
    public LabelExpression? LabelExpression { get; init; }
}

internal enum RelationshipDirection
{
    /// <summary><c>(a)-[]->(b)</c>: from the left node to the right node.</summary>
    Outgoing,
    /// <summary><c>(a)&lt;-[]-(b)</c>: from the right node to the left node.</summary>
    Incoming,
    /// <summary><c>(a)-[]-(b)</c> or <c>(a)&lt;-[]-&gt;(b)</c>: either direction.</summary>
    Both,
}

/// <summary>
/// <c>-[variable:T1|T2 *min..max {props}]-&gt;</c>. <see cref="Types"/> empty means any type;
/// <see cref="Length"/> null means exactly one hop.
/// </summary>
internal sealed record RelationshipPattern(
    InputPosition Position,
    Variable? Variable,
    IReadOnlyList<string> Types,
    Expression? Properties,
    RelationshipDirection Direction,
    VariableLength? Length) : AstNode(Position)
{
    /// <summary>
    /// A type expression that is not a plain disjunction (<c>[:!R]</c>, <c>[:%]</c>, <c>[:(R|S)&amp;!T]</c>); then
    /// <see cref="Types"/> is empty and the relationship's type must satisfy this.
    /// </summary>
    public LabelExpression? TypeExpression { get; init; }
}

/// <summary>
/// <c>*</c> (both null), <c>*2</c> (2, 2), <c>*1..3</c>, <c>*..3</c> (null, 3), <c>*2..</c> (2, null).
/// A null <see cref="Min"/> means 1; a null <see cref="Max"/> means unbounded.
/// </summary>
internal sealed record VariableLength(InputPosition Position, long? Min, long? Max) : AstNode(Position);
