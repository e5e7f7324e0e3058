using Graph.Client;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Parsing;
using Graph.Engine.Execution;

namespace Graph.Engine.Planning;

/// <summary>
/// <see cref="EngineOptions.MaxPlanDepth"/>: a running statement goes one machine-stack frame down per operator level
/// of its plan, so a statement of 50,000 chained clauses would overflow the stack and take the process with it. The
/// limit is checked twice: on the parsed statement, before any pass that costs more than its size (every clause and
/// every UNION part adds at least one level, so a longer chain cannot fit), and by the planner as the plan grows.
/// </summary>
internal static class PlanDepthLimit
{
    /// <summary>Refuses a statement whose chains of clauses (with the subqueries and FOREACH bodies inside them) or UNION parts exceed the limit.</summary>
    public static void CheckClauseChains(Statement statement, string query, int maxDepth)
    {
        if (statement is Query q) CheckQuery(q, 0, query, maxDepth);
    }

    private static void CheckQuery(Query q, int depthBefore, string query, int maxDepth)
    {
        var parts = q is UnionQuery union ? union.Parts().ToList() : [(SingleQuery)q];
        // UNION chains its parts: part k runs under the UNION operators of the parts after it
        if (depthBefore + parts.Count > maxDepth)
            throw TooDeep(query, parts[Math.Clamp(maxDepth - depthBefore, 0, parts.Count - 1)].Position, depthBefore + parts.Count, maxDepth);
        for (var k = 0; k < parts.Count; k++)
            CheckClauses(parts[k].Clauses, depthBefore + parts.Count - k - 1, query, maxDepth);
    }

    private static void CheckClauses(IReadOnlyList<Clause> clauses, int depthBefore, string query, int maxDepth)
    {
        for (var i = 0; i < clauses.Count; i++)
        {
            var levels = depthBefore + i + 1;
            if (levels > maxDepth) throw TooDeep(query, clauses[i].Position, levels, maxDepth);
            switch (clauses[i])
            {
                case CallSubqueryClause call:
                    CheckQuery(call.Query, levels, query, maxDepth);
                    break;
                case ForeachClause foreach_:
                    CheckClauses(foreach_.Clauses, levels, query, maxDepth);
                    break;
            }
        }
    }

    /// <summary>The planner's check: <paramref name="op"/> was just built for <paramref name="at"/>.</summary>
    public static PlanOperator Check(PlanOperator op, AstNode at, string query, int maxDepth) =>
        op.Depth > maxDepth ? throw TooDeep(query, at.Position, op.Depth, maxDepth) : op;

    private static ClientException TooDeep(string query, InputPosition position, int levels, int maxDepth) =>
        SyntaxErrors.Create(Neo4jStatus.SyntaxError, query, position,
            $"The statement is too deep to run: here its plan is at least {levels:N0} operators deep, more than the limit of " +
            $"{maxDepth:N0} (EngineOptions.MaxPlanDepth). Every clause, pattern hop, WHERE condition and UNION part adds a level; " +
            "split the statement into several, or pass the data as a list parameter and UNWIND it",
            "PlanTooDeep");
}
