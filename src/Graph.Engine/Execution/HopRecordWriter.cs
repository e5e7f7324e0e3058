using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// The records of <c>MATCH (a)-[r:T]->(c:L) RETURN c.x, type(r), r.y, a.z</c> written straight into the result
/// (<see cref="IRecordWriter"/>): for each source row (the start seeked by the operators below), the start's
/// relationships of the hop's types read in one call, the far node's labels checked on the store's bitmap, and each
/// column read by id — the far node's property from the store, the relationship's type name from the registry — into
/// the record's cells. No row, node or relationship value and no evaluator call per record. The same rows, in the same
/// order, as <see cref="ExpandOp"/> under <see cref="ProjectOp"/>.
/// <para>
/// With a second hop (<c>(a)-[r]->(c)&lt;-[s]-(b)</c>, <c>b</c> bound in the source rows: shared positions) the end's
/// relationships are read too, and each of the start's relationships is joined to the end's that reach the same far
/// node (not the same relationship: a pattern's relationships differ), in the order the two operators give: the
/// start's, then for each the end's in their adjacency order.
/// </para>
/// Read-only statements only (the planner's choice): nothing this statement deletes needs checking, and every read goes
/// through the transaction, so a written (uncommitted) transaction reads its own changes as the operators would.
/// </summary>
internal sealed partial class HopRecordWriter(PlanOperator source, int fromSlot, Direction direction, RelTypeFilter types,
    LabelToken[] targetLabels, RecordColumn[] columns) : IRecordWriter
{
    /// <summary>The second hop's bound end (its slot in the source rows), the direction from that end towards the far node, its types; null for one hop.</summary>
    public (int EndSlot, Direction Direction, RelTypeFilter Types)? SecondHop { get; init; }

    /// <summary>The second hop's relationships of one end, up to this many, are scanned for each far node instead of sorted.</summary>
    private const int ScannedEnd = 32;

    /// <summary>A sorted entry of the second hop's end: its far node and position.</summary>
    private const long IndexEntryBytes = 16;

    /// <summary>Sorted ends up to this many entries (16 KB, not counted against the memory limit) are kept by the thread for its next statement.</summary>
    private const int KeptSortedEntries = 1024;

    // A thread's array for sorting a large end, taken (the field emptied) while a statement uses it: a nested writer on
    // the same thread makes its own. The bench's shared positions sort an end of ~50 entries per statement.
    [ThreadStatic] private static (long Other, int Index)[]? _keptSorted;

    /// <summary>Records whose far nodes' first property column is read in one store call (the reads of different nodes overlap; the batch lives on the stack, zeroed per statement: 16 records cost 384 bytes).</summary>
    private const int Batch = 16;

    /// <summary>The first column reading a far node's property (read for a batch of records at once), or -1.</summary>
    private readonly int _batchedColumn = Array.FindIndex(columns, c => c.Kind == RecordColumnKind.FarNodeProperty);

    /// <summary>Each column's kind, read without its <see cref="RecordColumn"/>.</summary>
    private readonly RecordColumnKind[] _kinds = Array.ConvertAll(columns, c => c.Kind);

    /// <summary>Whether every column is read by id (one-hop records written without a call per record).</summary>
    private readonly bool _readsById = ReadsById(columns);

    /// <summary>Whether some column evaluates an expression (whose values are held while the record is written).</summary>
    private readonly bool _evaluates = Array.Exists(columns, c => c.Kind == RecordColumnKind.SourceRowValue);

    /// <summary>A batch's far-node values, on the stack.</summary>
    [System.Runtime.CompilerServices.InlineArray(Batch)]
    private struct BatchValues
    {
        private object? _first;
    }

    /// <summary>The source when it is an index seek over the argument row, or a seek over such a seek (see <see cref="IRecordWriter.ArgumentSeeks"/>).</summary>
    public (NodeIndexSeekOp First, NodeIndexSeekOp? Second)? ArgumentSeeks { get; } = FindArgumentSeeks(source);

    private static (NodeIndexSeekOp First, NodeIndexSeekOp? Second)? FindArgumentSeeks(PlanOperator source)
    {
        // a check that a seeked slot holds a node, of no label, passes every row the seeks make (they bind nodes there)
        if (source is NodeCheckOp { Labels.Count: 0 } check && check.Children.Single() is NodeIndexSeekOp checkedSeek
            && FindArgumentSeeks(checkedSeek) is { } seeks && (check.Slot == seeks.First.Slot || check.Slot == seeks.Second?.Slot))
            return seeks;
        return source switch
        {
            NodeIndexSeekOp { SeeksArgument: true } seek => (seek, null),
            NodeIndexSeekOp { SeekBelow: { SeeksArgument: true } first } second => (first, second),
            _ => null,
        };
    }

    public void Write(QueryContext ctx, object?[] argument, IRecordTarget target, IEnumerator<object?[]>? sourceRows = null)
    {
        // one hop and two in methods of their own: each with only its own locals in its frame (zeroed per statement)
        // and tiered up with a profile of its own
        if (SecondHop is { } hop) WriteTwoHops(ctx, argument, hop, target, sourceRows);
        else WriteOneHopRows(ctx, argument, target, sourceRows);
    }

    /// <summary>The records of the two hops joined at their far nodes: both ends' relationships read as <see cref="RelationshipRef"/>s.</summary>
    private void WriteTwoHops(QueryContext ctx, object?[] argument, (int EndSlot, Direction Direction, RelTypeFilter Types) hop,
        IRecordTarget target, IEnumerator<object?[]>? sourceRows)
    {
        StackGuard.Ensure();
        using var first = new AdjacencyBuffer();
        using var ends = new AdjacencyBuffer();
        var names = new TypeNames();
        var labels = new FarLabels(targetLabels);
        // a batch of records to write: their far nodes, and where their relationships are in the two lists
        Span<long> farIds = stackalloc long[Batch];
        Span<int> firstAt = stackalloc int[Batch];
        Span<int> endAt = stackalloc int[Batch];
        var farValues = new BatchValues();
        // the end's relationships sorted by far node (a large end), counted against the memory limit past a small size
        (long Other, int Index)[] sorted = _keptSorted ?? [];
        if (sorted.Length > 0) _keptSorted = null;
        MemoryAccount? sortedAccount = null;
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
                // the joined hops in a method of their own: it is tiered up with a profile of its own, not compiled
                // cold from the profile of one-hop statements that never reached it (shared positions after positions)
                WriteJoined(ctx, row, from, typeIds, hop, first, ends, ref sorted, ref sortedAccount, farIds, firstAt, endAt, farValues,
                    ref names, ref labels, target);
            }
        }
        finally
        {
            sortedAccount?.Dispose();
            // the entries hold ids and positions only (no values): the array goes back to the thread as it is
            if (sorted.Length is > 0 and <= KeptSortedEntries) _keptSorted = sorted;
        }
    }

    /// <summary>One source row's records of the two hops joined at their far nodes (<see cref="SecondHop"/>).</summary>
    private void WriteJoined(QueryContext ctx, object?[] row, NodeValue from, IReadOnlyList<int>? typeIds,
        (int EndSlot, Direction Direction, RelTypeFilter Types) hop, AdjacencyBuffer first, AdjacencyBuffer ends,
        ref (long Other, int Index)[] sorted, ref MemoryAccount? sortedAccount, Span<long> farIds, Span<int> firstAt, Span<int> endAt,
        Span<object?> farValues, ref TypeNames names, ref FarLabels labels, IRecordTarget target)
    {
        var pending = 0;
        if (row[hop.EndSlot] is not NodeValue end) return;
        var endTypeIds = hop.Types.Resolve(ctx);
        if (endTypeIds is { Count: 0 }) return;
        first.Read(ctx, from.Id, direction, typeIds);
        if (first.Count == 0) return;
        ends.Read(ctx, end.Id, hop.Direction, endTypeIds);
        if (ends.Count == 0) return;
        var starts = first.AsSpan();
        var endRelationships = ends.AsSpan();
        var sortedCount = 0;
        if (endRelationships.Length > ScannedEnd)
        {
            if (sorted.Length < endRelationships.Length)
            {
                sorted = new (long, int)[Math.Max(endRelationships.Length, sorted.Length * 2)];
                if (sorted.Length > KeptSortedEntries)
                {
                    sortedAccount ??= ctx.Memory.Open("the relationships of a pattern's bound end, sorted by their other end");
                    sortedAccount.Reserve(sorted.Length * IndexEntryBytes);
                }
            }
            for (var i = 0; i < endRelationships.Length; i++)
            {
                ctx.Tick();
                sorted[i] = (endRelationships[i].OtherEnd(end.Id), i);
            }
            sortedCount = endRelationships.Length;
            Array.Sort(sorted, 0, sortedCount);
        }
        // a small end is scanned for each far node: first a bit per far node of the end (by the id's low bits)
        // skips the far nodes the end cannot reach without a scan
        var endMask = 0UL;
        if (sortedCount == 0)
            foreach (var s in endRelationships) endMask |= 1UL << (int)(s.OtherEnd(end.Id) & 63);
        labels.Ask(ctx, starts.Length);
        for (var i = 0; i < starts.Length; i++)
        {
            ctx.Tick();
            var r = starts[i];
            var far = r.OtherEnd(from.Id);
            if (sortedCount == 0 && (endMask & (1UL << (int)(far & 63))) == 0) continue;
            // the far node's labels are checked at its first joined relationship (0: not yet, 1: it has them, -1: it has not)
            var labelled = 0;
            // the end's relationships reaching the far node: all of them scanned (a small end), or its run in the sorted ones
            var at = 0;
            var stop = endRelationships.Length;
            if (sortedCount > 0)
            {
                at = ~Array.BinarySearch(sorted, 0, sortedCount, (far, -1));
                stop = sortedCount;
            }
            for (; at < stop; at++)
            {
                var j = sortedCount > 0 ? sorted[at].Index : at;
                if (sortedCount > 0 && sorted[at].Other != far) break;
                var s = endRelationships[j];
                if (s.Id == r.Id || sortedCount == 0 && s.OtherEnd(end.Id) != far) continue;
                if (labelled == 0) labelled = labels.Check(ctx, far) ? 1 : -1;
                if (labelled < 0) break;
                ctx.Tick();
                farIds[pending] = far;
                firstAt[pending] = i;
                endAt[pending] = j;
                if (++pending < Batch) continue;
                WriteBatch(ctx, row, starts, endRelationships, farIds, firstAt, endAt, farValues, ref names, target);
                pending = 0;
            }
        }
        if (pending > 0)
            WriteBatch(ctx, row, starts, endRelationships, farIds[..pending], firstAt, endAt, farValues, ref names, target);
    }

    /// <summary>
    /// The records of a batch (<paramref name="farIds"/>, their relationships at <paramref name="firstAt"/> and
    /// <paramref name="endAt"/>): the batched column's values read in one call, then each record written.
    /// </summary>
    private void WriteBatch(QueryContext ctx, object?[] row, ReadOnlySpan<RelationshipRef> starts, ReadOnlySpan<RelationshipRef> ends,
        ReadOnlySpan<long> farIds, ReadOnlySpan<int> firstAt, ReadOnlySpan<int> endAt, Span<object?> farValues, ref TypeNames names,
        IRecordTarget target)
    {
        var values = farValues[..farIds.Length];
        ReadBatchedColumn(ctx, farIds, values);
        for (var k = 0; k < farIds.Length; k++)
        {
            var r = starts[firstAt[k]];
            var s = ends.IsEmpty ? default : ends[endAt[k]];
            WriteRecord(ctx, row, r.Id, r.Type, s.Id, s.Type, farIds[k], values.IsEmpty ? null : values[k], ref names, target);
        }
    }

    /// <summary>The batched column's values of the far nodes <paramref name="farIds"/> (one store call), or nothing without such a column.</summary>
    private void ReadBatchedColumn(QueryContext ctx, ReadOnlySpan<long> farIds, Span<object?> values)
    {
        if (_batchedColumn < 0) return;
        if (Key(ctx, columns[_batchedColumn]) is var key and >= 0) ctx.Tx.ReadNodeProperty(farIds, key, values);
        else values.Clear();
    }

    /// <summary>One record: each column's value, converted for the client where it is not a string, number, boolean or null.</summary>
    private void WriteRecord(QueryContext ctx, object?[] row, long relationship, int type, long secondRelationship, int secondType,
        long far, object? farValue, ref TypeNames names, IRecordTarget target)
    {
        var memory = ctx.Memory;
        // what evaluated expressions build is held while the record is written (nothing else here builds a value)
        var evaluated = _evaluates ? memory.Values : 0;
        var cells = target.Next();
        var simple = true;
        for (var i = 0; i < columns.Length; i++)
        {
            var column = columns[i];
            var kind = _kinds[i];
            var value = kind switch
            {
                RecordColumnKind.FarNodeProperty when i == _batchedColumn => farValue,
                RecordColumnKind.FarNodeProperty => Key(ctx, column) is var key and >= 0 ? ctx.Tx.NodeProperty(far, key) : null,
                RecordColumnKind.RelationshipType => names.Of(ctx, type),
                RecordColumnKind.RelationshipProperty => Key(ctx, column) is var key and >= 0 ? ctx.Tx.RelationshipProperty(relationship, key) : null,
                RecordColumnKind.SecondRelationshipType => names.Of(ctx, secondType),
                RecordColumnKind.SecondRelationshipProperty => Key(ctx, column) is var key and >= 0 ? ctx.Tx.RelationshipProperty(secondRelationship, key) : null,
                RecordColumnKind.FarNodeId => CypherValues.Int(far),
                RecordColumnKind.RelationshipId => CypherValues.Int(relationship),
                RecordColumnKind.SecondRelationshipId => CypherValues.Int(secondRelationship),
                _ => column.Value!.Invoke(row, ctx),
            };
            cells[i] = value;
            // a type's name is the registry's string: not tested
            if (kind is not (RecordColumnKind.RelationshipType or RecordColumnKind.SecondRelationshipType)
                && value is not (null or string or long or double or bool)) simple = false;
        }
        if (simple) target.Add(0);
        else AddConverted(ctx, cells, target);
        if (_evaluates) memory.ReleaseValuesTo(evaluated);
    }

    /// <summary>A record some of whose values are not the client's as they are: those converted, then the record added with what converting took.</summary>
    private static void AddConverted(QueryContext ctx, Span<object?> cells, IRecordTarget target)
    {
        // all read before any is converted, as the cursor evaluates a projection's columns; what the conversions
        // took is kept with the record, what the values took is held only while they are converted
        var memory = ctx.Memory;
        var mark = memory.Values;
        for (var i = 0; i < cells.Length; i++)
            if (cells[i] is not (null or string or long or double or bool)) cells[i] = ctx.ToClient(cells[i]);
        var converted = memory.Values - mark;
        memory.ReleaseValuesTo(mark);
        target.Add(converted);
    }

    private static int Key(QueryContext ctx, RecordColumn column) => column.Key!.Id(ctx.Tokens);

    /// <summary>The last relationship type's name (an expert's stances are of one or two types).</summary>
    private struct TypeNames
    {
        private int _type;
        private string? _name;

        public string Of(QueryContext ctx, int type)
        {
            if (_name is null || type != _type)
            {
                _name = ctx.Tokens.RelationshipTypeName(type);
                _type = type;
            }
            return _name;
        }
    }

    /// <summary>The far node's label check: the store's bitmap of the one label when it has one for this snapshot, lookups otherwise.</summary>
    private struct FarLabels(LabelToken[] labels)
    {
        private bool _asked;
        private LabelBits? _bits;

        /// <summary>Once per execution: the store's bitmap if it has one (the <paramref name="lookups"/> about to be made count toward building one).</summary>
        public void Ask(QueryContext ctx, int lookups)
        {
            if (_asked || labels.Length != 1) return;
            _asked = true;
            // a transaction that has written gets none (its own changes are not in it)
            if (labels[0].Id(ctx.Tokens) is var id and >= 0) _bits = ctx.Tx.KnownLabelMembers(id, lookups);
        }

        public readonly bool Check(QueryContext ctx, long node)
        {
            if (_bits is { } bits) return bits.Contains(node);
            foreach (var label in labels)
                if (!ctx.NodeHasLabel(node, label)) return false;
            return true;
        }
    }
}
