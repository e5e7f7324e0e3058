using System.Buffers.Binary;
using Graph.Storage.Records;

namespace Graph.Storage.Persistence;

/// <summary>
/// The log of committed transactions (format 2):
/// a file header [magic "GWLF" u32][format u32 = 2][base commit i64][reserved u32][CRC-32C of the 20 bytes before u32],
/// then one record per commit: [magic "GWL2" u32][payload length u32][payload CRC-32C u32][header CRC-32C u32]
/// [payload][end marker u32]. The base commit is the commit the log continues from (the snapshot's when the log was
/// started; 0 = the beginning of history), so a log whose snapshot is missing is recognized.
/// A record is appended payload first and made durable, then its header is written and made durable: a record
/// with a valid header therefore always had its whole payload on disk (see <see cref="LogScanner"/> for how a
/// damaged record is told apart from an interrupted write). Format 1 logs (no file header, 12-byte record headers
/// without their own checksum) are read by <see cref="LogScanner"/> and rewritten on open.
/// </summary>
internal sealed class WriteAheadLog : IDisposable
{
    public const uint FileMagic = 0x464C5747;         // "GWLF"
    public const uint Format = 2;
    public const int FileHeaderSize = 24;
    public const uint RecordMagic = 0x324C5747;       // "GWL2"
    public const uint LegacyRecordMagic = 0x314C5747; // "GWL1"
    public const uint EndMarker = 0x21444E45;         // "END!"
    public const int RecordHeaderSize = 16;
    public const int LegacyRecordHeaderSize = 12;
    public const int TrailerSize = 4;

    private readonly FileStream _file;
    private readonly bool _sync;

    public long Length => _file.Length;

    private WriteAheadLog(FileStream file, bool sync)
    {
        _file = file;
        _sync = sync;
    }

    /// <summary>Opens an existing format-2 log for appending (recovery has checked it).</summary>
    public static WriteAheadLog Open(string path, bool syncOnCommit) =>
        new(new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None), syncOnCommit);

    /// <summary>
    /// Replaces the log at <paramref name="path"/> (if any) with an empty one continuing from <paramref name="baseCommit"/>:
    /// written to a temporary file, fsynced and renamed, so the log on disk is always either the old one or the new one.
    /// </summary>
    public static WriteAheadLog Create(string path, long baseCommit, bool syncOnCommit)
    {
        var temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1))
        {
            file.Write(FileHeader(baseCommit));
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return Open(path, syncOnCommit);
    }

    public static byte[] FileHeader(long baseCommit)
    {
        var header = new byte[FileHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, FileMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), Format);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), baseCommit);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), Crc32C.Compute(header.AsSpan(0, 20)));
        return header;
    }

    /// <summary>The header of a record whose payload has the given length and checksum.</summary>
    public static void RecordHeader(Span<byte> header, uint payloadLength, uint payloadCrc)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(header, RecordMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], payloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], payloadCrc);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], Crc32C.Compute(header[..12]));
    }

    /// <summary>
    /// Appends a batch as one record and makes it durable (fsync when configured). The payload is streamed (no copy
    /// of a large transaction in memory) and made durable before the header that vouches for it is written; until
    /// the header is there the record is recognizably unfinished. On failure the log is cut back to where it was.
    /// </summary>
    public void Append(CommitBatch batch)
    {
        var before = _file.Length;
        try
        {
            _file.Seek(before + RecordHeaderSize, SeekOrigin.Begin);
            var crc = new CrcStream(_file);
            using (var buffered = new BufferedStream(crc, 1 << 14))
            using (var writer = new BinaryWriter(buffered, System.Text.Encoding.UTF8, leaveOpen: true))
                BinaryCodec.WriteBatch(writer, batch);
            var length = _file.Position - before - RecordHeaderSize;
            if (length > int.MaxValue - RecordHeaderSize - TrailerSize)
                throw new InvalidOperationException("The transaction is too large for one log record (2 GB); split it into smaller transactions.");
            Span<byte> header = stackalloc byte[RecordHeaderSize];
            BinaryPrimitives.WriteUInt32LittleEndian(header, EndMarker);
            _file.Write(header[..TrailerSize]);
            // Two barriers: a crash can then leave a payload without a header (an interrupted write), never a
            // header whose payload is missing, which would be indistinguishable from damage.
            if (_sync) _file.Flush(flushToDisk: true);
            RecordHeader(header, (uint)length, crc.Crc);
            _file.Seek(before, SeekOrigin.Begin);
            _file.Write(header);
            _file.Flush(flushToDisk: _sync);
        }
        catch
        {
            try { _file.SetLength(before); } catch (IOException) { }
            throw;
        }
    }

    /// <summary>Cuts the log at <paramref name="length"/> (an interrupted write at its end) and makes that durable.</summary>
    public void Truncate(long length)
    {
        _file.SetLength(length);
        _file.Flush(flushToDisk: true);
    }

    public void Dispose() => _file.Dispose();
}
