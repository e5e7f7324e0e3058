using System.Buffers.Binary;

namespace Graph.Storage.Persistence;

/// <summary>
/// Frames what is written into checksummed blocks: [length u32][CRC-32C of length and data u32][data], ending with
/// an empty block. A reader (<see cref="BlockReadStream"/>) then checks every block before using its bytes and can
/// say which bytes of a damaged file are bad, which one checksum over the whole file cannot.
/// </summary>
internal sealed class BlockWriteStream(Stream inner) : Stream
{
    public const int BlockSize = 64 * 1024;
    public const int BlockHeaderSize = 8;

    private readonly byte[] _block = new byte[BlockSize];
    private int _filled;
    private bool _completed;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_completed) throw new InvalidOperationException("The block stream was completed.");
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, BlockSize - _filled);
            buffer[..take].CopyTo(_block.AsSpan(_filled));
            _filled += take;
            buffer = buffer[take..];
            if (_filled == BlockSize) EmitBlock();
        }
    }

    public override void WriteByte(byte value)
    {
        if (_completed) throw new InvalidOperationException("The block stream was completed.");
        _block[_filled++] = value;
        if (_filled == BlockSize) EmitBlock();
    }

    /// <summary>Writes the last partial block and the empty end block. Nothing may be written afterwards.</summary>
    public void Complete()
    {
        if (_completed) return;
        if (_filled > 0) EmitBlock();
        EmitBlock(); // the empty end block: a file cut at a block boundary is then recognizably short
        _completed = true;
        inner.Flush();
    }

    private void EmitBlock()
    {
        Span<byte> header = stackalloc byte[BlockHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)_filled);
        var crc = Crc32C.Append(0xFFFFFFFFu, header[..4]);
        crc = ~Crc32C.Append(crc, _block.AsSpan(0, _filled));
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], crc);
        inner.Write(header);
        inner.Write(_block, 0, _filled);
        _filled = 0;
    }

    // Flush keeps the partial block: blocks stay full, and Complete writes the rest.
    public override void Flush() { }
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
