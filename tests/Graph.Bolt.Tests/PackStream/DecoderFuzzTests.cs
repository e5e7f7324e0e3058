using Graph.Bolt.PackStream;
using Graph.Bolt.Protocol;
using Graph.Client;

namespace Graph.Bolt.Tests.PackStream;

/// <summary>
/// Malformed bytes never do more than raise <see cref="PackStreamException"/>: random bytes, valid messages with
/// bytes flipped, cut short or with sizes that lie, and nesting deeper than allowed. Deterministic seeds.
/// </summary>
public class DecoderFuzzTests
{
    private static void Decode(byte[] bytes)
    {
        var reader = new PackStreamReader(bytes, structures: BoltStructureReader.Instance);
        while (!reader.AtEnd) reader.ReadValue();
    }

    /// <summary>As the server reads a message: the envelope structure, then its fields.</summary>
    private static void DecodeMessage(byte[] bytes)
    {
        var reader = new PackStreamReader(bytes, structures: BoltStructureReader.Instance);
        var (_, fields) = reader.ReadStructHeader();
        for (var i = 0; i < fields; i++) reader.ReadValue();
    }

    /// <summary>Decodes, allowing only a clean refusal; anything else fails the test with the input.</summary>
    private static void MustDecodeOrRefuse(byte[] bytes, Action<byte[]>? decode = null)
    {
        try
        {
            (decode ?? Decode)(bytes);
        }
        catch (PackStreamException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"{e.GetType().Name}: {e.Message} for input {Convert.ToHexString(bytes)}");
        }
    }

    private static byte[] ValidMessage()
    {
        var packer = new PackStreamWriter();
        packer.WriteStructHeader(BoltMessages.Run, 3);
        var values = new BoltValueWriter(packer, BoltVersion.V5_8);
        values.Write("MATCH (n) WHERE n.x = $x RETURN n");
        values.Write(new Dictionary<string, object?>
        {
            ["x"] = new List<object?> { 1L, -200L, 70000L, long.MinValue, 2.5, "text", true, null, new byte[] { 1, 2 } },
            ["node"] = new Node("node:3", ["A"], new Dictionary<string, object?> { ["p"] = 1L }),
            ["path"] = new Graph.Client.GraphPath(
                [new Node("node:1", [], new Dictionary<string, object?>()), new Node("node:2", [], new Dictionary<string, object?>())],
                [new Relationship("relationship:1", "R", "node:2", "node:1", new Dictionary<string, object?>())]),
        });
        values.Write(new Dictionary<string, object?> { ["mode"] = "r", ["bookmarks"] = new List<object?> { "b1" } });
        return packer.Written.ToArray();
    }

    [Fact]
    public void Random_bytes_are_refused_cleanly()
    {
        var random = new Random(1301);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(1, 64)];
            random.NextBytes(bytes);
            MustDecodeOrRefuse(bytes);
        }
    }

    [Fact]
    public void Mutated_messages_are_refused_cleanly()
    {
        var valid = ValidMessage();
        DecodeMessage(valid); // the original is fine
        var random = new Random(7687);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = (byte[])valid.Clone();
            switch (random.Next(4))
            {
                case 0: bytes[random.Next(bytes.Length)] = (byte)random.Next(256); break;
                case 1: bytes = bytes[..random.Next(bytes.Length)]; break;
                case 2:
                    for (var k = 0; k < 4; k++) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                default:
                    // a size field claiming far more than is there
                    var at = random.Next(bytes.Length - 5);
                    bytes[at] = (byte)(random.Next(2) == 0 ? 0xD6 : 0xDA);
                    bytes[at + 1] = 0x7F;
                    break;
            }
            MustDecodeOrRefuse(bytes, DecodeMessage);
        }
    }

    [Fact]
    public void Sizes_that_lie_are_refused_before_anything_is_allocated()
    {
        foreach (var hex in new[] { "D6FFFFFFFF", "DAFFFFFFFF", "D2FFFFFFFF41", "CEFFFFFFFF", "D5FFFF", "D47F01" })
        {
            var e = Assert.Throws<PackStreamException>(() => Decode(Convert.FromHexString(hex)));
            Assert.Contains("left", e.Message);
        }
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var bytes = Enumerable.Repeat((byte)0x91, 100_000).Append((byte)0x01).ToArray(); // [[[[...1...]]]]
        var e = Assert.Throws<PackStreamException>(() => Decode(bytes));
        Assert.Contains("deeper", e.Message);
        var shallow = Enumerable.Repeat((byte)0x91, PackStreamReader.MaxDepth).Append((byte)0x01).ToArray();
        Decode(shallow);
    }

    [Theory]
    [InlineData("C4", "reserved marker")]
    [InlineData("DC01", "reserved marker")]
    [InlineData("82C328", "UTF-8")]
    [InlineData("A101C0", "not a string")]
    [InlineData("B1FF01", "unknown structure")]
    [InlineData("B34E0101A0", "wrong types")] // a Node whose labels are a number
    public void Each_kind_of_malformed_value_is_named(string hex, string expected)
    {
        var e = Assert.Throws<PackStreamException>(() => Decode(Convert.FromHexString(hex)));
        Assert.Contains(expected, e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
