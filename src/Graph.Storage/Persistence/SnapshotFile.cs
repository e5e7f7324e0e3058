using Graph.Storage.Records;

namespace Graph.Storage.Persistence;

/// <summary>
/// A compact image of the whole committed store: tokens, schema, nodes, relationships, stamped with the version
/// (commit number) it holds. Format 2 is the magic "GSN2" followed by checksummed blocks (<see cref="BlockWriteStream"/>),
/// so damage is located to the bytes of one block; format 1 (one CRC for the whole file) is still read.
/// Written to a temporary file, fsynced and atomically renamed, so a snapshot on disk is always complete: any damage
/// found in one is corruption, never an interrupted write.
/// </summary>
internal static class SnapshotFile
{
    private const uint Magic = 0x324E5347;       // "GSN2"
    private const uint LegacyMagic = 0x314E5347; // "GSN1"

    /// <summary>Writes the snapshot and returns how many tokens it holds (they no longer need logging).</summary>
    public static int Write(string path, GraphData data, Tokens tokens)
    {
        var temp = path + ".tmp";
        int tokenCount;
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            file.Write(BitConverter.GetBytes(Magic));
            var blocks = new BlockWriteStream(file);
            using (var w = new BinaryWriter(blocks, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                w.Write(data.Version);
                w.Write(data.NextNodeId);
                w.Write(data.NextRelId);
                BinaryCodec.WriteTokens(w, tokens.All(out tokenCount));
                var schema = data.Schema;
                w.Write7BitEncodedInt(schema.Indexes.Length);
                foreach (var index in schema.Indexes) BinaryCodec.WriteIndex(w, index);
                w.Write7BitEncodedInt(schema.Constraints.Length);
                foreach (var constraint in schema.Constraints) BinaryCodec.WriteConstraint(w, constraint);

                w.Write(data.NodeCount);
                foreach (var (id, node) in data.HeadNodes())
                {
                    w.Write7BitEncodedInt64(id);
                    BinaryCodec.WriteInts(w, node.Labels);
                    BinaryCodec.WriteProperties(w, node.Properties);
                }
                w.Write(data.RelationshipCount);
                foreach (var (id, rel) in data.HeadRelationships())
                {
                    w.Write7BitEncodedInt64(id);
                    w.Write7BitEncodedInt(rel.Type);
                    w.Write7BitEncodedInt64(rel.Start);
                    w.Write7BitEncodedInt64(rel.End);
                    BinaryCodec.WriteProperties(w, rel.Properties);
                }
            }
            blocks.Complete();
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return tokenCount;
    }

    /// <summary>
    /// Loads the snapshot into an empty store. Throws <see cref="StorageCorruptedException"/> naming the file and,
    /// where the format allows, the damaged bytes (the message says what was found, the caller adds the fix).
    /// </summary>
    public static void Read(string path, GraphData data, Tokens tokens)
    {
        BlockReadStream? blocks = null;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            Span<byte> magicBytes = stackalloc byte[4];
            if (file.ReadAtLeast(magicBytes, 4, throwOnEndOfStream: false) < 4)
                throw new InvalidDataException($"it is only {file.Length} bytes long (cut off)");
            var magic = BitConverter.ToUInt32(magicBytes);
            if (magic == LegacyMagic)
            {
                ReadLegacy(file, data, tokens);
                return;
            }
            if (magic != Magic) throw new InvalidDataException("bytes 0-3 are not a graph snapshot's header (damaged, or not a snapshot)");
            blocks = new BlockReadStream(file);
            using var r = new BinaryReader(blocks, System.Text.Encoding.UTF8, leaveOpen: true);
            ReadContent(r, data, tokens);
            if (blocks.ReadByte() >= 0 || !blocks.Ended)
                throw new InvalidDataException($"its content does not end where its last block ends (block at byte {blocks.BlockOffset})");
            if (file.Position != file.Length)
                throw new InvalidDataException($"{file.Length - file.Position} bytes follow its end block at byte {file.Position}");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IndexOutOfRangeException
                                       or ArgumentException or StorageCorruptedException)
        {
            // Messages that name bytes already say where; otherwise name the block being read. Every block passed its
            // checksum before its bytes were used, so an error inside one means the writer wrote nonsense.
            var namesBytes = e is InvalidDataException && e.Message.Contains("byte", StringComparison.Ordinal);
            var where = namesBytes || blocks is not { BlockOffset: >= 0 } ? "" : $" (in the block at byte {blocks.BlockOffset})";
            throw new StorageCorruptedException($"{path} is damaged: {e.Message.TrimEnd('.')}{where}", e);
        }
    }

    /// <summary>Format 1: the content and one CRC-32C of it at the end, checked in a first pass.</summary>
    private static void ReadLegacy(FileStream file, GraphData data, Tokens tokens)
    {
        if (file.Length < 4 + 8 * 3 + 4) throw new InvalidDataException("the file is too short");
        file.Seek(0, SeekOrigin.Begin);
        var buffer = new byte[1 << 20];
        var remaining = file.Length - 4;
        var running = 0xFFFFFFFFu;
        while (remaining > 0)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read == 0) throw new EndOfStreamException();
            running = Crc32C.Append(running, buffer.AsSpan(0, read));
            remaining -= read;
        }
        Span<byte> trailer = stackalloc byte[4];
        file.ReadExactly(trailer);
        if (BitConverter.ToUInt32(trailer) != ~running)
            throw new InvalidDataException("its checksum does not match (a format-1 snapshot has one checksum for the whole file, so the damaged bytes cannot be located)");
        file.Seek(4, SeekOrigin.Begin);
        using var r = new BinaryReader(new BufferedStream(file, 1 << 16), System.Text.Encoding.UTF8, leaveOpen: true);
        ReadContent(r, data, tokens);
        if (file.Length - 4 != r.BaseStream.Position) throw new InvalidDataException("its length does not match its content");
    }

    private static void ReadContent(BinaryReader r, GraphData data, Tokens tokens)
    {
        var pool = new StringPool();
        var version = r.ReadInt64();
        var nextNodeId = r.ReadInt64();
        var nextRelId = r.ReadInt64();
        if (version < 0 || nextNodeId < 0 || nextRelId < 0)
            throw new InvalidDataException($"its header holds impossible numbers (commit {version}, next ids {nextNodeId} and {nextRelId})");
        // Written by an older version (64-bit ids) with more ids than this one holds: refused, nothing is changed.
        if (nextNodeId > StoreLimits.MaxIds) throw StoreLimits.Reached("node", nextNodeId);
        if (nextRelId > StoreLimits.MaxIds) throw StoreLimits.Reached("relationship", nextRelId);
        foreach (var token in BinaryCodec.ReadTokens(r)) tokens.Restore(token);
        var indexes = new IndexDefinition[BinaryCodec.ReadCount(r)];
        for (var i = 0; i < indexes.Length; i++) indexes[i] = BinaryCodec.ReadIndex(r);
        var constraints = new ConstraintDefinition[BinaryCodec.ReadCount(r)];
        for (var i = 0; i < constraints.Length; i++) constraints[i] = BinaryCodec.ReadConstraint(r);

        var nodeCount = r.ReadInt64();
        if (nodeCount < 0 || nodeCount > nextNodeId) throw new InvalidDataException($"it claims {nodeCount} nodes below id {nextNodeId}");
        var nodes = new List<(long, NodeVersion)>((int)Math.Min(nodeCount, 1 << 20));
        for (long i = 0; i < nodeCount; i++)
        {
            var id = r.Read7BitEncodedInt64();
            var labels = BinaryCodec.ReadInts(r);
            nodes.Add((CheckId(id, nextNodeId), new NodeVersion { Labels = labels, Properties = BinaryCodec.ReadProperties(r, pool) }));
        }
        var relCount = r.ReadInt64();
        if (relCount < 0 || relCount > nextRelId) throw new InvalidDataException($"it claims {relCount} relationships below id {nextRelId}");
        var rels = new RelColumns(nextRelId);
        for (long i = 0; i < relCount; i++)
        {
            var id = CheckId(r.Read7BitEncodedInt64(), nextRelId);
            rels.Type[id] = r.Read7BitEncodedInt();
            rels.Start[id] = (int)CheckId(r.Read7BitEncodedInt64(), nextNodeId);
            rels.End[id] = (int)CheckId(r.Read7BitEncodedInt64(), nextNodeId);
            rels.Properties.Write(id, BinaryCodec.ReadProperties(r, pool));
            rels.Created.Set(id, Math.Max(version, 1));
        }
        data.Load(version, nextNodeId, nextRelId, nodes, rels, relCount, indexes, constraints);
    }

    private static long CheckId(long id, long limit) =>
        id >= 0 && id < limit ? id : throw new InvalidDataException($"id {id} is outside 0..{limit - 1}");
}
