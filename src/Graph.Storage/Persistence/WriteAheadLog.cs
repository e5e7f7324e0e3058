using System.Buffers.Binary;
using Graph.Storage.Records;

namespace Graph.Storage.Persistence;

/// <summary>
/// The log of committed transactions: one record per commit,
/// [magic u32][payload length u32][CRC-32C of payload u32][payload][end marker u32].
/// A record counts only when all of it is present and its checksum and end marker match.
/// </summary>
internal sealed class WriteAheadLog : IDisposable
{
    public const uint RecordMagic = 0x314C5747;  // "GWL1"
    public const uint EndMarker = 0x21444E45;    // "END!"
    public const int HeaderSize = 12;
    public const int TrailerSize = 4;

    private readonly FileStream _file;
    private readonly bool _sync;

    public string Path { get; }
    public long Length => _file.Length;

    private WriteAheadLog(string path, FileStream file, bool sync)
    {
        Path = path;
        _file = file;
        _sync = sync;
    }

    public static WriteAheadLog Open(string path, bool syncOnCommit) =>
        new(path, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None), syncOnCommit);

    /// <summary>
    /// Appends a batch as one record and makes it durable (fsync when configured). The payload is streamed
    /// (no copy of a large transaction in memory); the header goes last, so until then the record is
    /// recognizably incomplete. On failure the log is cut back to where it was.
    /// </summary>
    public void Append(CommitBatch batch)
    {
        var before = _file.Length;
        try
        {
            _file.Seek(before + HeaderSize, SeekOrigin.Begin);
            var crc = new CrcStream(_file);
            using (var buffered = new BufferedStream(crc, 1 << 14))
            using (var writer = new BinaryWriter(buffered, System.Text.Encoding.UTF8, leaveOpen: true))
                BinaryCodec.WriteBatch(writer, batch);
            var length = _file.Position - before - HeaderSize;
            if (length > int.MaxValue - HeaderSize - TrailerSize)
                throw new InvalidOperationException("The transaction is too large for one log record (2 GB); split it into smaller transactions.");
            Span<byte> bytes = stackalloc byte[HeaderSize];
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, EndMarker);
            _file.Write(bytes[..TrailerSize]);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, RecordMagic);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes[4..], (uint)length);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes[8..], crc.Crc);
            _file.Seek(before, SeekOrigin.Begin);
            _file.Write(bytes);
            _file.Flush(flushToDisk: _sync);
        }
        catch
        {
            try { _file.SetLength(before); } catch (IOException) { }
            throw;
        }
    }

    /// <summary>Empties the log after a snapshot made its content redundant.</summary>
    public void Truncate(long length = 0)
    {
        _file.SetLength(length);
        _file.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Reads records from the start, handing each complete one to <paramref name="apply"/> (which returns why it rejects one, or null). Stops at the first
    /// incomplete or damaged record and returns where the valid log ends and why it stopped (null = clean end).
    /// </summary>
    public (long ValidLength, string? Problem) Replay(Func<CommitBatch, string?> apply)
    {
        var pool = new StringPool();
        var length = _file.Length;
        long position = 0;
        var header = new byte[HeaderSize];
        _file.Seek(0, SeekOrigin.Begin);
        while (position < length)
        {
            var remaining = length - position;
            if (remaining < HeaderSize)
                return (position, $"an incomplete record header ({remaining} bytes)");
            _file.ReadExactly(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != RecordMagic)
                return (position, "a damaged record header");
            var payloadLength = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            var expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8));
            if (payloadLength + (long)HeaderSize + TrailerSize > remaining)
                return (position, $"an incomplete record ({remaining} of {payloadLength + HeaderSize + TrailerSize} bytes present)");
            var body = new byte[payloadLength + TrailerSize];
            _file.ReadExactly(body);
            if (BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan((int)payloadLength)) != EndMarker)
                return (position, "a record without its end marker");
            if (Crc32C.Compute(body.AsSpan(0, (int)payloadLength)) != expectedCrc)
                return (position, "a record whose checksum does not match");
            CommitBatch batch;
            try
            {
                using var reader = new BinaryReader(new MemoryStream(body, 0, (int)payloadLength, writable: false));
                batch = BinaryCodec.ReadBatch(reader, pool);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or FormatException)
            {
                return (position, $"a record that cannot be decoded ({e.Message})");
            }
            var rejected = apply(batch);
            if (rejected is not null) return (position, rejected);
            position += HeaderSize + payloadLength + TrailerSize;
        }
        return (position, null);
    }

    public void Dispose() => _file.Dispose();
}
