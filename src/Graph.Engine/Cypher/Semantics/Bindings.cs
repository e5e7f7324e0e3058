using Graph.Engine.Cypher.Ast;
using Graph.Engine.Functions;

namespace Graph.Engine.Cypher.Semantics;

/// <summary>
/// What the binder resolved, by AST node (reference identity: two equal-looking nodes are two occurrences). Filled while
/// the statement is bound, read through <see cref="BoundStatement"/>.
/// </summary>
internal sealed class Bindings
{
    /// <summary>Each occurrence of a variable (a use or its declaration) to the symbol it means.</summary>
    public Dictionary<Variable, Symbol> Symbols { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Each call of a scalar function to its definition (aggregates are in <see cref="Projections"/>).</summary>
    public Dictionary<FunctionInvocation, FunctionDefinition> Functions { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Each WITH/RETURN (and SHOW ... YIELD) body to its columns and aggregation structure.</summary>
    public Dictionary<ProjectionBody, BoundProjection> Projections { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The variables visible after each clause.</summary>
    public Dictionary<Clause, Scope> ScopesAfter { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The symbols a CALL { } subquery declares in the outer scope, one per column of its RETURN, in order.</summary>
    public Dictionary<CallSubqueryClause, IReadOnlyList<Symbol>> SubqueryOutputs { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Expressions that mean a projected column: in ORDER BY after DISTINCT or aggregation, one written like an item; in an
    /// aggregating item (or ORDER BY), a property that is a grouping key.
    /// </summary>
    public Dictionary<Expression, Symbol> Columns { get; } = new(ReferenceEqualityComparer.Instance);
}
