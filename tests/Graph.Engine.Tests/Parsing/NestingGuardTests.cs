using Graph.Client;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Parsing;

namespace Graph.Engine.Tests.Parsing;

/// <summary>Deep nesting must end in a clear SyntaxError, never in a stack overflow.</summary>
public class NestingGuardTests
{
    private const int Levels = 10_000;

    public static TheoryData<string, string> DeepQueries() => new()
    {
        { "parentheses", "RETURN " + new string('(', Levels) + "1" + new string(')', Levels) },
        { "lists", "RETURN " + new string('[', Levels) + new string(']', Levels) },
        { "maps", "RETURN " + string.Concat(Enumerable.Repeat("{a: ", Levels)) + "1" + new string('}', Levels) },
        { "parenthesized patterns", "MATCH " + new string('(', Levels) + "(a)-->(b)" + new string(')', Levels) + " RETURN a" },
        { "pattern comprehensions", "RETURN " + string.Concat(Enumerable.Repeat("[(a)-->(b) | ", Levels)) + "1" + new string(']', Levels) },
        { "subqueries", "MATCH (n) WHERE " + string.Concat(Enumerable.Repeat("EXISTS { MATCH (n) WHERE ", Levels)) + "true" + new string('}', Levels) + " RETURN n" },
        { "unclosed parentheses", "RETURN " + new string('(', Levels) },
    };

    [Theory]
    [MemberData(nameof(DeepQueries))]
    public void Deep_nesting_is_a_syntax_error_naming_the_problem(string kind, string query)
    {
        ClientException? error = null;
        // A 1 MiB stack: smaller than the default of every thread the engine may run on.
        var thread = new Thread(() => error = Xunit.Record.Exception(() => CypherParser.Parse(query)) as ClientException, 1024 * 1024);
        thread.Start();
        thread.Join();

        Assert.True(error is not null, $"{kind}: expected a ClientException");
        Assert.Equal(Neo4jStatus.SyntaxError, error.Code);
        Assert.Equal(ErrorPhase.CompileTime, error.Phase);
        Assert.Contains("nested too deeply", error.Message);
    }

    [Fact]
    public void Moderate_nesting_still_parses()
    {
        var statement = CypherParser.Parse("RETURN " + new string('(', 100) + "1" + new string(')', 100) + " AS x");

        var item = Assert.Single(((ReturnClause)((SingleQuery)statement).Clauses[0]).Body.Items);
        Assert.Equal(new IntegerLiteral(new InputPosition(107, 1, 108), 1), item.Expression);
    }

    [Fact]
    public void Long_flat_chains_of_pattern_hops_do_not_count_as_nesting()
    {
        CypherParser.Parse("MATCH (a)" + string.Concat(Enumerable.Repeat("-->()", Levels)) + " RETURN a");
    }

    [Theory]
    [InlineData("NOT ", "true")]
    [InlineData("- ", "1")]
    public void Long_chains_of_prefix_operators_count_as_nesting(string op, string operand)
    {
        // The parser reads them in a loop, but the tree they make is as deep as the chain, and every later
        // pass (semantic analysis, evaluation) walks it recursively.
        CypherParser.Parse("RETURN " + string.Concat(Enumerable.Repeat(op, CypherParser.MaxNestingDepth)) + operand);
        var error = Assert.ThrowsAny<ClientException>(() => CypherParser.Parse("RETURN " + string.Concat(Enumerable.Repeat(op, Levels)) + operand));
        Assert.Equal(Neo4jStatus.SyntaxError, error.Code);
        Assert.Contains("nested too deeply", error.Message);
    }
}
