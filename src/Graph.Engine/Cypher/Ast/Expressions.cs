using Graph.Client;

namespace Graph.Engine.Cypher.Ast;

internal abstract record Expression(InputPosition Position) : AstNode(Position);

// ---- literals -------------------------------------------------------------------------------

internal sealed record IntegerLiteral(InputPosition Position, long Value) : Expression(Position);

internal sealed record FloatLiteral(InputPosition Position, double Value) : Expression(Position);

internal sealed record StringLiteral(InputPosition Position, string Value) : Expression(Position);

internal sealed record BooleanLiteral(InputPosition Position, bool Value) : Expression(Position);

internal sealed record NullLiteral(InputPosition Position) : Expression(Position);

internal sealed record ListLiteral(InputPosition Position, IReadOnlyList<Expression> Items) : Expression(Position);

/// <summary><c>{key: value, ...}</c>; entries in source order.</summary>
internal sealed record MapLiteral(InputPosition Position, IReadOnlyList<MapEntry> Entries) : Expression(Position);

internal sealed record MapEntry(InputPosition Position, string Key, Expression Value) : AstNode(Position);

/// <summary><c>$name</c> or <c>$0</c> (Name "0").</summary>
internal sealed record Parameter(InputPosition Position, string Name) : Expression(Position);

// ---- names and access -----------------------------------------------------------------------

internal sealed record Variable(InputPosition Position, string Name) : Expression(Position);

/// <summary><c>subject.property</c>.</summary>
internal sealed record PropertyLookup(InputPosition Position, Expression Subject, string PropertyName) : Expression(Position);

/// <summary><c>subject[index]</c>: list index or dynamic map/property key.</summary>
internal sealed record IndexExpression(InputPosition Position, Expression Subject, Expression Index) : Expression(Position);

/// <summary><c>subject[from..to]</c>; either bound may be missing.</summary>
internal sealed record SliceExpression(InputPosition Position, Expression Subject, Expression? From, Expression? To) : Expression(Position);

/// <summary>
/// <c>n:A:B</c> as a predicate (also <c>r:T</c> for relationships): the subject has every label in <see cref="Labels"/>
/// and, for a label expression like <c>n:A|B</c>, satisfies <see cref="LabelExpression"/>.
/// </summary>
internal sealed record LabelsPredicate(InputPosition Position, Expression Subject, IReadOnlyList<string> Labels) : Expression(Position)
{
    public LabelExpression? LabelExpression { get; init; }
}

// ---- functions ------------------------------------------------------------------------------

/// <summary>
/// <c>ns.name([DISTINCT] args)</c>. <see cref="Name"/> keeps the case as written; compare function
/// names case-insensitively.
/// </summary>
internal sealed record FunctionInvocation(
    InputPosition Position,
    IReadOnlyList<string> Namespace,
    string Name,
    bool Distinct,
    IReadOnlyList<Expression> Arguments) : Expression(Position)
{
    /// <summary>"ns.name" as written.</summary>
    public string FullName => Namespace.Count == 0 ? Name : string.Join('.', Namespace) + "." + Name;
}

/// <summary><c>count(*)</c>.</summary>
internal sealed record CountStar(InputPosition Position) : Expression(Position);

// ---- operators ------------------------------------------------------------------------------

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Power,
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    And,
    Or,
    Xor,
    In,
    StartsWith,
    EndsWith,
    Contains,
    RegexMatch,
}

/// <summary>
/// A binary operation. Comparison chains <c>a &lt; b &lt; c</c> are parsed as
/// <c>(a &lt; b) AND (b &lt; c)</c> sharing the middle operand node.
/// </summary>
internal sealed record BinaryExpression(InputPosition Position, BinaryOperator Operator, Expression Left, Expression Right) : Expression(Position);

internal enum UnaryOperator
{
    Not,
    Negate,
    Plus,
}

internal sealed record UnaryExpression(InputPosition Position, UnaryOperator Operator, Expression Operand) : Expression(Position);

/// <summary><c>operand IS NULL</c> or, with <see cref="Negated"/>, <c>operand IS NOT NULL</c>.</summary>
internal sealed record IsNullExpression(InputPosition Position, Expression Operand, bool Negated) : Expression(Position);

// ---- compound expressions -------------------------------------------------------------------

/// <summary>
/// <c>CASE [subject] WHEN .. THEN .. [ELSE ..] END</c>. With a <see cref="Subject"/> (simple form)
/// each WHEN is compared with it for equality; without (generic form) each WHEN is a predicate.
/// </summary>
internal sealed record CaseExpression(InputPosition Position, Expression? Subject, IReadOnlyList<CaseAlternative> Alternatives, Expression? Default) : Expression(Position);

internal sealed record CaseAlternative(InputPosition Position, Expression When, Expression Then) : AstNode(Position);

/// <summary><c>[variable IN source WHERE predicate | projection]</c>; WHERE and projection optional.</summary>
internal sealed record ListComprehension(InputPosition Position, Variable Variable, Expression Source, Expression? Where, Expression? Projection) : Expression(Position);

/// <summary><c>[p = (a)--&gt;(b) WHERE predicate | projection]</c>.</summary>
internal sealed record PatternComprehension(InputPosition Position, PatternPart Pattern, Expression? Where, Expression Projection) : Expression(Position);

internal enum Quantifier
{
    All,
    Any,
    None,
    Single,
}

/// <summary><c>all|any|none|single(variable IN source WHERE predicate)</c>.</summary>
internal sealed record QuantifierExpression(InputPosition Position, Quantifier Quantifier, Variable Variable, Expression Source, Expression? Where) : Expression(Position);

/// <summary><c>reduce(accumulator = initial, variable IN source | expression)</c>.</summary>
internal sealed record ReduceExpression(
    InputPosition Position,
    Variable Accumulator,
    Expression Initial,
    Variable Variable,
    Expression Source,
    Expression Expression) : Expression(Position);

/// <summary><c>subject {.a, .*, key: expr, v}</c>.</summary>
internal sealed record MapProjection(InputPosition Position, Variable Subject, IReadOnlyList<MapProjectionItem> Items) : Expression(Position);

internal abstract record MapProjectionItem(InputPosition Position) : AstNode(Position);

/// <summary><c>.name</c>: the subject's property.</summary>
internal sealed record PropertySelector(InputPosition Position, string PropertyName) : MapProjectionItem(Position);

/// <summary><c>.*</c>: all the subject's properties.</summary>
internal sealed record AllPropertiesSelector(InputPosition Position) : MapProjectionItem(Position);

/// <summary><c>key: expression</c>.</summary>
internal sealed record LiteralEntry(InputPosition Position, string Key, Expression Value) : MapProjectionItem(Position);

/// <summary><c>v</c>: entry named like the variable with its value.</summary>
internal sealed record VariableSelector(InputPosition Position, Variable Variable) : MapProjectionItem(Position);

/// <summary>
/// <c>EXISTS { MATCH ... [WHERE ...] }</c> or <c>EXISTS { pattern [WHERE ...] }</c>. The pattern form is
/// parsed into a <see cref="SingleQuery"/> with one <see cref="MatchClause"/>. The query may end without RETURN.
/// True when the query yields at least one row given the outer variables.
/// </summary>
internal sealed record ExistsSubquery(InputPosition Position, Query Query) : Expression(Position);

/// <summary><c>COUNT { ... }</c>: the number of rows the subquery yields (same shapes as EXISTS).</summary>
internal sealed record CountSubquery(InputPosition Position, Query Query) : Expression(Position);

/// <summary>
/// A bare pattern used as an expression, e.g. <c>WHERE (a)--&gt;(b)</c> (true when it matches), or
/// <c>shortestPath((a)-[*]-(b))</c> (<see cref="PatternPart.Selector"/> not All; evaluates to a path).
/// </summary>
internal sealed record PatternExpression(InputPosition Position, PatternPart Pattern) : Expression(Position);
