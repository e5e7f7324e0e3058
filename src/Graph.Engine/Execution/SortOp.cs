using System.Text;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// ORDER BY: a stable sort on the key expressions (already projected into slots). With <paramref name="top"/> (the
/// constant SKIP + LIMIT above it) only that many rows are kept, in a bounded heap: O(n log k) instead of sorting all n.
/// </summary>
internal sealed class SortOp(PlanOperator source, Evaluator[] keys, bool[] descending, string description, Evaluator? top = null) : PlanOperator
{
    /// <summary>Copy the rows kept in the top-k heap: the source may then reuse one row buffer (see AggregationOp.ReuseOutputRow).</summary>
    public bool CopyKeptRows { get; set; }

    private sealed class Entry(object?[] row, object?[] keys, long index)
    {
        public readonly object?[] Row = row;
        public readonly object?[] Keys = keys;
        public readonly long Index = index;
        /// <summary>What keeping it costs (released when a top-k heap drops it).</summary>
        public long Bytes;
    }

    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        using var account = ctx.Memory.Open("the rows ORDER BY sorts");
        var k = top is null ? long.MaxValue : RowCount.Evaluate(top, ctx, "LIMIT");
        var rows = k < 4096 ? TopRows(ctx, argument, (int)k, account) : AllRows(ctx, argument, account);
        SortChecked(rows, ctx);
        foreach (var r in rows)
        {
            yield return r.Row;
        }
    }

    private List<Entry> AllRows(QueryContext ctx, object?[] argument, MemoryAccount account)
    {
        var rows = new List<Entry>();
        foreach (var row in source.Execute(ctx, argument))
        {
            ctx.Tick();
            var k = EvaluateKeys(row, ctx, new object?[keys.Length]);
            var entry = new Entry(Kept(row), k, rows.Count);
            Keep(entry, account);
            rows.Add(entry);
        }
        return rows;
    }

    /// <summary>The sort keys of a row; the values built to compute them are kept by the entry, not by the expressions.</summary>
    private object?[] EvaluateKeys(object?[] row, QueryContext ctx, object?[] into)
    {
        var mark = ctx.Memory.Values;
        for (var i = 0; i < keys.Length; i++) into[i] = keys[i](row, ctx);
        ctx.Memory.ReleaseValuesTo(mark);
        return into;
    }

    private static void Keep(Entry entry, MemoryAccount account)
    {
        // a key is usually a value of the row itself (ORDER BY a projected column): then it costs only its reference
        var bytes = EntryBytes + ValueSize.Array(entry.Keys.Length);
        account.Reserve(bytes);
        foreach (var key in entry.Keys)
            if (!InRow(key, entry.Row)) bytes += account.Keep(key);
        entry.Bytes = bytes + account.KeepRow(entry.Row);
    }

    private static bool InRow(object? value, object?[] row)
    {
        if (value is null) return true;
        foreach (var v in row)
            if (ReferenceEquals(v, value)) return true;
        return false;
    }

    /// <summary>The entry object and its place in the list.</summary>
    private const long EntryBytes = 48 + 8;

    /// <summary>The first <paramref name="k"/> rows in sort order: a max-heap whose root is the worst row kept.</summary>
    private List<Entry> TopRows(QueryContext ctx, object?[] argument, int k, MemoryAccount account)
    {
        var heap = new List<Entry>(Math.Min(k, 1024));
        if (k == 0)
        {
            foreach (var _ in source.Execute(ctx, argument)) ctx.Tick();
            return heap;
        }
        var scratch = new object?[keys.Length];
        long index = 0;
        foreach (var row in source.Execute(ctx, argument))
        {
            ctx.Tick();
            EvaluateKeys(row, ctx, scratch);
            var n = index++;
            if (heap.Count == k)
            {
                // a later row with equal keys sorts after the kept one (stable), so only a strictly smaller key enters
                if (CompareKeys(scratch, heap[0].Keys) >= 0) continue;
                account.Release(heap[0].Bytes);
                heap[0] = new Entry(Kept(row), scratch, n);
                Keep(heap[0], account);
                SiftDown(heap, 0);
            }
            else
            {
                heap.Add(new Entry(Kept(row), scratch, n));
                Keep(heap[^1], account);
                SiftUp(heap, heap.Count - 1);
            }
            scratch = new object?[keys.Length];
        }
        return heap;
    }

    /// <summary>Sorts, looking at the deadline between comparisons: sorting millions of rows takes seconds.</summary>
    private void SortChecked(List<Entry> rows, QueryContext ctx)
    {
        try
        {
            rows.Sort((a, b) =>
            {
                ctx.Tick();
                return Compare(a, b);
            });
        }
        catch (InvalidOperationException e) when (e.InnerException is Graph.Client.GraphException stop)
        {
            // List.Sort wraps what a comparison throws
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(stop);
        }
    }

    private object?[] Kept(object?[] row) => CopyKeptRows ? (object?[])row.Clone() : row;

    private void SiftUp(List<Entry> heap, int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (Compare(heap[i], heap[parent]) <= 0) return;
            (heap[i], heap[parent]) = (heap[parent], heap[i]);
            i = parent;
        }
    }

    private void SiftDown(List<Entry> heap, int i)
    {
        while (true)
        {
            var largest = i;
            var l = 2 * i + 1;
            var r = l + 1;
            if (l < heap.Count && Compare(heap[l], heap[largest]) > 0) largest = l;
            if (r < heap.Count && Compare(heap[r], heap[largest]) > 0) largest = r;
            if (largest == i) return;
            (heap[i], heap[largest]) = (heap[largest], heap[i]);
            i = largest;
        }
    }

    private int CompareKeys(object?[] a, object?[] b)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            var c = CypherValues.Order(a[i], b[i]);
            if (c != 0) return descending[i] ? -c : c;
        }
        return 0;
    }

    private int Compare(Entry a, Entry b)
    {
        var c = CompareKeys(a.Keys, b.Keys);
        return c != 0 ? c : a.Index.CompareTo(b.Index);
    }

    public override string Describe() => top is null ? $"Sort({description})" : $"Top({description})";
    public override IEnumerable<PlanOperator> Children => [source];
}
