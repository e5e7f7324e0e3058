using System.Buffers.Binary;
using Graph.Storage.Records;
using Microsoft.Win32.SafeHandles;

namespace Graph.Storage.Persistence;

/// <summary>
/// Reads a log from its start and tells what is in it: the commits it holds, where the valid part ends and, when a
/// record is bad, whether that is an interrupted write (a torn tail, safe to cut) or damage (never cut silently).
///
/// The rule. A record is bad when it is incomplete, its header is unwritten, damaged or fails its checksum, its
/// payload fails its checksum or end marker, it cannot be decoded, or it is not the next commit. Then:
/// <list type="bullet">
/// <item>if any valid record follows the bad one anywhere in the file, it is damage: a crash only ever interrupts the
/// last write, so something intact after it means bytes in the middle changed;</item>
/// <item>otherwise it is a torn tail only if it looks like an interrupted append: fewer bytes than a record header,
/// a header that is all zeros (the header is written last, after the payload is durable), or a valid header whose
/// record runs past the end of the file;</item>
/// <item>anything else at the end (a complete record whose checksum fails, a non-zero header that fails its
/// checksum) is damage: the append protocol never leaves a valid-looking header without its durable payload.</item>
/// </list>
/// </summary>
internal static class LogScanner
{
    private enum ProbeKind { Valid, Incomplete, Unwritten, Damaged }

    private readonly record struct Probe(ProbeKind Kind, string Problem, long Length, long Version, CommitBatch? Batch);

    /// <summary>
    /// Scans the log at <paramref name="path"/>. Each valid record is handed to <paramref name="apply"/> (null: only
    /// check), which returns why it cannot be applied, or null. <paramref name="checkBase"/> is told the commit the log
    /// continues from as soon as it is known (and where in the file that is said) and returns why the history before
    /// it is missing, or null. Records are
    /// not applied when the file header is damaged or the history before the log is missing; they are still checked.
    /// </summary>
    public static LogScan Scan(string path, Func<CommitBatch, string?>? apply, Func<long, string, string?>? checkBase = null)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var length = RandomAccess.GetLength(handle);
        var scan = new LogScan { Path = path, FileLength = length };
        if (length == 0) return scan;
        ReadFileHeader(handle, length, scan);
        if (scan.BaseCommit >= 0 && checkBase is not null)
            scan.BaseProblem = checkBase(scan.BaseCommit, $"its header (bytes 0-{WriteAheadLog.FileHeaderSize - 1}) says so");
        var legacy = scan.Legacy;
        var pool = new StringPool();
        var position = scan.DataStart;
        scan.ValidLength = position;
        var expected = scan.BaseCommit >= 0 ? scan.BaseCommit + 1 : -1;
        while (position < length)
        {
            var probe = ProbeAt(handle, position, length, legacy, pool, decode: true);
            string? problem = probe.Kind == ProbeKind.Valid ? null : probe.Problem;
            if (problem is null && expected >= 0 && probe.Version != expected)
                problem = $"a record for commit {probe.Version} where commit {expected} was expected";
            if (problem is null && expected < 0)
            {
                // Format 1, or a damaged file header: the first record says where the log continues from.
                scan.BaseCommit = probe.Version - 1;
                if (checkBase is not null && scan.HeaderProblem is null)
                    scan.BaseProblem = checkBase(scan.BaseCommit, $"its first record, at byte {position}, is commit {probe.Version}");
            }
            if (problem is null && scan.HeaderProblem is null && scan.BaseProblem is null && apply is not null)
                problem = Apply(apply, probe.Batch!, probe.Version);
            if (problem is not null)
            {
                scan.Damage = Classify(handle, position, length, legacy, probe, problem);
                break;
            }
            if (scan.Records == 0) scan.FirstCommit = probe.Version;
            scan.Records++;
            scan.LastCommit = probe.Version;
            expected = probe.Version + 1;
            position += probe.Length;
            scan.ValidLength = position;
        }
        return scan;
    }

    private static string? Apply(Func<CommitBatch, string?> apply, CommitBatch batch, long version)
    {
        try
        {
            return apply(batch);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            // A record with valid checksums that cannot be applied was written wrong; report it like damage.
            return $"commit {version}, which cannot be applied ({e.Message})";
        }
    }

    private static void ReadFileHeader(SafeFileHandle handle, long length, LogScan scan)
    {
        Span<byte> header = stackalloc byte[WriteAheadLog.FileHeaderSize];
        var got = RandomAccess.Read(handle, header, 0);
        var magic = got >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(header) : 0;
        if (magic == WriteAheadLog.LegacyRecordMagic)
        {
            scan.Legacy = true;
            scan.DataStart = 0;
            return;
        }
        scan.DataStart = Math.Min(length, WriteAheadLog.FileHeaderSize);
        if (got < WriteAheadLog.FileHeaderSize)
            scan.HeaderProblem = $"the file is {length} bytes long, shorter than its {WriteAheadLog.FileHeaderSize}-byte header";
        else if (magic != WriteAheadLog.FileMagic || BinaryPrimitives.ReadUInt32LittleEndian(header[20..]) != Crc32C.Compute(header[..20]))
            scan.HeaderProblem = $"its file header (bytes 0-{WriteAheadLog.FileHeaderSize - 1}) is damaged";
        else if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != WriteAheadLog.Format)
            scan.HeaderProblem = $"it is in format {BinaryPrimitives.ReadUInt32LittleEndian(header[4..])}, which this version cannot read";
        else if (BinaryPrimitives.ReadInt64LittleEndian(header[8..]) is var baseCommit and >= 0)
            scan.BaseCommit = baseCommit;
        else
            scan.HeaderProblem = "its file header names an impossible base commit";
    }

    /// <summary>What is at <paramref name="position"/>: a valid record (with its commit number), or why not.</summary>
    private static Probe ProbeAt(SafeFileHandle handle, long position, long length, bool legacy, StringPool pool, bool decode)
    {
        var headerSize = legacy ? WriteAheadLog.LegacyRecordHeaderSize : WriteAheadLog.RecordHeaderSize;
        var remaining = length - position;
        if (remaining < headerSize)
            return new(ProbeKind.Incomplete, $"an incomplete record header ({remaining} bytes)", 0, 0, null);
        Span<byte> header = stackalloc byte[headerSize];
        RandomAccess.Read(handle, header, position);
        if (!header.ContainsAnyExcept((byte)0))
            return new(ProbeKind.Unwritten, "a record header that was never written (zeros)", 0, 0, null);
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (magic != (legacy ? WriteAheadLog.LegacyRecordMagic : WriteAheadLog.RecordMagic))
            return new(ProbeKind.Damaged, "a damaged record header", 0, 0, null);
        if (!legacy && BinaryPrimitives.ReadUInt32LittleEndian(header[12..]) != Crc32C.Compute(header[..12]))
            return new(ProbeKind.Damaged, "a record header whose checksum does not match", 0, 0, null);
        var payloadLength = (long)BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        var total = headerSize + payloadLength + WriteAheadLog.TrailerSize;
        if (total > remaining)
            return new(ProbeKind.Incomplete, $"an incomplete record ({remaining} of its {total} bytes present)", 0, 0, null);
        if (payloadLength > Array.MaxLength - 64)
            return new(ProbeKind.Damaged, $"a record header declaring an impossible length ({payloadLength} bytes)", 0, 0, null);
        if (payloadLength < 24)
            return new(ProbeKind.Damaged, $"a record of {payloadLength} bytes, too short for a commit", 0, 0, null);
        var body = new byte[payloadLength + WriteAheadLog.TrailerSize];
        RandomAccess.Read(handle, body, position + headerSize);
        if (BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan((int)payloadLength)) != WriteAheadLog.EndMarker)
            return new(ProbeKind.Damaged, "a record without its end marker", 0, 0, null);
        if (Crc32C.Compute(body.AsSpan(0, (int)payloadLength)) != BinaryPrimitives.ReadUInt32LittleEndian(header[8..]))
            return new(ProbeKind.Damaged, "a record whose checksum does not match", 0, 0, null);
        var version = BinaryPrimitives.ReadInt64LittleEndian(body);
        if (!decode) return new(ProbeKind.Valid, "", total, version, null);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(body, 0, (int)payloadLength, writable: false));
            var batch = BinaryCodec.ReadBatch(reader, pool);
            if (reader.BaseStream.Position != payloadLength) throw new InvalidDataException("bytes are left over after the commit");
            return new(ProbeKind.Valid, "", total, version, batch);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or FormatException or ArgumentException)
        {
            return new(ProbeKind.Damaged, $"a record that cannot be decoded ({e.Message})", 0, 0, null);
        }
    }

    /// <summary>Decides torn versus damaged for the bad record at <paramref name="offset"/> and finds what lies after it.</summary>
    private static LogDamage Classify(SafeFileHandle handle, long offset, long length, bool legacy, Probe probe, string problem)
    {
        var pool = new StringPool();
        long? nextOffset = null, nextCommit = null;
        long lastAfter = -1;
        var recordsAfter = 0;
        var position = FindNextValid(handle, offset + 1, length, legacy, pool);
        while (position >= 0)
        {
            var next = ProbeAt(handle, position, length, legacy, pool, decode: false);
            if (next.Kind != ProbeKind.Valid)
            {
                position = FindNextValid(handle, position + 1, length, legacy, pool);
                continue;
            }
            nextOffset ??= position;
            nextCommit ??= next.Version;
            recordsAfter++;
            lastAfter = Math.Max(lastAfter, next.Version);
            position += next.Length;
            if (position >= length) break;
        }
        var torn = nextOffset is null && probe.Kind is ProbeKind.Incomplete or ProbeKind.Unwritten;
        return new LogDamage(offset, problem, torn, nextOffset, nextCommit, lastAfter, recordsAfter);
    }

    /// <summary>The offset of the first valid record at or after <paramref name="from"/>, or -1.</summary>
    private static long FindNextValid(SafeFileHandle handle, long from, long length, bool legacy, StringPool pool)
    {
        Span<byte> magic = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(magic, legacy ? WriteAheadLog.LegacyRecordMagic : WriteAheadLog.RecordMagic);
        var buffer = new byte[1 << 20];
        var position = from;
        while (position <= length - 4)
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - position)), position);
            if (read < 4) return -1;
            var chunk = buffer.AsSpan(0, read);
            var at = 0;
            while (true)
            {
                var hit = chunk[at..].IndexOf(magic);
                if (hit < 0) break;
                var candidate = position + at + hit;
                if (ProbeAt(handle, candidate, length, legacy, pool, decode: false).Kind == ProbeKind.Valid) return candidate;
                at += hit + 1;
            }
            position += read - 3; // a magic may straddle two chunks
        }
        return -1;
    }
}
