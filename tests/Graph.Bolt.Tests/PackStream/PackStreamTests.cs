using Graph.Bolt.PackStream;
using Graph.Bolt.Protocol;
using Graph.Client;

namespace Graph.Bolt.Tests.PackStream;

/// <summary>PackStream encodings byte for byte (the examples of the specification), and every value read back as written.</summary>
public class PackStreamTests
{
    private static string Hex(object? value, BoltVersion? version = null)
    {
        var packer = new PackStreamWriter();
        new BoltValueWriter(packer, version ?? BoltVersion.V5_8).Write(value);
        return Convert.ToHexString(packer.Written);
    }

    private static object? RoundTrip(object? value, BoltVersion? version = null)
    {
        var packer = new PackStreamWriter();
        new BoltValueWriter(packer, version ?? BoltVersion.V5_8).Write(value);
        var reader = new PackStreamReader(packer.Written.ToArray(), structures: BoltStructureReader.Instance);
        var read = reader.ReadValue();
        Assert.True(reader.AtEnd);
        return read;
    }

    public static TheoryData<long, string> Integers() => new()
    {
        { 0, "00" }, { 1, "01" }, { 42, "2A" }, { 127, "7F" }, { -1, "FF" }, { -16, "F0" },
        { -17, "C8EF" }, { -128, "C880" }, { 128, "C90080" }, { -129, "C9FF7F" }, { 32767, "C97FFF" }, { -32768, "C98000" },
        { 32768, "CA00008000" }, { int.MaxValue, "CA7FFFFFFF" }, { int.MinValue, "CA80000000" },
        { int.MaxValue + 1L, "CB0000000080000000" }, { long.MaxValue, "CB7FFFFFFFFFFFFFFF" }, { long.MinValue, "CB8000000000000000" },
    };

    [Theory]
    [MemberData(nameof(Integers))]
    public void Integers_take_the_smallest_encoding(long value, string hex)
    {
        Assert.Equal(hex, Hex(value));
        Assert.Equal(value, RoundTrip(value));
    }

    [Fact]
    public void Scalars_have_the_specified_markers()
    {
        Assert.Equal("C0", Hex(null));
        Assert.Equal("C3", Hex(true));
        Assert.Equal("C2", Hex(false));
        Assert.Equal("C13FF199999999999A", Hex(1.1));
        Assert.Equal("80", Hex(""));
        Assert.Equal("8141", Hex("A"));
        Assert.Equal("D01A6162636465666768696A6B6C6D6E6F707172737475767778797A", Hex("abcdefghijklmnopqrstuvwxyz"));
        Assert.Equal("86C3A47070C3A4", Hex("äppä")); // the size counts UTF-8 bytes, not characters
        Assert.Equal("CC03010203", Hex(new byte[] { 1, 2, 3 }));
        Assert.Equal("93010203", Hex(new object?[] { 1L, 2L, 3L }));
        Assert.Equal("A1836F6E658465696E73", Hex(new Dictionary<string, object?> { ["one"] = "eins" }));
    }

    [Theory]
    [InlineData(15, "8F")]
    [InlineData(16, "D010")]
    [InlineData(255, "D0FF")]
    [InlineData(256, "D10100")]
    [InlineData(65535, "D1FFFF")]
    [InlineData(65536, "D200010000")]
    public void String_sizes_pick_the_header(int length, string header)
    {
        var text = new string('x', length);
        Assert.StartsWith(header, Hex(text));
        Assert.Equal(text, RoundTrip(text));
    }

    [Theory]
    [InlineData(15, "9F")]
    [InlineData(16, "D410")]
    [InlineData(256, "D50100")]
    [InlineData(65536, "D600010000")]
    public void List_sizes_pick_the_header(int count, string header)
    {
        var list = Enumerable.Range(0, count).Select(i => (object?)(long)(i % 100)).ToList();
        Assert.StartsWith(header, Hex(list));
        Assert.Equal(list, (IEnumerable<object?>)RoundTrip(list)!);
    }

    [Theory]
    [InlineData(15, "AF")]
    [InlineData(16, "D810")]
    [InlineData(256, "D90100")]
    public void Map_sizes_pick_the_header(int count, string header)
    {
        var map = Enumerable.Range(0, count).ToDictionary(i => "k" + i, i => (object?)(long)i);
        Assert.StartsWith(header, Hex(map));
        Assert.Equal(map, (IReadOnlyDictionary<string, object?>)RoundTrip(map)!);
    }

    [Theory]
    [InlineData(255, "CCFF")]
    [InlineData(256, "CD0100")]
    [InlineData(70000, "CE00011170")]
    public void Byte_array_sizes_pick_the_header(int count, string header)
    {
        var bytes = Enumerable.Range(0, count).Select(i => (byte)i).ToArray();
        Assert.StartsWith(header, Hex(bytes));
        Assert.Equal(bytes, (byte[])RoundTrip(bytes)!);
    }

    [Fact]
    public void Floats_keep_every_bit()
    {
        foreach (var d in new[] { 0.0, -0.0, double.Epsilon, double.MaxValue, double.NegativeInfinity, double.PositiveInfinity, 1e-300, Math.PI })
            Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits((double)RoundTrip(d)!));
        Assert.True(double.IsNaN((double)RoundTrip(double.NaN)!));
    }

    private static readonly Node Alice = new("node:1", ["Person", "Expert"], new Dictionary<string, object?> { ["name"] = "Alice", ["age"] = 33L });
    private static readonly Node Bob = new("node:2", ["Person"], new Dictionary<string, object?> { ["name"] = "Bob" });
    private static readonly Relationship Knows = new("relationship:7", "KNOWS", "node:1", "node:2", new Dictionary<string, object?> { ["since"] = 2020L });
    private static readonly Relationship Likes = new("relationship:8", "LIKES", "node:2", "node:1", new Dictionary<string, object?>());

    [Fact]
    public void Nodes_are_structures_with_element_ids_from_5_0()
    {
        Assert.StartsWith("B44E01", Hex(Alice, BoltVersion.V5_0));
        Assert.StartsWith("B34E01", Hex(Alice, BoltVersion.V4_4));
        var read = (Node)RoundTrip(Alice)!;
        Assert.Equal(Alice.ElementId, read.ElementId);
        Assert.Equal(Alice.Labels, read.Labels);
        Assert.Equal(Alice.Properties, read.Properties);
        // Before 5.0 only the integer id travels: the element id becomes its text.
        Assert.Equal("1", ((Node)RoundTrip(Alice, BoltVersion.V4_4)!).ElementId);
    }

    [Fact]
    public void Relationships_carry_their_ends()
    {
        Assert.StartsWith("B8520701028", Hex(Knows)); // id 7, from 1 to 2, then the type
        var read = (Relationship)RoundTrip(Knows)!;
        Assert.Equal((Knows.ElementId, Knows.Type, Knows.StartNodeElementId, Knows.EndNodeElementId), (read.ElementId, read.Type, read.StartNodeElementId, read.EndNodeElementId));
        Assert.Equal(Knows.Properties, read.Properties);
        Assert.StartsWith("B55207", Hex(Knows, BoltVersion.V4_4));
    }

    [Fact]
    public void Paths_are_nodes_unbound_relationships_and_indices_in_both_directions()
    {
        // (alice)-[:KNOWS]->(bob)-[:LIKES]->(alice)<-[:LIKES]-(bob): a relationship walked backwards gets a negative index
        var path = new GraphPath([Alice, Bob, Alice, Bob], [Knows, Likes, Likes]);
        var read = (GraphPath)RoundTrip(path)!;
        Assert.Equal(path, read);
        Assert.Equal(path.Relationships.Select(r => (r.StartNodeElementId, r.EndNodeElementId)), read.Relationships.Select(r => (r.StartNodeElementId, r.EndNodeElementId)));
        Assert.StartsWith("B35092", Hex(path)); // each node and relationship is sent once: [alice, bob]
        Assert.Equal(ValueFormatter.ToCypherLiteral(path), ValueFormatter.ToCypherLiteral(read));
        Assert.Equal(ValueFormatter.ToCypherLiteral(new GraphPath([Alice], [])), ValueFormatter.ToCypherLiteral(RoundTrip(new GraphPath([Alice], []))));
    }

    [Fact]
    public void Nested_values_round_trip()
    {
        var value = new Dictionary<string, object?>
        {
            ["list"] = new List<object?> { 1L, "two", 3.0, null, true, new List<object?> { Alice } },
            ["map"] = new Dictionary<string, object?> { ["bytes"] = new byte[] { 0xFF }, ["rel"] = Knows },
        };
        Assert.Equal(ValueFormatter.ToCypherLiteral(value), ValueFormatter.ToCypherLiteral(RoundTrip(value)));
    }

    [Fact]
    public void Spatial_structures_read_as_their_wkt_text()
    {
        Assert.Equal("SRID=4326;POINT (1.5 -2)", Read(0x58, 4326L, 1.5, -2.0));
        Assert.Equal("SRID=9157;POINT Z (1 2 3)", Read(0x59, 9157L, 1.0, 2.0, 3.0));
    }

    internal static object? Read(byte tag, params object?[] fields)
    {
        var packer = new PackStreamWriter();
        packer.WriteStructHeader(tag, fields.Length);
        var values = new BoltValueWriter(packer, BoltVersion.V5_8);
        foreach (var f in fields) values.Write(f);
        return new PackStreamReader(packer.Written.ToArray(), structures: BoltStructureReader.Instance).ReadValue();
    }

    [Fact]
    public void Values_nested_too_deep_to_send_are_a_type_error()
    {
        object? deep = 1L;
        for (var i = 0; i < BoltValueWriter.MaxDepth + 5; i++) deep = new List<object?> { deep };
        var e = Assert.Throws<ClientException>(() => Hex(deep));
        Assert.Equal(Neo4jStatus.TypeError, e.Code);
    }

    [Fact]
    public void Legacy_ids_come_from_the_element_id()
    {
        Assert.Equal(42, ElementIdentity.LegacyId("node:42"));
        Assert.Equal(17, ElementIdentity.LegacyId("4:2d0a8f0e-1d66-4b2b-93a5-0e4ab4b8a0f1:17"));
        var hashed = ElementIdentity.LegacyId("some-opaque-id");
        Assert.True(hashed >= 0);
        Assert.Equal(hashed, ElementIdentity.LegacyId("some-opaque-id"));
    }
}
