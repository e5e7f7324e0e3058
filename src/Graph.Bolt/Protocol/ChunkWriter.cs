using System.Buffers.Binary;

namespace Graph.Bolt.Protocol;

/// <summary>
/// Chunks messages into an output buffer (chunks of at most 65,535 bytes, a 0-size chunk after each message) and
/// writes the buffer to the stream when asked or when it grows past a threshold, so a long stream of records goes
/// out in large writes without ever being held whole.
/// </summary>
public sealed class ChunkWriter(Stream stream)
{
    private const int MaxChunk = ushort.MaxValue;
    private const int FlushThreshold = 64 * 1024;

    private byte[] _buffer = new byte[FlushThreshold + 1024];
    private int _length;

    /// <summary>Bytes waiting to be written.</summary>
    public int Pending => _length;

    /// <summary>Appends one message; writes out what is buffered once it passes 64 KiB.</summary>
    public async ValueTask AppendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        Append(message.Span);
        if (_length >= FlushThreshold) await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Append(ReadOnlySpan<byte> message)
    {
        var chunks = (message.Length + MaxChunk - 1) / MaxChunk;
        Ensure(message.Length + chunks * 2 + 2);
        var offset = 0;
        while (offset < message.Length)
        {
            var size = Math.Min(MaxChunk, message.Length - offset);
            BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_length), (ushort)size);
            message.Slice(offset, size).CopyTo(_buffer.AsSpan(_length + 2));
            _length += size + 2;
            offset += size;
        }
        _buffer[_length++] = 0;
        _buffer[_length++] = 0;
    }

    /// <summary>Appends raw bytes (handshake replies).</summary>
    public void AppendRaw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>A NOOP chunk (keep-alive).</summary>
    public void AppendNoop() => AppendRaw([0, 0]);

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_length == 0) return;
        await stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        _length = 0;
        // A single huge message grew the buffer; do not keep it.
        if (_buffer.Length > 4 * FlushThreshold) _buffer = new byte[FlushThreshold + 1024];
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
    }
}
