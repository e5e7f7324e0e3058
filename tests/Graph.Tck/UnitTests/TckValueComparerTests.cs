using Graph.Client;
using Graph.Tck.Values;
using ClientPath = Graph.Client.GraphPath;

namespace Graph.Tck.UnitTests;

public class TckValueComparerTests
{
    private static readonly IReadOnlyDictionary<string, object?> NoProperties = new Dictionary<string, object?>();

    private static bool Matches(string expected, object? actual, bool ignoreListOrder = false) =>
        TckValueComparer.Matches(TckValueParser.Parse(expected), actual, ignoreListOrder);

    private static List<object?> L(params object?[] items) => [.. items];

    [Fact]
    public void Integers_and_floats_are_distinct()
    {
        Assert.True(Matches("1", 1L));
        Assert.False(Matches("1", 1.0));
        Assert.False(Matches("1.0", 1L));
        Assert.True(Matches("1.0", 1.0));
    }

    [Fact]
    public void Temporal_values_match_the_quoted_iso_text_the_TCK_writes()
    {
        Assert.True(Matches("'1984-10-11'", new LocalDate(1984, 10, 11)));
        Assert.True(Matches("['12:00Z']", L(new OffsetTime(new LocalTime(12, 0), 0))));
        Assert.True(Matches("'PT-1.999S'", new Duration(0, 0, -2, 1_000_000)));
        Assert.False(Matches("'1984-10-11'", new LocalDate(1984, 10, 12)));
        Assert.False(Matches("'12:00'", new OffsetTime(new LocalTime(12, 0), 0)));
    }

    [Fact]
    public void NaN_matches_NaN_and_infinities_match()
    {
        Assert.True(Matches("NaN", double.NaN));
        Assert.False(Matches("NaN", 1.0));
        Assert.True(Matches("-Inf", double.NegativeInfinity));
        Assert.False(Matches("Inf", double.NegativeInfinity));
    }

    [Fact]
    public void Null_matches_only_null()
    {
        Assert.True(Matches("null", null));
        Assert.False(Matches("null", "null"));
        Assert.False(Matches("'x'", null));
    }

    [Fact]
    public void Strings_compare_ordinally() 
    {
        Assert.True(Matches("'abc'", "abc"));
        Assert.False(Matches("'abc'", "ABC"));
        Assert.False(Matches("'1'", 1L));
    }

    [Fact]
    public void Lists_compare_in_order_unless_told_otherwise()
    {
        Assert.True(Matches("[1, 2, 3]", L(1L, 2L, 3L)));
        Assert.False(Matches("[1, 2, 3]", L(3L, 2L, 1L)));
        Assert.True(Matches("[1, 2, 3]", L(3L, 2L, 1L), ignoreListOrder: true));
        Assert.False(Matches("[1, 1, 2]", L(1L, 2L, 2L), ignoreListOrder: true));
        Assert.True(Matches("[[1, 2], [3]]", L(L(3L), L(2L, 1L)), ignoreListOrder: true));
        Assert.False(Matches("[1, 2]", L(1L, 2L, 3L)));
    }

    [Fact]
    public void Maps_need_the_same_keys_and_values()
    {
        var actual = new Dictionary<string, object?> { ["a"] = 1L, ["b"] = "x" };
        Assert.True(Matches("{b: 'x', a: 1}", actual));
        Assert.False(Matches("{a: 1}", actual));
        Assert.False(Matches("{a: 1, b: 'y'}", actual));
        Assert.False(Matches("{a: 1, b: 'x'}", L(1L)));
    }

    [Fact]
    public void Nodes_compare_by_label_set_and_properties_not_by_id()
    {
        var node = new Node("42", ["B", "A"], new Dictionary<string, object?> { ["name"] = "n" });
        Assert.True(Matches("(:A:B {name: 'n'})", node));
        Assert.False(Matches("(:A {name: 'n'})", node));
        Assert.False(Matches("(:A:B)", node));
        Assert.False(Matches("(:A:B {name: 'm'})", node));
        Assert.False(Matches("{name: 'n'}", node));
    }

    [Fact]
    public void Relationships_compare_by_type_and_properties()
    {
        var rel = new Relationship("7", "KNOWS", "1", "2", new Dictionary<string, object?> { ["since"] = 2001L });
        Assert.True(Matches("[:KNOWS {since: 2001}]", rel));
        Assert.False(Matches("[:KNOWS]", rel));
        Assert.False(Matches("[:LIKES {since: 2001}]", rel));
        Assert.False(Matches("[:KNOWS {since: 2001.0}]", rel));
    }

    [Fact]
    public void Paths_compare_structurally_including_direction()
    {
        var a = new Node("1", ["A"], NoProperties);
        var b = new Node("2", ["B"], NoProperties);
        var forward = new ClientPath([a, b], [new Relationship("9", "T", "1", "2", NoProperties)]);
        var backward = new ClientPath([a, b], [new Relationship("9", "T", "2", "1", NoProperties)]);
        Assert.True(Matches("<(:A)-[:T]->(:B)>", forward));
        Assert.False(Matches("<(:A)<-[:T]-(:B)>", forward));
        Assert.True(Matches("<(:A)<-[:T]-(:B)>", backward));
        Assert.False(Matches("<(:B)-[:T]->(:A)>", forward));
        Assert.False(Matches("<(:A)>", forward));
        Assert.True(Matches("<(:A)>", new ClientPath([a], [])));
    }

    [Fact]
    public void A_self_loop_matches_either_written_direction()
    {
        var a = new Node("1", ["A"], NoProperties);
        var loop = new ClientPath([a, a], [new Relationship("9", "T", "1", "1", NoProperties)]);
        Assert.True(Matches("<(:A)-[:T]->(:A)>", loop));
        Assert.True(Matches("<(:A)<-[:T]-(:A)>", loop));
    }

    [Fact]
    public void Bag_matching_pairs_each_item_once()
    {
        Assert.True(TckValueComparer.BagMatches<int, int>([1, 2, 2], [2, 1, 2], (x, y) => x == y));
        Assert.False(TckValueComparer.BagMatches<int, int>([1, 2, 2], [2, 1, 1], (x, y) => x == y));
        Assert.False(TckValueComparer.BagMatches<int, int>([1], [1, 1], (x, y) => x == y));
    }
}
