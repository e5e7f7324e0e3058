using Graph.Client;
using Graph.Engine.Cypher.Parsing;

namespace Graph.Engine.Tests.Parsing;

public class ParserErrorTests
{
    private static ClientException Fails(string query) => Assert.Throws<ClientException>(() => CypherParser.Parse(query));

    [Fact]
    public void Misspelled_keyword_is_reported_with_position_expected_alternatives_and_caret()
    {
        var error = Fails("MATCH (n) RETRUN n");

        Assert.Equal(Neo4jStatus.SyntaxError, error.Code);
        Assert.Equal(ErrorPhase.CompileTime, error.Phase);
        Assert.Equal("UnexpectedSyntax", error.Detail);
        Assert.Equal(new InputPosition(10, 1, 11), error.Position);
        var lines = error.Message.Split('\n');
        Assert.StartsWith("Invalid input 'RETRUN': expected ", lines[0]);
        Assert.Contains("WHERE", lines[0]);
        Assert.Contains("RETURN", lines[0]);
        Assert.EndsWith("(line 1, column 11 (offset: 10))", lines[0]);
        Assert.Equal("\"MATCH (n) RETRUN n\"", lines[1]);
        Assert.Equal(new string(' ', 11) + "^", lines[2]);
    }

    [Fact]
    public void Error_on_a_later_line_quotes_that_line_and_counts_columns_from_its_start()
    {
        var error = Fails("MATCH (n)\nWHERE n.x = \nRETURN n");

        Assert.Equal(new InputPosition(23, 3, 1), error.Position);
        var lines = error.Message.Split('\n');
        Assert.StartsWith("Invalid input 'RETURN': expected an expression", lines[0]);
        Assert.Equal("\"RETURN n\"", lines[1]);
        Assert.Equal(" ^", lines[2]);
    }

    [Fact]
    public void Truncated_query_reports_unexpected_end_of_input()
    {
        var error = Fails("MATCH (n:Person");

        Assert.StartsWith("Unexpected end of input: expected ", error.Message);
        Assert.Contains("')'", error.Message.Split('\n')[0]);
        Assert.Equal(15, error.Position!.Value.Offset);
    }

    [Theory]
    [InlineData("RETURN 9223372036854775808", "IntegerOverflow")]
    [InlineData("RETURN -9223372036854775809", "IntegerOverflow")]
    [InlineData("RETURN 0x8000000000000000", "IntegerOverflow")]
    [InlineData("RETURN 0o1000000000000000000000", "IntegerOverflow")]
    [InlineData("RETURN 1e999", "FloatingPointOverflow")]
    [InlineData("RETURN 12ab", "InvalidNumberLiteral")]
    [InlineData("RETURN '\\uH'", "InvalidUnicodeLiteral")]
    [InlineData("RETURN 1 # 2", "UnexpectedSyntax")]
    [InlineData("RETURN [1, 2", "UnexpectedSyntax")]
    [InlineData("RETURN {1: 2}", "UnexpectedSyntax")]
    [InlineData("RETURN 'open", "UnexpectedSyntax")]
    [InlineData("RETURN 1 /* open", "UnexpectedSyntax")]
    [InlineData("MATCH (a)-[:T..]->(b) RETURN a", "InvalidRelationshipPattern")]
    [InlineData("MATCH (a)-[:T*-2]->(b) RETURN a", "InvalidRelationshipPattern")]
    public void Malformed_input_raises_a_syntax_error_with_the_TCK_detail(string query, string detail)
    {
        var error = Fails(query);

        Assert.Equal(Neo4jStatus.SyntaxError, error.Code);
        Assert.Equal(detail, error.Detail);
        Assert.NotNull(error.Position);
        Assert.Contains("^", error.Message);
    }

    [Fact]
    public void Invalid_unicode_escape_points_at_the_backslash()
    {
        var error = Fails("RETURN 'ab\\u12G4'");

        Assert.Equal(10, error.Position!.Value.Offset);
    }

    [Fact]
    public void Long_lines_are_cut_to_a_window_around_the_error()
    {
        var query = "RETURN [" + string.Join(", ", Enumerable.Range(0, 200)) + ", ]";
        var error = Fails(query);

        var lines = error.Message.Split('\n');
        Assert.True(lines[1].Length < 200, lines[1]);
        Assert.StartsWith("\"...", lines[1]);
        Assert.Equal(']', lines[1][lines[2].Length - 1]);
    }
}
