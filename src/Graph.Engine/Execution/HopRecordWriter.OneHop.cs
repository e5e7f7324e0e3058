using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// The one-hop records (positions): the start's relationships read as ids (<see cref="StorageTransaction.ReadNeighbours"/>:
/// each relationship's id, type and far node in three parallel arrays) into a list the thread keeps, instead of
/// <see cref="RelationshipRef"/>s copied into a pooled list. The far node is read, not worked out from the two ends.
/// </summary>
internal sealed partial class HopRecordWriter
{
    /// <summary>A start's relationships up to this many are read as ids here; more are read as the operators read them (counted against the memory limit).</summary>
    private const int UncountedNeighbours = 1024;

    /// <summary>A list of up to this many entries (20 bytes each: id, type, far node; 40 KB) is kept by the thread for its next statement.</summary>
    private const int KeptNeighbours = 2048;

    // A thread's list for the one hop's relationships, taken (the field emptied) while a statement uses it: a nested
    // writer on the same thread makes its own.
    [ThreadStatic] private static NeighbourList? _keptNeighbours;

    /// <summary>
    /// The records of one hop: each source row's start's relationships read as ids (<see cref="WriteOneHop"/>), or, for a
    /// start of more than <see cref="UncountedNeighbours"/> relationships, as the operators read them
    /// (<see cref="WriteOneHopCounted"/>). Its frame holds only what one hop needs (the JIT zeroes a frame's references
    /// at every call), and the id batches on the stack are not zeroed: an entry is read only where it was written.
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    private void WriteOneHopRows(QueryContext ctx, object?[] argument, IRecordTarget target, IEnumerator<object?[]>? sourceRows)
    {
        StackGuard.Ensure();
        AdjacencyBuffer? counted = null;
        var neighbours = new HopNeighbours();
        var names = new TypeNames();
        var labels = new FarLabels(targetLabels);
        // a batch of records to write: their far nodes, and where their relationships are in the list
        Span<long> farIds = stackalloc long[Batch];
        Span<int> at = stackalloc int[Batch];
        var farValues = new BatchValues();
        try
        {
            // the writer is done with a source row before it asks for the next: it may move its values
            using var rows = sourceRows ?? source.ExecuteTransient(ctx, argument, reuseValues: true).GetEnumerator();
            while (rows.MoveNext())
            {
                var row = rows.Current;
                if (row[fromSlot] is not NodeValue from) continue;
                var typeIds = types.Resolve(ctx);
                if (typeIds is { Count: 0 }) continue;
                if (!WriteOneHop(ctx, row, from.Id, typeIds, ref neighbours, farIds, at, farValues, ref names, ref labels, target))
                    WriteOneHopCounted(ctx, row, from.Id, typeIds, counted ??= new AdjacencyBuffer(), farIds, at, farValues, ref names, ref labels, target);
            }
        }
        finally
        {
            neighbours.Dispose();
            counted?.Dispose();
        }
    }

    /// <summary>
    /// One source row's records of the one hop, written a batch of <see cref="Batch"/> at a time. False, with nothing
    /// written, for a start of more than <see cref="UncountedNeighbours"/> relationships: those are read again by
    /// <see cref="WriteOneHopCounted"/>, counted against the memory limit as the operators' expand counts them.
    /// </summary>
    private bool WriteOneHop(QueryContext ctx, object?[] row, long from, IReadOnlyList<int>? typeIds, ref HopNeighbours neighbours,
        Span<long> farIds, Span<int> at, Span<object?> farValues, ref TypeNames names, ref FarLabels labels, IRecordTarget target)
    {
        var list = neighbours.Read(ctx, from, direction, typeIds);
        if (list is null) return false;
        if (list.Count == 0) return true;
        labels.Ask(ctx, list.Count);
        // as many records as relationships unless far nodes fail the label check: the result's cells made for that many
        target.Expect(list.Count);
        var others = list.Others;
        // a unit of work per relationship, as the operators' expand counts them: counted at once (the list is read)
        ctx.Tick(others.Length);
        var pending = 0;
        for (var i = 0; i < others.Length; i++)
        {
            var far = others[i];
            if (!labels.Check(ctx, far)) continue;
            farIds[pending] = far;
            at[pending] = i;
            if (++pending < Batch) continue;
            WriteOneHopBatch(ctx, row, list, farIds, at, farValues, ref names, target);
            pending = 0;
        }
        if (pending > 0) WriteOneHopBatch(ctx, row, list, farIds[..pending], at, farValues, ref names, target);
        return true;
    }

    /// <summary>One source row's records of the one hop from its relationships read as <see cref="RelationshipRef"/>s (a start of many relationships).</summary>
    private void WriteOneHopCounted(QueryContext ctx, object?[] row, long from, IReadOnlyList<int>? typeIds, AdjacencyBuffer first,
        Span<long> farIds, Span<int> firstAt, Span<object?> farValues, ref TypeNames names, ref FarLabels labels, IRecordTarget target)
    {
        first.Read(ctx, from, direction, typeIds);
        if (first.Count == 0) return;
        labels.Ask(ctx, first.Count);
        var relationships = first.AsSpan();
        var pending = 0;
        for (var i = 0; i < relationships.Length; i++)
        {
            ctx.Tick();
            var far = relationships[i].OtherEnd(from);
            if (!labels.Check(ctx, far)) continue;
            farIds[pending] = far;
            firstAt[pending] = i;
            if (++pending < Batch) continue;
            WriteBatch(ctx, row, relationships, [], farIds, firstAt, firstAt, farValues, ref names, target);
            pending = 0;
        }
        if (pending > 0)
            WriteBatch(ctx, row, relationships, [], farIds[..pending], firstAt, firstAt, farValues, ref names, target);
    }

    /// <summary>The records of a one-hop batch: the batched column's values read in one call, then each record written.</summary>
    private void WriteOneHopBatch(QueryContext ctx, object?[] row, NeighbourList list, ReadOnlySpan<long> farIds, ReadOnlySpan<int> at,
        Span<object?> farValues, ref TypeNames names, IRecordTarget target)
    {
        var values = farValues[..farIds.Length];
        ReadBatchedColumn(ctx, farIds, values);
        var relationships = list.Relationships;
        var types = list.Types;
        if (!_readsById)
        {
            for (var k = 0; k < farIds.Length; k++)
            {
                var i = at[k];
                WriteRecord(ctx, row, relationships[i], types[i], 0, 0, farIds[k], values[k], ref names, target);
            }
            return;
        }
        // every column read by id (the batched far-node property, type(r), id(c), id(r)): the records written here,
        // column by column of each record, without a call per record; only the far node's value may need converting
        var kinds = _kinds;
        for (var k = 0; k < farIds.Length; k++)
        {
            var i = at[k];
            var cells = target.Next();
            var simple = true;
            for (var c = 0; c < kinds.Length && c < cells.Length; c++)
            {
                switch (kinds[c])
                {
                    case RecordColumnKind.FarNodeProperty:
                        var value = values[k];
                        cells[c] = value;
                        if (value is not (null or string or long or double or bool)) simple = false;
                        break;
                    case RecordColumnKind.RelationshipType:
                        cells[c] = names.Of(ctx, types[i]);
                        break;
                    case RecordColumnKind.FarNodeId:
                        cells[c] = CypherValues.Int(farIds[k]);
                        break;
                    default: // RelationshipId
                        cells[c] = CypherValues.Int(relationships[i]);
                        break;
                }
            }
            if (simple) target.Add(0);
            else AddConverted(ctx, cells, target);
        }
    }

    /// <summary>Whether every column is read by id in a one-hop record: see <see cref="WriteOneHopBatch"/>.</summary>
    private static bool ReadsById(RecordColumn[] columns)
    {
        // the first far-node property is the batched one (see _batchedColumn)
        var batchedColumn = Array.FindIndex(columns, c => c.Kind == RecordColumnKind.FarNodeProperty);
        for (var c = 0; c < columns.Length; c++)
        {
            var readById = columns[c].Kind switch
            {
                RecordColumnKind.FarNodeProperty => c == batchedColumn,
                RecordColumnKind.RelationshipType or RecordColumnKind.FarNodeId or RecordColumnKind.RelationshipId => true,
                _ => false,
            };
            if (!readById) return false;
        }
        return true;
    }

    /// <summary>
    /// The one hop's relationships of one start at a time, in a list taken from the thread (or new) and given back at
    /// <see cref="Dispose"/>. A start of more than <see cref="UncountedNeighbours"/> relationships is not kept here: the
    /// list read is dropped at once and <see cref="Read"/> gives null, so that they are read as the operators read them
    /// and counted against the statement's memory as those count them (the limit stops the statement at the same record
    /// with the same message). Like that read, this one allocates before it counts.
    /// </summary>
    private struct HopNeighbours : IDisposable
    {
        private NeighbourList? _list;

        public NeighbourList? Read(QueryContext ctx, long node, Direction direction, IReadOnlyList<int>? types)
        {
            var list = _list;
            if (list is null)
            {
                list = _keptNeighbours ?? new NeighbourList();
                _keptNeighbours = null;
                _list = list;
            }
            list.Clear();
            ctx.Tx.ReadNeighbours(node, direction, types, list);
            if (list.Count <= UncountedNeighbours) return list;
            _list = null;
            return null;
        }

        public readonly void Dispose()
        {
            // the list holds ids only (no values): it goes back to the thread as it is, when small
            if (_list is { Capacity: <= KeptNeighbours } list) _keptNeighbours = list;
        }
    }
}
