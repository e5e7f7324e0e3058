using Graph.Client;
using Graph.Engine.Cypher.Semantics;

namespace Graph.Engine.Tests.Semantics;

public class SemanticAnalyzerTests
{
    private static ClientException Fails(string query) => Assert.Throws<ClientException>(() => SemanticAnalyzer.Compile(query));

    [Theory]
    [InlineData("MATCH (n) RETURN m", "UndefinedVariable")]
    [InlineData("MATCH (n) WITH n.x AS x RETURN n", "UndefinedVariable")]
    [InlineData("MATCH (a) RETURN [x IN [1] | x + y]", "UndefinedVariable")]
    [InlineData("MATCH (n) WHERE (n)-->(m) RETURN n", "UndefinedVariable")]
    [InlineData("MATCH (a) CREATE (a)", "VariableAlreadyBound")]
    [InlineData("MATCH (a) CREATE (a:L)-[:T]->()", "VariableAlreadyBound")]
    [InlineData("MATCH (a)-[r]->() MERGE (a)-[r:T]->()", "VariableAlreadyBound")]
    [InlineData("WITH 1 AS x UNWIND [1] AS x RETURN x", "VariableAlreadyBound")]
    [InlineData("MATCH p = ()--(), p = ()--() RETURN p", "VariableAlreadyBound")]
    [InlineData("MATCH ()-[r]-() MATCH (r) RETURN r", "VariableTypeConflict")]
    [InlineData("WITH 1 AS n MATCH (n) RETURN n", "VariableTypeConflict")]
    [InlineData("MATCH (a)-[r]->()-[r]->() RETURN r", "RelationshipUniquenessViolation")]
    [InlineData("MATCH (a) WITH a, count(*) RETURN a", "NoExpressionAlias")]
    [InlineData("RETURN 1 AS a, 2 AS a", "ColumnNameConflict")]
    [InlineData("MATCH () RETURN *", "NoVariablesInScope")]
    [InlineData("RETURN 1 AS a UNION RETURN 1 AS b", "DifferentColumnsInUnion")]
    [InlineData("RETURN 1 AS a UNION RETURN 1 AS a UNION ALL RETURN 1 AS a", "InvalidClauseComposition")]
    [InlineData("MATCH (n) RETURN n MATCH (m) RETURN m", "InvalidClauseComposition")]
    [InlineData("MATCH (n) WITH n", "InvalidClauseComposition")]
    [InlineData("MATCH (n) WHERE count(n) > 1 RETURN n", "InvalidAggregation")]
    [InlineData("MATCH (n) SET n.c = count(*)", "InvalidAggregation")]
    [InlineData("MATCH (n) RETURN n.x ORDER BY max(n.y)", "InvalidAggregation")]
    [InlineData("RETURN count(count(*))", "NestedAggregation")]
    [InlineData("RETURN count(rand())", "NonConstantExpression")]
    [InlineData("MATCH (n) RETURN n LIMIT n.x", "NonConstantExpression")]
    [InlineData("MATCH (n) RETURN n SKIP -1", "NegativeIntegerArgument")]
    [InlineData("MATCH (n) RETURN n LIMIT 1.5", "InvalidArgumentType")]
    [InlineData("MATCH (a)--(b) RETURN a.x + count(b)", "AmbiguousAggregationExpression")]
    [InlineData("CREATE (a)-[:T]-(b)", "RequiresDirectedRelationship")]
    [InlineData("CREATE (a)-[:T*2]->(b)", "CreatingVarLength")]
    [InlineData("CREATE (a)-->(b)", "NoSingleRelationshipType")]
    [InlineData("MERGE (a)-[:A|B]->(b)", "NoSingleRelationshipType")]
    [InlineData("MATCH (n $props) RETURN n", "InvalidParameterUse")]
    [InlineData("MATCH (n) DELETE n:L", "InvalidDelete")]
    [InlineData("MATCH (n) DELETE 1 + 1", "InvalidArgumentType")]
    [InlineData("RETURN NOT 1", "InvalidArgumentType")]
    [InlineData("RETURN 1 IN 'abc'", "InvalidArgumentType")]
    [InlineData("RETURN any(x IN ['a'] WHERE x % 2 = 0)", "InvalidArgumentType")]
    [InlineData("MATCH p = (a)--(b) RETURN labels(p)", "InvalidArgumentType")]
    [InlineData("MATCH (n) RETURN (n)-->()", "UnexpectedSyntax")]
    [InlineData("CALL db.labels() YIELD * RETURN label", "UnexpectedSyntax")]
    public void Invalid_queries_raise_the_TCK_detail_as_a_compile_time_syntax_error(string query, string detail)
    {
        var error = Fails(query);

        Assert.Equal(detail, error.Detail);
        Assert.Equal(Neo4jStatus.SyntaxError, error.Code);
        Assert.Equal(ErrorPhase.CompileTime, error.Phase);
        Assert.NotNull(error.Position);
    }

    [Fact]
    public void Property_access_on_a_literal_value_is_a_type_error()
    {
        var error = Fails("WITH 123 AS x RETURN x.num");

        Assert.Equal(Neo4jStatus.TypeError, error.Code);
        Assert.Equal("InvalidArgumentType", error.Detail);
    }

    [Fact]
    public void Errors_point_at_the_offending_variable_with_a_caret()
    {
        var error = Fails("MATCH (n)\nRETURN n, missing");

        Assert.Equal(new InputPosition(20, 2, 11), error.Position);
        var lines = error.Message.Split('\n');
        Assert.Equal("Variable `missing` not defined (line 2, column 11 (offset: 20))", lines[0]);
        Assert.Equal("\"RETURN n, missing\"", lines[1]);
        Assert.Equal(new string(' ', 11) + "^", lines[2]);
    }

    [Theory]
    [InlineData("MATCH (a) WITH DISTINCT a.name AS name WHERE a.age > 1 RETURN name")]
    [InlineData("MATCH (a) OPTIONAL MATCH (a)-[r]->() WITH a WHERE r IS NULL RETURN a")]
    [InlineData("MATCH (a)--(b) RETURN a, a.x + count(b) AS c ORDER BY c DESC")]
    [InlineData("MATCH (a)--(b) RETURN a.x AS x, count(*) AS c ORDER BY a.x")]
    [InlineData("MATCH (a) RETURN a.x AS x ORDER BY a.y")]
    [InlineData("MATCH (a) WHERE (a)-->() AND NOT (a)<--(:L) RETURN a")]
    [InlineData("MATCH (a) RETURN [(a)-->(b) | b.name] AS names, size([(a)--() | 1]) AS degree")]
    [InlineData("MATCH (a) WHERE EXISTS { MATCH (a)-->(b) WHERE b.x = a.x } RETURN a")]
    [InlineData("MATCH (a) CREATE (a)-[:T]->(b:New {x: a.x}) RETURN b")]
    [InlineData("UNWIND [1, 2] AS x WITH x SKIP 1 LIMIT $n RETURN x")]
    [InlineData("MATCH (n) FOREACH (x IN [1, 2] | CREATE (:X {v: x, n: n.id}))")]
    [InlineData("CALL { MATCH (n) RETURN n.x AS x } RETURN x")]
    [InlineData("CREATE CONSTRAINT c IF NOT EXISTS FOR (e:Expert) REQUIRE e.id IS UNIQUE")]
    public void Valid_queries_compile(string query)
    {
        SemanticAnalyzer.Compile(query);
    }

    [Theory]
    [InlineData("MATCH (n) RETURN n.name, count(*) AS c", new[] { "n.name", "c" })]
    [InlineData("MATCH (b), (a) RETURN *", new[] { "a", "b" })]
    [InlineData("MATCH (a) RETURN *, 1 AS one", new[] { "a", "one" })]
    [InlineData("RETURN 1 AS x UNION RETURN 2 AS x", new[] { "x" })]
    [InlineData("CREATE (n)", new string[0])]
    [InlineData("CALL db.labels() YIELD label", new[] { "label" })]
    public void Result_columns(string query, string[] columns)
    {
        Assert.Equal(columns, SemanticAnalyzer.Compile(query).Columns);
    }
}
