using Graph.Storage.Records;

namespace Graph.Storage.Persistence;

/// <summary>
/// A compact image of the whole committed store: header, tokens, schema, nodes, relationships, CRC-32C trailer.
/// Written to a temporary file, fsynced and atomically renamed, so a snapshot on disk is always complete.
/// </summary>
internal static class SnapshotFile
{
    private const uint Magic = 0x314E5347; // "GSN1"

    /// <summary>Writes the snapshot and returns how many tokens it holds (they no longer need logging).</summary>
    public static int Write(string path, GraphData data, Tokens tokens)
    {
        var temp = path + ".tmp";
        int tokenCount;
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            var crc = new CrcStream(file);
            using (var w = new BinaryWriter(new BufferedStream(crc, 1 << 16), System.Text.Encoding.UTF8, leaveOpen: true))
            {
                w.Write(Magic);
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
            file.Write(BitConverter.GetBytes(crc.Crc));
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
        DirectorySync.Flush(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        return tokenCount;
    }

    public static void Read(string path, GraphData data, Tokens tokens)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            if (file.Length < 4 + 8 * 3 + 4) throw new InvalidDataException("the file is too short");
            VerifyChecksum(file);
            file.Seek(0, SeekOrigin.Begin);
            var pool = new StringPool();
            using (var r = new BinaryReader(new BufferedStream(file, 1 << 16), System.Text.Encoding.UTF8, leaveOpen: true))
            {
                if (r.ReadUInt32() != Magic) throw new InvalidDataException("it is not a graph snapshot");
                var version = r.ReadInt64();
                var nextNodeId = r.ReadInt64();
                var nextRelId = r.ReadInt64();
                foreach (var token in BinaryCodec.ReadTokens(r)) tokens.Restore(token);
                var indexes = new IndexDefinition[BinaryCodec.ReadCount(r)];
                for (var i = 0; i < indexes.Length; i++) indexes[i] = BinaryCodec.ReadIndex(r);
                var constraints = new ConstraintDefinition[BinaryCodec.ReadCount(r)];
                for (var i = 0; i < constraints.Length; i++) constraints[i] = BinaryCodec.ReadConstraint(r);

                var nodeCount = r.ReadInt64();
                var nodes = new List<(long, NodeVersion)>((int)Math.Min(nodeCount, int.MaxValue / 2));
                for (long i = 0; i < nodeCount; i++)
                {
                    var id = r.Read7BitEncodedInt64();
                    var labels = BinaryCodec.ReadInts(r);
                    nodes.Add((CheckId(id, nextNodeId), new NodeVersion { Labels = labels, Properties = BinaryCodec.ReadProperties(r, pool) }));
                }
                var relCount = r.ReadInt64();
                var rels = new RelColumns(nextRelId);
                for (long i = 0; i < relCount; i++)
                {
                    var id = CheckId(r.Read7BitEncodedInt64(), nextRelId);
                    rels.Type[id] = r.Read7BitEncodedInt();
                    rels.Start[id] = CheckId(r.Read7BitEncodedInt64(), nextNodeId);
                    rels.End[id] = CheckId(r.Read7BitEncodedInt64(), nextNodeId);
                    rels.Properties[id] = data.ShareRelationshipProperties(BinaryCodec.ReadProperties(r, pool));
                    rels.Deleted[id] = long.MaxValue;
                    rels.Created[id] = Math.Max(version, 1);
                }
                if (file.Length - 4 != r.BaseStream.Position) throw new InvalidDataException("its length does not match its content");
                data.Load(version, nextNodeId, nextRelId, nodes, rels, relCount, indexes, constraints);
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new StorageCorruptedException(
                $"The snapshot {path} is damaged ({e.Message}). Restore the database directory from a backup; the log alone cannot rebuild it.", e);
        }
    }

    /// <summary>A first pass over the file: the trailer holds the CRC of everything before it.</summary>
    private static void VerifyChecksum(FileStream file)
    {
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
        if (BitConverter.ToUInt32(trailer) != ~running) throw new InvalidDataException("its checksum does not match");
    }

    private static long CheckId(long id, long limit) =>
        id >= 0 && id < limit ? id : throw new InvalidDataException($"id {id} is outside 0..{limit - 1}");
}
