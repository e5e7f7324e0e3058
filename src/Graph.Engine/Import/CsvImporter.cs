using System.Diagnostics;
using Graph.Client;
using Graph.Engine.Errors;
using Graph.Storage;

namespace Graph.Engine.Import;

/// <summary>
/// The engine's bulk path (like neo4j-admin import or Kùzu's COPY FROM): reads CSV files and writes nodes and
/// relationships straight through one storage transaction, with no Cypher per row. Atomic: the first bad row
/// throws an <see cref="ImportException"/> naming file:line and the transaction is rolled back, so the store is
/// unchanged. The commit goes through the write-ahead log like any other, so an on-disk import is durable.
/// Unique constraints and indexes are maintained by storage exactly as for Cypher writes.
/// </summary>
internal sealed class CsvImporter
{
    private const int CancellationCheckRows = 1 << 16;

    private readonly IGraphStore _store;
    private readonly ImportSpec _spec;
    private readonly Dictionary<string, LabelKeys> _labels = new(StringComparer.Ordinal);

    public CsvImporter(IGraphStore store, ImportSpec spec)
    {
        _store = store;
        _spec = spec;
    }

    public ImportReport Run(CancellationToken cancellationToken = default)
    {
        CheckSpec();
        var clock = Stopwatch.StartNew();
        var files = new List<ImportedFile>();
        var transaction = _store.BeginTransaction(write: true, cancellationToken);
        try
        {
            // The lock now, not at the first row: the existing ids read below must be the latest ones.
            transaction.LockForWriting();
        }
        catch (Exception e)
        {
            transaction.Dispose();
            throw EngineErrors.ToGraphException(e);
        }
        using (transaction)
        {
            var idKey = _store.Tokens.GetOrCreatePropertyKey("id");
            foreach (var file in _spec.Nodes)
                files.Add(Reading(file.Path, () => ImportNodes(transaction, file, idKey, cancellationToken)));
            foreach (var file in _spec.Relationships)
                files.Add(Reading(file.Path, () => ImportRelationships(transaction, file, idKey, cancellationToken)));
            // The id maps are only for resolving the rows' ends, all read now: let the commit's store reuse their memory
            // (at a million experts ~60 MB, alive until now at the commit's peak, when the store's columns and lists exist).
            _labels.Clear();
            var commit = Stopwatch.StartNew();
            try
            {
                transaction.Commit();
            }
            catch (ConstraintViolationException e)
            {
                throw new ImportException($"The import violates a unique constraint: {e.Message} Nothing was stored; remove the duplicate rows and import again.", e);
            }
            catch (IOException e)
            {
                throw new ImportException($"The import could not be written to the database log: {e.Message} Nothing was stored.", e);
            }
            var committed = commit.Elapsed;
            ReturnLoadMemory(files);
            return new ImportReport(files, clock.Elapsed, committed);
        }
    }

    /// <summary>Rows from which an import gives its transient memory back to the system at the end.</summary>
    private const long ReturnMemoryRows = 100_000;

    /// <summary>
    /// A large import leaves the process with the load's transient memory still committed (the transaction's copies, the
    /// parser's batches; at 100k experts ~420 MB resident for a 273 MB store). One compacting collection that decommits
    /// what is free brings the process back to its data (~325 MB there) for the queries that follow, for ~0.2 s
    /// (docs/decisions.md, 22). Small imports skip it: their garbage is small and a full collection is not free.
    /// </summary>
    private static void ReturnLoadMemory(List<ImportedFile> files)
    {
        if (files.Sum(f => f.Rows) < ReturnMemoryRows) return;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>A file that cannot be read (permissions, a disk error) is named like a bad row, not thrown as it came.</summary>
    private static ImportedFile Reading(string path, Func<ImportedFile> import)
    {
        try
        {
            return import();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportException($"{path}: cannot be read: {e.Message} Nothing was stored; check the file and import again.", e);
        }
    }

    /// <summary>Names, files and the delimiter, checked before anything is read.</summary>
    private void CheckSpec()
    {
        if (_spec.Nodes.Count == 0 && _spec.Relationships.Count == 0)
            throw new ImportException("Nothing to import: name at least one node file (Label=file.csv) or relationship file (TYPE:Start->End=file.csv).");
        if (_spec.Delimiter is '"' or '\n' or '\r')
            throw new ImportException($"The delimiter cannot be {(_spec.Delimiter == '"' ? "a quote" : "a line break")}; use , or ; or a tab.");
        foreach (var (name, path) in _spec.Nodes.Select(n => (n.Label, n.Path))
                     .Concat(_spec.Relationships.SelectMany(r => new[] { (r.Type, r.Path), (r.StartLabel, r.Path), (r.EndLabel, r.Path) })))
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new ImportException($"{path}: the label or relationship type for this file is empty. Name it, e.g. Expert=experts.csv or ENDORSES:Expert->Claim=endorses.csv.");
            if (!File.Exists(path))
                throw new ImportException($"{path}: file not found{(Directory.Exists(path) ? " (it is a directory)" : "")}. Check the path (relative paths start at {Directory.GetCurrentDirectory()}).");
        }
    }

    private LabelKeys Keys(StorageTransaction transaction, string label, int idKey)
    {
        if (!_labels.TryGetValue(label, out var keys))
            _labels[label] = keys = new LabelKeys(label, _store.Tokens.LabelId(label), transaction, idKey);
        return keys;
    }

    private ImportedFile ImportNodes(StorageTransaction transaction, NodeFile file, int idKey, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var keys = Keys(transaction, file.Label, idKey);
        var label = _store.Tokens.GetOrCreateLabel(file.Label);
        int[] labels = [label];
        using var reader = new CsvRowReader(file.Path, _spec.Delimiter);
        var header = ImportHeader.Read(reader, relationship: false, _store.Tokens.GetOrCreatePropertyKey, file.ColumnTypes);
        if (keys.ExistingType is { } existing && existing != header.IdType)
            throw new ImportException($"{file.Path}:1: the id column is {ImportHeader.TypeName(header.IdType)} but the {file.Label} nodes already in the store have {ImportHeader.TypeName(existing)} ids. " +
                                      $"Declare it as {(existing == ImportValueType.Int ? "id:int" : "id")} so ids compare equal.");
        keys.DeclaredType = header.IdType;
        long rows = 0;
        var properties = new List<KeyValuePair<int, object>>(header.Properties.Length);
        // The other thread reads and parses; this one checks ids and writes, in file order.
        using var pipeline = new RowPipeline(header.Properties.Length, p => ReadNodes(p, reader, header, file.Label), cancellationToken);
        foreach (var batch in pipeline.Batches())
        {
            for (var r = 0; r < batch.Count; r++)
            {
                var id = batch.Ids[r]!;
                var other = keys.Find(id);
                if (other != -1)
                    throw new ImportException($"{file.Path}:{batch.Lines[r]}: the id '{id}' is already used by another {file.Label} node " +
                                              $"({(other == LabelKeys.Ambiguous || other < _firstNewNode ? "already in the store" : "earlier in this import")}). Ids must be unique per label; remove or rename the duplicate.");
                long node;
                try
                {
                    node = transaction.CreateNode(labels, batch.PropertiesOf(r, properties));
                }
                catch (ConstraintViolationException e)
                {
                    throw new ImportException($"{file.Path}:{batch.Lines[r]}: {e.Message} Remove or change the duplicate value.", e);
                }
                if (_firstNewNode == long.MaxValue) _firstNewNode = node;
                keys.Add(id, node);
                if (++rows % CancellationCheckRows == 0) cancellationToken.ThrowIfCancellationRequested();
            }
        }
        return new ImportedFile(file.Path, file.Label, false, rows, clock.Elapsed);
    }

    /// <summary>The reading thread of a node file: field counts, values and the presence of the id are checked here.</summary>
    private static void ReadNodes(RowPipeline pipeline, CsvRowReader reader, ImportHeader header, string label)
    {
        var columns = header.Properties;
        var idColumn = columns.First(c => c.Index == header.Id);
        pipeline.Fill(batch =>
        {
            if (!reader.Read()) return false;
            CheckFieldCount(reader, header);
            var properties = batch.NextProperties();
            var count = 0;
            object? id = null;
            foreach (var column in columns)
            {
                var value = ImportHeader.Parse(reader.Field(column.Index), column, reader);
                if (column == idColumn) id = value;
                if (value is not null) properties[count++] = new(column.Key, value);
            }
            if (id is null)
                throw new ImportException($"{reader.Where}: the id is empty. Every {label} node needs an id (unique per label).");
            batch.Add(reader.Line, count, id);
            return true;
        });
    }

    private long _firstNewNode = long.MaxValue;

    private ImportedFile ImportRelationships(StorageTransaction transaction, RelationshipFile file, int idKey, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var startKeys = Keys(transaction, file.StartLabel, idKey);
        var endKeys = Keys(transaction, file.EndLabel, idKey);
        var type = _store.Tokens.GetOrCreateRelationshipType(file.Type);
        using var reader = new CsvRowReader(file.Path, _spec.Delimiter);
        var header = ImportHeader.Read(reader, relationship: true, _store.Tokens.GetOrCreatePropertyKey, file.ColumnTypes);
        long rows = 0;
        var properties = new List<KeyValuePair<int, object>>(header.Properties.Length);
        // Node files come first and are done: the ids are only read from here on, so the reading thread resolves them.
        using var pipeline = new RowPipeline(header.Properties.Length,
            p => ReadRelationships(p, reader, header, new EndColumn(startKeys, header.From, "from"), new EndColumn(endKeys, header.To, "to")),
            cancellationToken);
        foreach (var batch in pipeline.Batches())
        {
            for (var r = 0; r < batch.Count; r++)
            {
                transaction.CreateRelationship(type, batch.Starts[r], batch.Ends[r], batch.PropertiesOf(r, properties));
                if (++rows % CancellationCheckRows == 0) cancellationToken.ThrowIfCancellationRequested();
            }
        }
        return new ImportedFile(file.Path, file.Type, true, rows, clock.Elapsed);
    }

    /// <summary>
    /// The reading thread of a relationship file: field counts, both ends and the values are checked here. The ends are
    /// looked up a window of rows at a time (<see cref="RelationshipEnds"/>), each batch complete before it is handed over.
    /// </summary>
    private static void ReadRelationships(RowPipeline pipeline, CsvRowReader reader, ImportHeader header, EndColumn starts, EndColumn ends)
    {
        var columns = header.Properties;
        var window = new RelationshipEnds(reader.Path, starts, ends);
        pipeline.Fill(batch =>
        {
            if (!reader.Read()) return false;
            CheckFieldCount(reader, header);
            if (window.IsFull) window.ResolveInto(batch);
            window.Defer(reader, batch.Count);
            var properties = batch.NextProperties();
            var count = 0;
            foreach (var column in columns)
            {
                var value = ImportHeader.Parse(reader.Field(column.Index), column, reader);
                if (value is not null) properties[count++] = new(column.Key, value);
            }
            batch.Add(reader.Line, count);
            return true;
        }, window.ResolveInto);
    }

    private static void CheckFieldCount(CsvRowReader reader, ImportHeader header)
    {
        if (reader.FieldCount != header.FieldCount)
            throw new ImportException($"{reader.Where}: {reader.FieldCount} fields where the header has {header.FieldCount} columns. " +
                                      "Add or remove fields (an empty field is written as nothing between two delimiters; quote a value that contains the delimiter).");
    }
}
