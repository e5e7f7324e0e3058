using Graph.Engine.Cypher.Ast;

namespace Graph.Engine.Cypher.Semantics;

/// <summary>
/// The result of <see cref="SemanticAnalyzer.Analyze"/>: the checked statement and the column names of
/// its result (empty for statements that return nothing).
/// </summary>
public sealed record AnalyzedStatement(Statement Statement, IReadOnlyList<string> Columns);
