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
    /// <summary>Relationships (20 bytes each: id, type, far node) up to this many are not counted against the memory limit, and a list of up to this many is kept by the thread.</summary>
    private const int UncountedNeighbours = 1024;

    /// <summary>A relationship in a <see cref="NeighbourList"/>: its id, its far node and its type.</summary>
    private const long NeighbourBytes = 20;

    // A thread's list for the one hop's relationships, taken (the field emptied) while a statement uses it: a nested
    // writer on the same thread makes its own.
    [ThreadStatic] private static NeighbourList? _keptNeighbours;

    /// <summary>One source row's records of the one hop, written a batch of <see cref="Batch"/> at a time.</summary>
    private void WriteOneHop(QueryContext ctx, object?[] row, long from, IReadOnlyList<int>? typeIds, ref HopNeighbours neighbours,
        Span<long> farIds, Span<int> at, Span<object?> farValues, ref TypeNames names, ref FarLabels labels, IRecordTarget target)
    {
        var list = neighbours.Read(ctx, from, direction, typeIds);
        if (list.Count == 0) return;
        labels.Ask(ctx, list.Count);
        // as many records as relationships unless far nodes fail the label check: the result's cells made for that many
        target.Expect(list.Count);
        var others = list.Others;
        var pending = 0;
        for (var i = 0; i < others.Length; i++)
        {
            ctx.Tick();
            var far = others[i];
            if (!labels.Check(ctx, far)) continue;
            farIds[pending] = far;
            at[pending] = i;
            if (++pending < Batch) continue;
            WriteOneHopBatch(ctx, row, list, farIds, at, farValues, ref names, target);
            pending = 0;
        }
        if (pending > 0) WriteOneHopBatch(ctx, row, list, farIds[..pending], at, farValues, ref names, target);
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
    private static bool ReadsById(RecordColumnKind[] kinds, int batchedColumn)
    {
        for (var c = 0; c < kinds.Length; c++)
        {
            var readById = kinds[c] switch
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
    /// <see cref="Dispose"/>; past <see cref="UncountedNeighbours"/> entries counted against the statement's memory (as
    /// <see cref="AdjacencyBuffer"/> counts its list) and not kept.
    /// </summary>
    private struct HopNeighbours : IDisposable
    {
        private NeighbourList? _list;
        private MemoryAccount? _account;
        private int _countedCapacity;

        public NeighbourList Read(QueryContext ctx, long node, Direction direction, IReadOnlyList<int>? types)
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
            var capacity = list.Capacity;
            if (capacity > UncountedNeighbours && capacity > _countedCapacity)
            {
                _account ??= ctx.Memory.Open("the relationships of a node being expanded");
                _account.Reserve((capacity - _countedCapacity) * NeighbourBytes);
                _countedCapacity = capacity;
            }
            return list;
        }

        public void Dispose()
        {
            _account?.Dispose();
            _account = null;
            // the list holds ids only (no values): it goes back to the thread as it is, when small
            if (_list is { Capacity: <= UncountedNeighbours } list) _keptNeighbours = list;
            _list = null;
        }
    }
}
