using Graph.Client;
using Graph.Storage.Records;

namespace Graph.Storage.Persistence;

/// <summary>Binary encoding of values, records, schema and commit batches shared by the log and snapshots.</summary>
internal static class BinaryCodec
{
    private const byte False = 0, True = 1, Long = 2, Double = 3, String = 4, List = 5;

    // Temporal values, exactly: every part as an integer, a datetime as its UTC instant, offset and zone id (the offset is
    // stored, so a later tzdb does not change what was written).
    private const byte Date = 6, LocalTimeTag = 7, Time = 8, LocalDateTimeTag = 9, DateTimeTag = 10, DurationTag = 11;

    public static void WriteValue(BinaryWriter w, object value)
    {
        switch (value)
        {
            case bool b: w.Write(b ? True : False); break;
            case long l: w.Write(Long); w.Write(l); break;
            case double d: w.Write(Double); w.Write(d); break;
            case string s: w.Write(String); w.Write(s); break;
            case object[] list:
                w.Write(List);
                w.Write7BitEncodedInt(list.Length);
                foreach (var item in list) WriteValue(w, item);
                break;
            case LocalDate d: w.Write(Date); w.Write(d.EpochDay); break;
            case LocalTime t: w.Write(LocalTimeTag); w.Write(t.NanosecondOfDay); break;
            case OffsetTime t: w.Write(Time); w.Write(t.Time.NanosecondOfDay); w.Write(t.OffsetSeconds); break;
            case LocalDateTime l: w.Write(LocalDateTimeTag); w.Write(l.EpochSecond); w.Write(l.Time.Nanosecond); break;
            case ZonedDateTime z:
                w.Write(DateTimeTag);
                w.Write(z.EpochSecond);
                w.Write(z.Nanosecond);
                w.Write(z.OffsetSeconds);
                w.Write(z.ZoneId ?? "");
                break;
            case Duration d: w.Write(DurationTag); w.Write(d.Months); w.Write(d.Days); w.Write(d.Seconds); w.Write(d.Nanoseconds); break;
            default: throw new InvalidOperationException($"Cannot store a value of type {value.GetType().Name}.");
        }
    }

    public static object ReadValue(BinaryReader r, StringPool pool)
    {
        var tag = r.ReadByte();
        switch (tag)
        {
            case False: return BoxedFalse;
            case True: return BoxedTrue;
            case Long: return pool.Box(r.ReadInt64());
            case Double: return pool.Box(r.ReadDouble());
            case String: return pool.Intern(r.ReadString());
            case List:
                var items = new object[ReadCount(r)];
                for (var i = 0; i < items.Length; i++) items[i] = ReadValue(r, pool);
                return items;
            case Date: return Checked(() => LocalDate.FromEpochDay(r.ReadInt64()));
            case LocalTimeTag: return Checked(() => LocalTime.FromNanosecondOfDay(r.ReadInt64()));
            case Time: return Checked(() => new OffsetTime(LocalTime.FromNanosecondOfDay(r.ReadInt64()), r.ReadInt32()));
            case LocalDateTimeTag: return Checked(() => LocalDateTime.FromEpochSecond(r.ReadInt64(), r.ReadInt32()));
            case DateTimeTag:
                return Checked(() =>
                {
                    var seconds = r.ReadInt64();
                    var nanos = r.ReadInt32();
                    var offset = r.ReadInt32();
                    var zone = r.ReadString();
                    return ZonedDateTime.FromEpochSecond(seconds, nanos, offset, zone.Length == 0 ? null : pool.Intern(zone));
                });
            case DurationTag: return Checked(() => new Duration(r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt32()));
            default: throw new InvalidDataException($"Unknown value tag {tag}.");
        }
    }

    /// <summary>A temporal value whose parts are out of range was not written by us: the bytes are damaged.</summary>
    private static object Checked(Func<object> read)
    {
        try
        {
            return read();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"A stored temporal value is out of range ({e.Message}).", e);
        }
    }

    private static readonly object BoxedFalse = false;
    private static readonly object BoxedTrue = true;

    public static int ReadCount(BinaryReader r)
    {
        var count = r.Read7BitEncodedInt();
        if (count < 0 || count > 100_000_000) throw new InvalidDataException($"Implausible count {count}.");
        return count;
    }

    public static void WriteProperties(BinaryWriter w, KeyValuePair<int, object>[] properties)
    {
        w.Write7BitEncodedInt(properties.Length);
        foreach (var (key, value) in properties)
        {
            w.Write7BitEncodedInt(key);
            WriteValue(w, value);
        }
    }

    public static KeyValuePair<int, object>[] ReadProperties(BinaryReader r, StringPool pool)
    {
        var count = ReadCount(r);
        if (count == 0) return [];
        var properties = new KeyValuePair<int, object>[count];
        for (var i = 0; i < count; i++)
        {
            var key = r.Read7BitEncodedInt();
            properties[i] = new(key, ReadValue(r, pool));
        }
        return properties;
    }

    public static void WriteInts(BinaryWriter w, IReadOnlyList<int> values)
    {
        w.Write7BitEncodedInt(values.Count);
        foreach (var v in values) w.Write7BitEncodedInt(v);
    }

    public static int[] ReadInts(BinaryReader r)
    {
        var count = ReadCount(r);
        if (count == 0) return [];
        var values = new int[count];
        for (var i = 0; i < count; i++) values[i] = r.Read7BitEncodedInt();
        return values;
    }

    public static void WriteIndex(BinaryWriter w, IndexDefinition index)
    {
        w.Write(index.Name);
        w.Write7BitEncodedInt(index.Label);
        WriteInts(w, index.PropertyKeys);
        w.Write(index.Unique);
        w.Write(index.ConstraintName is not null);
        if (index.ConstraintName is not null) w.Write(index.ConstraintName);
    }

    public static IndexDefinition ReadIndex(BinaryReader r)
    {
        var name = r.ReadString();
        var label = r.Read7BitEncodedInt();
        var keys = ReadInts(r);
        var unique = r.ReadBoolean();
        var constraint = r.ReadBoolean() ? r.ReadString() : null;
        return new IndexDefinition(name, label, keys, unique) { ConstraintName = constraint };
    }

    public static void WriteConstraint(BinaryWriter w, ConstraintDefinition constraint)
    {
        w.Write(constraint.Name);
        w.Write7BitEncodedInt(constraint.Label);
        WriteInts(w, constraint.PropertyKeys);
    }

    public static ConstraintDefinition ReadConstraint(BinaryReader r) =>
        new(r.ReadString(), r.Read7BitEncodedInt(), ReadInts(r));

    public static void WriteTokens(BinaryWriter w, TokenEntry[] tokens)
    {
        w.Write7BitEncodedInt(tokens.Length);
        foreach (var token in tokens)
        {
            w.Write((byte)token.Kind);
            w.Write7BitEncodedInt(token.Id);
            w.Write(token.Name);
        }
    }

    public static TokenEntry[] ReadTokens(BinaryReader r)
    {
        var tokens = new TokenEntry[ReadCount(r)];
        for (var i = 0; i < tokens.Length; i++)
        {
            var kind = r.ReadByte();
            if (kind > (byte)TokenKind.PropertyKey) throw new InvalidDataException($"Unknown token kind {kind}.");
            tokens[i] = new TokenEntry((TokenKind)kind, r.Read7BitEncodedInt(), r.ReadString());
        }
        return tokens;
    }

    // ------------------------------------------------------------------ commit batches (log payload)

    public static void WriteBatch(BinaryWriter w, CommitBatch batch)
    {
        w.Write(batch.Version);
        w.Write(batch.NextNodeId);
        w.Write(batch.NextRelId);
        WriteTokens(w, batch.Tokens);
        w.Write7BitEncodedInt(batch.Schema.Count);
        foreach (var op in batch.Schema)
        {
            w.Write((byte)op.Kind);
            w.Write(op.Name);
            if (op.Kind is SchemaOpKind.CreateIndex or SchemaOpKind.CreateConstraint) WriteIndex(w, op.Index!);
            if (op.Kind is SchemaOpKind.CreateConstraint) WriteConstraint(w, op.Constraint!);
        }
        w.Write7BitEncodedInt(batch.Relationships.Count);
        foreach (var rel in batch.Relationships)
        {
            w.Write7BitEncodedInt64(rel.Id);
            w.Write((byte)rel.Kind);
            if (rel.Kind == ChangeKind.Create)
            {
                w.Write7BitEncodedInt(rel.Type);
                w.Write7BitEncodedInt64(rel.Start);
                w.Write7BitEncodedInt64(rel.End);
            }
            if (rel.Kind != ChangeKind.Delete) WriteProperties(w, rel.Properties);
        }
        w.Write7BitEncodedInt(batch.Nodes.Count);
        foreach (var node in batch.Nodes)
        {
            w.Write7BitEncodedInt64(node.Id);
            w.Write((byte)node.Kind);
            if (node.Kind == ChangeKind.Delete) continue;
            WriteInts(w, node.Labels);
            WriteProperties(w, node.Properties);
        }
    }

    public static CommitBatch ReadBatch(BinaryReader r, StringPool pool)
    {
        var batch = new CommitBatch { Version = r.ReadInt64(), NextNodeId = r.ReadInt64(), NextRelId = r.ReadInt64(), Tokens = ReadTokens(r) };
        var ops = ReadCount(r);
        for (var i = 0; i < ops; i++)
        {
            var kind = (SchemaOpKind)r.ReadByte();
            if (kind > SchemaOpKind.DropConstraint) throw new InvalidDataException($"Unknown schema operation {kind}.");
            var name = r.ReadString();
            var index = kind is SchemaOpKind.CreateIndex or SchemaOpKind.CreateConstraint ? ReadIndex(r) : null;
            var constraint = kind is SchemaOpKind.CreateConstraint ? ReadConstraint(r) : null;
            batch.Schema.Add(new SchemaOp(kind, name, index, constraint));
        }
        var rels = ReadCount(r);
        batch.Relationships.Capacity = rels;
        for (var i = 0; i < rels; i++)
        {
            var id = r.Read7BitEncodedInt64();
            var kind = ReadKind(r);
            int type = 0;
            long start = 0, end = 0;
            if (kind == ChangeKind.Create)
            {
                type = r.Read7BitEncodedInt();
                start = r.Read7BitEncodedInt64();
                end = r.Read7BitEncodedInt64();
            }
            var properties = kind == ChangeKind.Delete ? [] : ReadProperties(r, pool);
            batch.Relationships.Add(new RelChange(id, kind, type, start, end, properties));
        }
        var nodes = ReadCount(r);
        batch.Nodes.Capacity = nodes;
        for (var i = 0; i < nodes; i++)
        {
            var id = r.Read7BitEncodedInt64();
            var kind = ReadKind(r);
            if (kind == ChangeKind.Delete)
            {
                batch.Nodes.Add(new NodeChange(id, kind, [], []));
                continue;
            }
            var labels = ReadInts(r);
            batch.Nodes.Add(new NodeChange(id, kind, labels, ReadProperties(r, pool)));
        }
        return batch;
    }

    private static ChangeKind ReadKind(BinaryReader r)
    {
        var kind = r.ReadByte();
        return kind <= (byte)ChangeKind.Delete ? (ChangeKind)kind : throw new InvalidDataException($"Unknown change kind {kind}.");
    }
}

/// <summary>
/// Shares equal short strings and boxed numbers read from disk (ids, sources, sections, weights and
/// confidences repeat across many records), so a reopened store does not hold a million copies.
/// </summary>
internal sealed class StringPool
{
    private const int MaxPooledLength = 64;
    private const int MaxPooledValues = 1 << 16;
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<long, object> _longs = new();
    private readonly Dictionary<double, object> _doubles = new();

    public object Box(long value)
    {
        if (_longs.TryGetValue(value, out var boxed)) return boxed;
        boxed = value;
        if (_longs.Count < MaxPooledValues) _longs[value] = boxed;
        return boxed;
    }

    public object Box(double value)
    {
        // -0.0 and 0.0 are equal as keys but must stay distinct values.
        if (value == 0 || double.IsNaN(value)) return value;
        if (_doubles.TryGetValue(value, out var boxed)) return boxed;
        boxed = value;
        if (_doubles.Count < MaxPooledValues) _doubles[value] = boxed;
        return boxed;
    }

    public string Intern(string value)
    {
        if (value.Length > MaxPooledLength) return value;
        if (_strings.TryGetValue(value, out var pooled)) return pooled;
        if (_strings.Count < 1_000_000) _strings[value] = value;
        return value;
    }
}
