using System.Buffers.Binary;

namespace Graph.Bolt.Protocol;

/// <summary>
/// Reads Bolt's chunked messages from a stream: 2-byte big-endian chunk sizes, a 0-size chunk ending each
/// message, empty (NOOP) chunks between messages skipped. A message larger than the limit is refused before it
/// is held whole.
/// </summary>
public sealed class ChunkReader(Stream stream, int maxMessageBytes)
{
    private readonly byte[] _input = new byte[16 * 1024];
    private int _start;
    private int _end;
    private byte[] _message = new byte[1024];

    /// <summary>
    /// The next message's bytes (valid until the next call), or null when the peer closed the connection between
    /// messages. A connection closed inside a message, or a message over the limit, throws <see cref="BoltProtocolException"/>.
    /// </summary>
    public async ValueTask<ArraySegment<byte>?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (!await FillAsync(2, cancellationToken).ConfigureAwait(false))
            {
                if (length == 0 && _end == _start) return null;
                throw new BoltProtocolException("the connection closed in the middle of a message");
            }
            var size = BinaryPrimitives.ReadUInt16BigEndian(_input.AsSpan(_start, 2));
            _start += 2;
            if (size == 0)
            {
                if (length == 0) continue; // NOOP (keep-alive) chunk
                return new ArraySegment<byte>(_message, 0, length);
            }
            if (length + size > maxMessageBytes)
                throw new BoltProtocolException($"a message is larger than the server accepts ({maxMessageBytes} bytes; Server:Bolt:MaxMessageBytes)");
            if (length + size > _message.Length) Array.Resize(ref _message, Math.Min(Math.Max(_message.Length * 2, length + size), maxMessageBytes));
            var copied = 0;
            while (copied < size)
            {
                if (_end == _start && !await FillAsync(1, cancellationToken).ConfigureAwait(false))
                    throw new BoltProtocolException("the connection closed in the middle of a message");
                var n = Math.Min(size - copied, _end - _start);
                Buffer.BlockCopy(_input, _start, _message, length + copied, n);
                _start += n;
                copied += n;
            }
            length += size;
        }
    }

    /// <summary>The next <paramref name="count"/> bytes without consuming them; null at the end of the stream.</summary>
    public async ValueTask<byte[]?> PeekAsync(int count, CancellationToken cancellationToken) =>
        await FillAsync(count, cancellationToken).ConfigureAwait(false) ? _input.AsSpan(_start, count).ToArray() : null;

    /// <summary>Raw bytes up to and including <paramref name="end"/> (an HTTP request head); null past <paramref name="max"/> bytes or at the end of the stream.</summary>
    public async ValueTask<byte[]?> ReadUntilAsync(byte[] end, int max, CancellationToken cancellationToken)
    {
        for (var have = end.Length; have <= Math.Min(max, _input.Length); have++)
        {
            if (!await FillAsync(have, cancellationToken).ConfigureAwait(false)) return null;
            if (_input.AsSpan(_start + have - end.Length, end.Length).SequenceEqual(end))
            {
                var bytes = _input.AsSpan(_start, have).ToArray();
                _start += have;
                return bytes;
            }
        }
        return null;
    }

    /// <summary>Reads exactly <paramref name="count"/> raw bytes (the handshake).</summary>
    public async ValueTask<byte[]?> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        if (!await FillAsync(count, cancellationToken).ConfigureAwait(false)) return null;
        var bytes = _input.AsSpan(_start, count).ToArray();
        _start += count;
        return bytes;
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available; false at the end of the stream.</summary>
    private async ValueTask<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count) return true;
        if (_start > 0)
        {
            Buffer.BlockCopy(_input, _start, _input, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        while (_end < count)
        {
            var n = await stream.ReadAsync(_input.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (n == 0) return false;
            _end += n;
        }
        return true;
    }
}
