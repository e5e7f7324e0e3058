using Graph.Client;
using Graph.Tck.Values;
using ClientPath = Graph.Client.GraphPath;

namespace Graph.Tck.UnitTests;

public class TckValueParserTests
{
    [Theory]
    [InlineData("null", null)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Parses_null_and_booleans(string text, object? expected) => Assert.Equal(expected, TckValueParser.Parse(text));

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("-17", -17L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("0x1F", 31L)]
    public void Parses_integers_as_long(string text, long expected)
    {
        var value = TckValueParser.Parse(text);
        Assert.IsType<long>(value);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1.0", 1.0)]
    [InlineData("-2.5", -2.5)]
    [InlineData(".5", 0.5)]
    [InlineData("1e10", 1e10)]
    [InlineData("1.5E-3", 1.5e-3)]
    [InlineData("-0.0", -0.0)]
    [InlineData("3e67", 3e67)]
    public void Parses_floats_as_double(string text, double expected)
    {
        var value = TckValueParser.Parse(text);
        var d = Assert.IsType<double>(value);
        Assert.Equal(expected, d);
    }

    [Fact]
    public void Keeps_the_sign_of_negative_zero() => Assert.True(double.IsNegative((double)TckValueParser.Parse("-0.0")!));

    [Theory]
    [InlineData("NaN")]
    public void Parses_NaN(string text) => Assert.True(double.IsNaN((double)TckValueParser.Parse(text)!));

    [Theory]
    [InlineData("Inf", double.PositiveInfinity)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    public void Parses_infinities(string text, double expected) => Assert.Equal(expected, TckValueParser.Parse(text));

    [Theory]
    [InlineData("''", "")]
    [InlineData("'abc'", "abc")]
    [InlineData(@"'\''", "'")]
    [InlineData(@"'a\\b'", @"a\b")]
    [InlineData(@"'tab\there'", "tab\there")]
    [InlineData(@"'\u00e9'", "é")]
    [InlineData("'with \"double\" quotes'", "with \"double\" quotes")]
    [InlineData("' padded '", " padded ")]
    public void Parses_strings_with_escapes(string text, string expected) => Assert.Equal(expected, TckValueParser.Parse(text));

    [Fact]
    public void Parses_the_literals6_escape_scenario()
    {
        // Literals6 [5]: after Gherkin unescapes the table cell, the runner sees this text.
        var value = TckValueParser.Parse(@"'a\\bcn5t\'""\\//\\""\''");
        Assert.Equal(@"a\bcn5t'""\//\""'", value);
    }

    [Fact]
    public void Parses_nested_lists_and_maps()
    {
        var value = TckValueParser.Parse("[1, [2.0, 'x'], {a: null, `b c`: [true]}, []]");
        var list = Assert.IsAssignableFrom<IReadOnlyList<object?>>(value);
        Assert.Equal(4, list.Count);
        Assert.Equal(1L, list[0]);
        Assert.Equal(new object?[] { 2.0, "x" }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(list[1]));
        var map = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(list[2]);
        Assert.Null(map["a"]);
        Assert.Equal(new object?[] { true }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(map["b c"]));
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<object?>>(list[3]));
    }

    [Fact]
    public void Parses_empty_map() => Assert.Empty(Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(TckValueParser.Parse("{}")));

    [Fact]
    public void Parses_nodes_with_labels_and_properties()
    {
        var node = Assert.IsType<Node>(TckValueParser.Parse("(:A:B {name: 'b', n: 1})"));
        Assert.Equal(["A", "B"], node.Labels);
        Assert.Equal("b", node.Properties["name"]);
        Assert.Equal(1L, node.Properties["n"]);

        var empty = Assert.IsType<Node>(TckValueParser.Parse("()"));
        Assert.Empty(empty.Labels);
        Assert.Empty(empty.Properties);

        var unlabeled = Assert.IsType<Node>(TckValueParser.Parse("({name: 'c'})"));
        Assert.Empty(unlabeled.Labels);
        Assert.Equal("c", unlabeled.Properties["name"]);
    }

    [Fact]
    public void Parses_relationships_and_tells_them_from_lists()
    {
        var rel = Assert.IsType<Relationship>(TckValueParser.Parse("[:KNOWS {since: 2001}]"));
        Assert.Equal("KNOWS", rel.Type);
        Assert.Equal(2001L, rel.Properties["since"]);
        var list = Assert.IsAssignableFrom<IReadOnlyList<object?>>(TckValueParser.Parse("[[:T], [:U {k: 'v'}]]"));
        Assert.All(list, item => Assert.IsType<Relationship>(item));
    }

    [Fact]
    public void Parses_paths_with_directions()
    {
        var path = Assert.IsType<ClientPath>(TckValueParser.Parse("<(:A)-[:T]->(:B)<-[:U {k: 1}]-(:C)>"));
        Assert.Equal(2, path.Length);
        Assert.Equal(["A"], path.Nodes[0].Labels);
        Assert.Equal(["C"], path.Nodes[2].Labels);
        Assert.Equal(path.Nodes[0].ElementId, path.Relationships[0].StartNodeElementId);
        Assert.Equal(path.Nodes[1].ElementId, path.Relationships[0].EndNodeElementId);
        Assert.Equal(path.Nodes[2].ElementId, path.Relationships[1].StartNodeElementId);
        Assert.Equal(path.Nodes[1].ElementId, path.Relationships[1].EndNodeElementId);
        Assert.Equal(1L, path.Relationships[1].Properties["k"]);
    }

    [Fact]
    public void Parses_a_single_node_path() => Assert.Equal(0, Assert.IsType<ClientPath>(TckValueParser.Parse("<()>")).Length);

    [Theory]
    [InlineData("")]
    [InlineData("'unterminated")]
    [InlineData("[1, 2")]
    [InlineData("{a 1}")]
    [InlineData("(:A")]
    [InlineData("1 2")]
    [InlineData("nul")]
    [InlineData("99999999999999999999")]
    [InlineData("<(:A)-[:T]-(:B)>")]
    public void Rejects_malformed_values_with_a_clear_message(string text)
    {
        var e = Assert.Throws<TckValueFormatException>(() => TckValueParser.Parse(text));
        Assert.Contains("Cannot parse TCK value", e.Message);
    }
}
