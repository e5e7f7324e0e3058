using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Parsing;
using Graph.Engine.Cypher.Semantics;
using Graph.Engine.Planning;
using Graph.Engine.Procedures;

namespace Graph.Engine.Driver;

/// <summary>The compiler front end as the runtime uses it: parse, then bind (semantic checks, names resolved).</summary>
internal static class Frontend
{
    public static BoundStatement Analyze(string query, ProcedureRegistry procedures, int maxPlanDepth = EngineOptions.DefaultMaxPlanDepth)
    {
        var parsed = CypherParser.Parse(query);
        // before the passes whose cost grows faster than the statement (scopes, planning)
        PlanDepthLimit.CheckClauseChains(parsed, query, maxPlanDepth);
        return SemanticAnalyzer.Analyze(parsed, query, procedures);
    }
}
