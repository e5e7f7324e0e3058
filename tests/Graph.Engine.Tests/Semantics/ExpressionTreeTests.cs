using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Parsing;
using Graph.Engine.Cypher.Semantics;

namespace Graph.Engine.Tests.Semantics;

/// <summary>
/// The one expression walker the semantic pass and the planner share. The planner once had its own copy, which skipped
/// a map projection's subject and a pattern comprehension's WHERE and projection.
/// </summary>
public class ExpressionTreeTests
{
    private static Expression Returned(string query) =>
        ((ReturnClause)((SingleQuery)CypherParser.Parse(query)).Clauses[^1]).Body.Items[0].Expression;

    private static List<string> Variables(Expression e) =>
        ExpressionTree.Descendants(e).OfType<Variable>().Select(v => v.Name).Distinct().Order().ToList();

    [Fact]
    public void A_map_projection_has_its_subject_and_its_values_as_children()
    {
        var projection = Returned("RETURN n{.name, total: m.x + 1}");
        Assert.Equal(["m", "n"], Variables(projection));
    }

    [Fact]
    public void A_pattern_comprehension_has_its_where_and_projection_as_children()
    {
        var comprehension = Returned("RETURN [(a)-->(b) WHERE b.x > k | b.y + j]");
        Assert.Equal(["b", "j", "k"], Variables(comprehension));
    }

    [Fact]
    public void Aggregates_are_found_inside_map_projections_but_not_inside_pattern_comprehensions()
    {
        Assert.Single(ExpressionTree.Aggregates(Returned("RETURN n{.name, total: count(*)}")));
        Assert.Empty(ExpressionTree.Aggregates(Returned("RETURN [(a)-->(b) | count(*)]")));
        Assert.Empty(ExpressionTree.Aggregates(Returned("RETURN count { (a)-->(b) }")));
        var nested = Assert.Single(ExpressionTree.Aggregates(Returned("RETURN 1 + sum(x) * 2")));
        Assert.Equal("sum", Assert.IsType<FunctionInvocation>(nested).Name);
    }
}
