using Graph.Engine.Cypher.Ast;
using Graph.Engine.Procedures;

namespace Graph.Engine.Cypher.Semantics;

/// <summary>
/// What the binder (<see cref="SemanticAnalyzer"/>) established about a statement, for the planner to read instead of
/// working it out again: the checked statement, the column names of its result (empty for statements that return
/// nothing) and the procedure each CALL resolved to.
/// </summary>
internal sealed class BoundStatement(Statement statement, IReadOnlyList<string> columns, IReadOnlyDictionary<CallClause, ProcedureDefinition> procedures)
{
    public Statement Statement { get; } = statement;

    public IReadOnlyList<string> Columns { get; } = columns;

    /// <summary>The procedure a CALL clause of this statement names (resolved once, when the statement was bound).</summary>
    public ProcedureDefinition ProcedureOf(CallClause call) =>
        procedures.TryGetValue(call, out var procedure)
            ? procedure
            : throw new InvalidOperationException($"The CALL of {call.FullName} at {call.Position} was not bound (analyzed without the procedure registry).");
}
