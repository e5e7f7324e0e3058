using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Parsing;
using Graph.Engine.Cypher.Semantics;
using Graph.Engine.Procedures;

namespace Graph.Engine.Driver;

/// <summary>The compiler front end as the runtime uses it: parse, then semantic checks.</summary>
internal static class Frontend
{
    public static Statement Analyze(string query, ProcedureRegistry procedures) =>
        SemanticAnalyzer.Analyze(CypherParser.Parse(query), query, procedures).Statement;
}
