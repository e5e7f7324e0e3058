using System.Buffers.Binary;

namespace Graph.Bolt.Protocol;

/// <summary>
/// Bolt's handshake, both sides: the magic 60 60 B0 17, four 32-bit proposals (<c>00 range minor major</c>, ranges
/// since 4.3) and the server's pick; or, when a proposal is <c>00 00 01 FF</c>, manifest v1 (Bolt 5.7+): the server
/// lists what it speaks (varint count, ranges, varint capabilities) and the client answers with its choice.
/// </summary>
public static class Handshake
{
    public static readonly byte[] Magic = [0x60, 0x60, 0xB0, 0x17];
    public const uint ManifestV1 = 0x000001FF;

    /// <summary>The ranges a server offers in a manifest: 5.8–5.6, 5.4–5.0, 4.4 (5.5 is skipped, as Neo4j does).</summary>
    public static readonly IReadOnlyList<uint> ManifestRanges = [Range(5, 8, 2), Range(5, 4, 4), Range(4, 4, 0)];

    private static uint Range(int major, int minor, int below) => (uint)((below << 16) | (minor << 8) | major);

    /// <summary>What the server picks from four proposals: a version, the manifest, or nothing (null).</summary>
    public static (BoltVersion? Version, bool Manifest) Choose(ReadOnlySpan<byte> proposals, IReadOnlyList<BoltVersion> supported)
    {
        for (var i = 0; i < 4; i++)
        {
            var proposal = BinaryPrimitives.ReadUInt32BigEndian(proposals.Slice(i * 4, 4));
            if (proposal == ManifestV1) return (null, true);
            int major = (int)(proposal & 0xFF), minor = (int)((proposal >> 8) & 0xFF), range = (int)((proposal >> 16) & 0xFF);
            for (var m = minor; m >= Math.Max(0, minor - range); m--)
            {
                var candidate = new BoltVersion(major, m);
                if (supported.Contains(candidate)) return (candidate, false);
            }
        }
        return (null, false);
    }

    /// <summary>The server's manifest: 00 00 01 FF, the count and ranges, capabilities 0.</summary>
    public static byte[] ManifestReply()
    {
        var bytes = new List<byte> { 0x00, 0x00, 0x01, 0xFF };
        WriteVarInt(bytes, (ulong)ManifestRanges.Count);
        var b = new byte[4];
        foreach (var range in ManifestRanges)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, range);
            bytes.AddRange(b);
        }
        WriteVarInt(bytes, 0); // no capabilities
        return bytes.ToArray();
    }

    /// <summary>The versions a manifest's ranges name (a client reading a server's manifest).</summary>
    public static IEnumerable<BoltVersion> Expand(uint range)
    {
        int major = (int)(range & 0xFF), minor = (int)((range >> 8) & 0xFF), below = (int)((range >> 16) & 0xFF);
        for (var m = minor; m >= Math.Max(0, minor - below); m--) yield return new BoltVersion(major, m);
    }

    public static void WriteVarInt(List<byte> bytes, ulong value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        } while (value != 0);
    }

    /// <summary>Reads a varint one byte at a time; more than 10 bytes is malformed.</summary>
    public static async ValueTask<ulong?> ReadVarIntAsync(Func<ValueTask<byte?>> next)
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (await next().ConfigureAwait(false) is not { } b) return null;
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new BoltProtocolException("a handshake varint is longer than 10 bytes");
    }

    /// <summary>The client's opening: magic and four proposals, the first being the manifest (as the 6.x drivers send it).</summary>
    public static byte[] ClientProposals(bool manifest)
    {
        var bytes = new byte[20];
        Magic.CopyTo(bytes, 0);
        var proposals = manifest
            ? new[] { ManifestV1, Range(5, 8, 2), Range(5, 4, 4), Range(4, 4, 0) }
            : new[] { Range(5, 8, 2), Range(5, 4, 4), Range(4, 4, 0), 0u };
        for (var i = 0; i < 4; i++) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + i * 4), proposals[i]);
        return bytes;
    }
}
