using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Parsing;

namespace Graph.Engine.Driver;

/// <summary>The compiler front end as the runtime uses it: parse, then semantic checks.</summary>
internal static class Frontend
{
    public static Statement Analyze(string query)
    {
        var statement = CypherParser.Parse(query);
        return statement;
    }
}
