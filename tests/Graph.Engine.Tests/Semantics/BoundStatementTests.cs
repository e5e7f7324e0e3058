using Graph.Client;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Parsing;
using Graph.Engine.Cypher.Semantics;
using Graph.Engine.Procedures;

namespace Graph.Engine.Tests.Semantics;

/// <summary>The binder resolves each CALL once; the planner reads the resolution from the bound statement.</summary>
public class BoundStatementTests
{
    private static ProcedureRegistry Registry()
    {
        var registry = new ProcedureRegistry();
        registry.Register(ProcedureDefinition.Declare("test.one() :: (n :: INTEGER)", ProcedureMode.Read, "One.", (_, _) => [[1L]]));
        return registry;
    }

    [Fact]
    public void Every_call_including_one_in_a_subquery_is_bound_to_its_procedure()
    {
        const string query = "CALL test.one() YIELD n CALL { CALL test.one() YIELD n AS m RETURN m } RETURN n, m";
        var bound = SemanticAnalyzer.Analyze(CypherParser.Parse(query), query, Registry());
        var outer = (CallClause)((SingleQuery)bound.Statement).Clauses[0];
        var inner = (CallClause)((SingleQuery)((CallSubqueryClause)((SingleQuery)bound.Statement).Clauses[1]).Query).Clauses[0];
        Assert.Equal("test.one", bound.ProcedureOf(outer).Name);
        Assert.Same(bound.ProcedureOf(outer), bound.ProcedureOf(inner));
        Assert.Equal(["n", "m"], bound.Columns);
    }

    [Fact]
    public void An_unknown_procedure_is_refused_by_the_binder()
    {
        const string query = "CALL test.two()";
        var error = Assert.Throws<ClientException>(() => SemanticAnalyzer.Analyze(CypherParser.Parse(query), query, Registry()));
        Assert.Equal(Neo4jStatus.ProcedureNotFound, error.Code);
    }
}
