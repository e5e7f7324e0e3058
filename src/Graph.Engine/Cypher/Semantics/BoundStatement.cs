using Graph.Engine.Cypher.Ast;
using Graph.Engine.Functions;
using Graph.Engine.Procedures;

namespace Graph.Engine.Cypher.Semantics;

/// <summary>
/// What the binder (<see cref="SemanticAnalyzer"/>) established about a statement, for the planner to read instead of
/// working it out again: the checked statement, the column names of its result (empty for statements that return
/// nothing), the symbol every variable occurrence means (scopes resolved: a name declared twice is two symbols, each with
/// its <see cref="VariableKind"/>), the definition every function call resolved to, the aggregation structure of every
/// projection and the procedure each CALL names.
/// </summary>
internal sealed class BoundStatement(Statement statement, IReadOnlyList<string> columns, IReadOnlyDictionary<CallClause, ProcedureDefinition> procedures,
    Bindings bindings)
{
    public Statement Statement { get; } = statement;

    public IReadOnlyList<string> Columns { get; } = columns;

    /// <summary>The procedure a CALL clause of this statement names (resolved once, when the statement was bound).</summary>
    public ProcedureDefinition ProcedureOf(CallClause call) =>
        procedures.TryGetValue(call, out var procedure)
            ? procedure
            : throw NotBound($"The CALL of {call.FullName}", call);

    /// <summary>The symbol this occurrence of a variable means.</summary>
    public Symbol SymbolOf(Variable variable) =>
        bindings.Symbols.TryGetValue(variable, out var symbol) ? symbol : throw NotBound($"The variable `{variable.Name}`", variable);

    /// <summary>The scalar function this call resolved to.</summary>
    public FunctionDefinition FunctionOf(FunctionInvocation call) =>
        bindings.Functions.TryGetValue(call, out var definition) ? definition : throw NotBound($"The call of {call.FullName}()", call);

    /// <summary>The columns and aggregation structure of a WITH, RETURN or YIELD.</summary>
    public BoundProjection ProjectionOf(ProjectionBody body) =>
        bindings.Projections.TryGetValue(body, out var projection) ? projection : throw NotBound("The projection", body);

    /// <summary>The variables visible after a clause, in the order they were declared.</summary>
    public IReadOnlyList<Symbol> VisibleAfter(Clause clause) =>
        bindings.ScopesAfter.TryGetValue(clause, out var scope) ? scope.Symbols : throw NotBound("The clause", clause);

    /// <summary>The symbols a CALL { } subquery declares, one per column it returns.</summary>
    public IReadOnlyList<Symbol> OutputsOf(CallSubqueryClause subquery) =>
        bindings.SubqueryOutputs.TryGetValue(subquery, out var outputs) ? outputs : throw NotBound("The subquery", subquery);

    /// <summary>The projected column an expression means, if any (see <see cref="Bindings.Columns"/>).</summary>
    public Symbol? ColumnOf(Expression expression) => bindings.Columns.GetValueOrDefault(expression);

    /// <summary>The planner met a node the binder did not resolve: a bug in one of them, never a user error.</summary>
    private static InvalidOperationException NotBound(string what, AstNode node) =>
        new($"{what} at {node.Position} was not bound (the binder and the planner disagree about the statement).");
}
