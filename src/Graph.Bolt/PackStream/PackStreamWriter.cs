using System.Buffers.Binary;
using System.Text;

namespace Graph.Bolt.PackStream;

/// <summary>
/// Writes PackStream v1 values (big-endian, smallest encoding of each integer and size) into a reusable buffer.
/// Structures are written as a header followed by their fields; what a structure means is the Bolt layer's business
/// (<see cref="Protocol.BoltValueWriter"/>).
/// </summary>
public sealed class PackStreamWriter
{
    private byte[] _buffer;
    private int _length;

    public PackStreamWriter(int initialCapacity = 1024) => _buffer = new byte[Math.Max(16, initialCapacity)];

    /// <summary>The bytes written since the last <see cref="Clear"/>.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public int Length => _length;

    public void Clear() => _length = 0;

    public void WriteNull() => Byte(Markers.Null);

    public void WriteBoolean(bool value) => Byte(value ? Markers.True : Markers.False);

    public void WriteInteger(long value)
    {
        if (value is >= -16 and <= 127)
        {
            Byte(unchecked((byte)value));
        }
        else if (value is >= sbyte.MinValue and <= sbyte.MaxValue)
        {
            Byte(Markers.Int8);
            Byte(unchecked((byte)value));
        }
        else if (value is >= short.MinValue and <= short.MaxValue)
        {
            Byte(Markers.Int16);
            BinaryPrimitives.WriteInt16BigEndian(Reserve(2), (short)value);
        }
        else if (value is >= int.MinValue and <= int.MaxValue)
        {
            Byte(Markers.Int32);
            BinaryPrimitives.WriteInt32BigEndian(Reserve(4), (int)value);
        }
        else
        {
            Byte(Markers.Int64);
            BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);
        }
    }

    public void WriteFloat(double value)
    {
        Byte(Markers.Float64);
        BinaryPrimitives.WriteDoubleBigEndian(Reserve(8), value);
    }

    public void WriteString(string value)
    {
        var size = Encoding.UTF8.GetByteCount(value);
        Header(size, Markers.TinyString, Markers.String8, Markers.String16, Markers.String32);
        Encoding.UTF8.GetBytes(value, Reserve(size));
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        // Bytes have no tiny form.
        if (value.Length <= byte.MaxValue) { Byte(Markers.Bytes8); Byte((byte)value.Length); }
        else if (value.Length <= ushort.MaxValue) { Byte(Markers.Bytes16); BinaryPrimitives.WriteUInt16BigEndian(Reserve(2), (ushort)value.Length); }
        else { Byte(Markers.Bytes32); BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value.Length); }
        value.CopyTo(Reserve(value.Length));
    }

    public void WriteListHeader(int count) => Header(count, Markers.TinyList, Markers.List8, Markers.List16, Markers.List32);

    public void WriteMapHeader(int count) => Header(count, Markers.TinyMap, Markers.Map8, Markers.Map16, Markers.Map32);

    /// <summary>A structure of up to 15 fields (PackStream v1 has no larger ones).</summary>
    public void WriteStructHeader(byte tag, int fields)
    {
        if (fields is < 0 or > 15) throw new ArgumentOutOfRangeException(nameof(fields), "A structure has 0 to 15 fields.");
        Byte((byte)(Markers.TinyStruct | fields));
        Byte(tag);
    }

    /// <summary>Writes raw bytes (already PackStream-encoded elsewhere).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    private void Header(int size, byte tiny, byte marker8, byte marker16, byte marker32)
    {
        if (size < 16) Byte((byte)(tiny | size));
        else if (size <= byte.MaxValue) { Byte(marker8); Byte((byte)size); }
        else if (size <= ushort.MaxValue) { Byte(marker16); BinaryPrimitives.WriteUInt16BigEndian(Reserve(2), (ushort)size); }
        else { Byte(marker32); BinaryPrimitives.WriteInt32BigEndian(Reserve(4), size); }
    }

    private void Byte(byte b) => Reserve(1)[0] = b;

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            var size = Math.Max(_buffer.Length * 2, _length + count);
            Array.Resize(ref _buffer, size);
        }
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
