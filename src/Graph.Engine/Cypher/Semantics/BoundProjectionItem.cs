using Graph.Engine.Cypher.Ast;

namespace Graph.Engine.Cypher.Semantics;

/// <summary>
/// One column of a WITH or RETURN: its name, what it computes (<see cref="Expression"/>, or for a column of <c>*</c>
/// the variable it copies, <see cref="Source"/>), the symbol it declares and whether it is a grouping key.
/// </summary>
internal sealed record BoundProjectionItem(string Name, Expression? Expression, Symbol? Source, Symbol Output, bool IsGroupingKey);
