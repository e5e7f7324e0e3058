using System.Buffers.Binary;

namespace Graph.Storage.Persistence;

/// <summary>
/// Reads what <see cref="BlockWriteStream"/> framed, checking each block's checksum before handing out any of its
/// bytes. Damage is an <see cref="InvalidDataException"/> naming the bytes of the file that are bad.
/// </summary>
internal sealed class BlockReadStream(Stream inner) : Stream
{
    private readonly byte[] _block = new byte[BlockWriteStream.BlockSize];
    private int _length;
    private int _position;
    private bool _ended;

    /// <summary>File offset of the block whose bytes are being read (for messages about its content).</summary>
    public long BlockOffset { get; private set; } = -1;

    /// <summary>True once the end block was read.</summary>
    public bool Ended => _ended;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        while (_position == _length)
        {
            if (_ended) return 0;
            NextBlock();
        }
        var take = Math.Min(buffer.Length, _length - _position);
        _block.AsSpan(_position, take).CopyTo(buffer);
        _position += take;
        return take;
    }

    // BinaryReader reads variable-length integers a byte at a time: keep this path short.
    public override int ReadByte()
    {
        while (_position == _length)
        {
            if (_ended) return -1;
            NextBlock();
        }
        return _block[_position++];
    }

    private void NextBlock()
    {
        var offset = inner.Position;
        Span<byte> header = stackalloc byte[BlockWriteStream.BlockHeaderSize];
        var got = inner.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < header.Length)
            throw new InvalidDataException($"the file ends at byte {offset + got} inside its content: its end is missing (cut off)");
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (length > BlockWriteStream.BlockSize)
            throw new InvalidDataException($"the block header at byte {offset} is damaged (it declares {length} bytes, at most {BlockWriteStream.BlockSize} are allowed)");
        var data = _block.AsSpan(0, (int)length);
        got = inner.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (got < data.Length)
            throw new InvalidDataException($"the file ends at byte {offset + header.Length + got} inside the block at byte {offset}: its end is missing (cut off)");
        var crc = ~Crc32C.Append(Crc32C.Append(0xFFFFFFFFu, header[..4]), data);
        if (crc != BinaryPrimitives.ReadUInt32LittleEndian(header[4..]))
            throw new InvalidDataException($"bytes {offset}-{offset + header.Length + length - 1} (one block) fail their checksum");
        BlockOffset = offset;
        _length = (int)length;
        _position = 0;
        if (length == 0) _ended = true;
    }

    public override void Flush() { }
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
