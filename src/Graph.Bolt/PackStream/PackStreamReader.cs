using System.Buffers.Binary;
using System.Text;

namespace Graph.Bolt.PackStream;

/// <summary>
/// Reads PackStream v1 values from one whole message. Every size is checked against the bytes that are left
/// before anything is allocated, nesting is bounded, strings must be valid UTF-8, and a reserved marker is an
/// error: malformed input raises <see cref="PackStreamException"/>, never anything else.
/// </summary>
public sealed class PackStreamReader
{
    /// <summary>How deep lists, maps and structures may nest in one value.</summary>
    public const int MaxDepth = 128;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _data;
    private readonly int _end;
    private readonly IStructureReader? _structures;
    private int _position;

    public PackStreamReader(byte[] data, int offset = 0, int length = -1, IStructureReader? structures = null)
    {
        _data = data;
        _position = offset;
        _end = length < 0 ? data.Length : offset + length;
        if (offset < 0 || _end > data.Length || _end < offset) throw new ArgumentOutOfRangeException(nameof(length));
        _structures = structures;
    }

    public int Remaining => _end - _position;

    public bool AtEnd => _position >= _end;

    /// <summary>Reads any value. Structures go to the <see cref="IStructureReader"/> (or come back as <see cref="PackStreamStructure"/>).</summary>
    public object? ReadValue() => ReadValue(0);

    internal object? ReadValue(int depth)
    {
        if (depth > MaxDepth) throw new PackStreamException($"a value nests deeper than {MaxDepth} levels");
        var marker = ReadByte();
        switch (marker)
        {
            case <= 0x7F: return (long)marker;
            case >= 0xF0: return (long)unchecked((sbyte)marker);
            case Markers.Null: return null;
            case Markers.True: return true;
            case Markers.False: return false;
            case Markers.Float64: return BinaryPrimitives.ReadDoubleBigEndian(Take(8));
            case Markers.Int8: return (long)unchecked((sbyte)ReadByte());
            case Markers.Int16: return (long)BinaryPrimitives.ReadInt16BigEndian(Take(2));
            case Markers.Int32: return (long)BinaryPrimitives.ReadInt32BigEndian(Take(4));
            case Markers.Int64: return BinaryPrimitives.ReadInt64BigEndian(Take(8));
            case Markers.Bytes8 or Markers.Bytes16 or Markers.Bytes32: return Take(SizeAfter(marker, Markers.Bytes8)).ToArray();
            case >= Markers.TinyString and < Markers.TinyList: return String(marker & 0x0F);
            case Markers.String8 or Markers.String16 or Markers.String32: return String(SizeAfter(marker, Markers.String8));
            case >= Markers.TinyList and < Markers.TinyMap: return List(marker & 0x0F, depth);
            case Markers.List8 or Markers.List16 or Markers.List32: return List(SizeAfter(marker, Markers.List8), depth);
            case >= Markers.TinyMap and < Markers.TinyStruct: return Map(marker & 0x0F, depth);
            case Markers.Map8 or Markers.Map16 or Markers.Map32: return Map(SizeAfter(marker, Markers.Map8), depth);
            case >= Markers.TinyStruct and < Markers.Null:
                {
                    var fields = marker & 0x0F;
                    var tag = ReadByte();
                    return _structures is null ? ReadStructure(tag, fields, depth) : _structures.Read(tag, fields, this, depth + 1);
                }
            default: throw new PackStreamException($"reserved marker byte 0x{marker:X2} at offset {_position - 1}");
        }
    }

    /// <summary>Reads a structure's fields as plain values (no meaning attached).</summary>
    internal PackStreamStructure ReadStructure(byte tag, int fields, int depth)
    {
        var values = new object?[fields];
        for (var i = 0; i < fields; i++) values[i] = ReadValue(depth + 1);
        return new PackStreamStructure(tag, values);
    }

    /// <summary>Reads the header of a structure (the message envelope): its field count and tag.</summary>
    public (byte Tag, int Fields) ReadStructHeader()
    {
        var marker = ReadByte();
        if (marker is < Markers.TinyStruct or >= Markers.Null)
            throw new PackStreamException($"expected a structure but found marker 0x{marker:X2}");
        return (ReadByte(), marker & 0x0F);
    }

    public byte ReadByte()
    {
        if (_position >= _end) throw new PackStreamException("the message ends in the middle of a value");
        return _data[_position++];
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _end - _position)
            throw new PackStreamException($"a value claims {(uint)count} bytes but only {_end - _position} are left in the message");
        var span = _data.AsSpan(_position, count);
        _position += count;
        return span;
    }

    /// <summary>The size that follows a sized marker: 1, 2 or 4 bytes, unsigned, by the marker's place after <paramref name="first"/>.</summary>
    private int SizeAfter(byte marker, byte first)
    {
        var size = (marker - first) switch
        {
            0 => ReadByte(),
            1 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            _ => BinaryPrimitives.ReadUInt32BigEndian(Take(4)),
        };
        // Every element takes at least one byte, so no honest size exceeds what is left.
        if (size > (uint)(_end - _position))
            throw new PackStreamException($"a value claims {size} elements or bytes but only {_end - _position} bytes are left in the message");
        return (int)size;
    }

    private string String(int size)
    {
        var bytes = Take(size);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new PackStreamException("a string is not valid UTF-8");
        }
    }

    private List<object?> List(int count, int depth)
    {
        if (count > Remaining) throw new PackStreamException($"a list claims {count} items but only {Remaining} bytes are left");
        var list = new List<object?>(count);
        for (var i = 0; i < count; i++) list.Add(ReadValue(depth + 1));
        return list;
    }

    private Dictionary<string, object?> Map(int count, int depth)
    {
        if (count > Remaining / 2) throw new PackStreamException($"a map claims {count} entries but only {Remaining} bytes are left");
        var map = new Dictionary<string, object?>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            if (ReadValue(depth + 1) is not string key) throw new PackStreamException("a map key is not a string");
            map[key] = ReadValue(depth + 1);
        }
        return map;
    }
}
