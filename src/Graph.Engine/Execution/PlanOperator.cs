using System.Text;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>A compiled expression: evaluates against a row of slots.</summary>
public delegate object? Evaluator(object?[] row, QueryContext ctx);

/// <summary>
/// A streaming physical operator. Rows are slot arrays of the statement's width; operators never
/// mutate a row they received (they copy before writing a slot). <paramref name="argument"/> is the
/// outer row for operators under an Apply (OPTIONAL MATCH, subqueries, pattern expressions).
/// </summary>
public abstract class PlanOperator
{
    /// <summary>
    /// The operator's rows for one outer row. Under PROFILE (<see cref="QueryContext.Profile"/>) the rows, store accesses
    /// and time are recorded for this execution, never in the plan (which concurrent executions share).
    /// </summary>
    public IEnumerable<object?[]> Execute(QueryContext ctx, object?[] argument) =>
        ctx.Profile is { } profile && profile.Tracks(this)
            ? profile.Record(this, () => Produce(ctx, argument))
            : Produce(ctx, argument);

    /// <summary>What the operator does: pull rows from the children with their <see cref="Execute"/>.</summary>
    protected abstract IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument);

    /// <summary>The variables visible in the operator's rows, set by the planner (plan descriptions list them).</summary>
    public IReadOnlyList<string>? Identifiers
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    }

    /// <summary>
    /// True once the plan is published (<see cref="Planning.CompiledStatement"/>): from then on the operator is shared by
    /// concurrent executions, so it never changes again; what one execution does is kept in its <see cref="QueryContext"/>.
    /// </summary>
    public bool IsFrozen { get; private set; }

    /// <summary>Freezes the operator and everything below it (the plan is about to be shared).</summary>
    internal void Freeze()
    {
        var pending = new Stack<PlanOperator>([this]);
        while (pending.TryPop(out var op))
        {
            if (op.IsFrozen) continue;
            op.IsFrozen = true;
            foreach (var child in op.Children) pending.Push(child);
        }
    }

    /// <summary>Planner-only settings call this: changing a published plan would change concurrent executions.</summary>
    protected void EnsurePlanning()
    {
        if (IsFrozen) throw new InvalidOperationException($"{GetType().Name} belongs to a published plan and cannot change.");
    }

    /// <summary>The operator's name and arguments for plan descriptions ("NodeIndexSeek(n:Person {id})").</summary>
    public abstract string Describe();

    public virtual IEnumerable<PlanOperator> Children => [];

    /// <summary>
    /// Levels of operators already on the machine stack when this one runs with no source of its own: set by the
    /// planner on the <see cref="ArgumentOp"/> of a subquery to the depth of the operator that runs it.
    /// </summary>
    public int DepthOffset { get; init; }

    private int _depth;

    /// <summary>
    /// How many operators deep this one runs: its offset plus the longest chain of sources below it. Pulling a row goes
    /// one machine-stack frame down per level, so the planner bounds this by <see cref="EngineOptions.MaxPlanDepth"/>.
    /// Computed once, iteratively: a plan being refused for its depth must not overflow the stack while measured.
    /// </summary>
    public int Depth
    {
        get
        {
            if (_depth > 0) return _depth;
            var pending = new Stack<(PlanOperator Op, bool ChildrenDone)>();
            pending.Push((this, false));
            while (pending.Count > 0)
            {
                var (op, childrenDone) = pending.Pop();
                if (op._depth > 0) continue;
                if (!childrenDone)
                {
                    pending.Push((op, true));
                    foreach (var child in op.Children)
                        if (child._depth == 0) pending.Push((child, false));
                    continue;
                }
                var deepest = 0;
                foreach (var child in op.Children) deepest = Math.Max(deepest, child._depth);
                op._depth = op.DepthOffset + deepest + 1;
            }
            return _depth;
        }
    }

    public string DescribeTree()
    {
        var sb = new StringBuilder();
        Append(sb, this, 0);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, PlanOperator op, int depth)
    {
        sb.Append(' ', depth * 2).Append(op.Describe()).Append('\n');
        foreach (var c in op.Children) Append(sb, c, depth + 1);
    }

    public IEnumerable<PlanOperator> Descendants()
    {
        yield return this;
        foreach (var c in Children)
            foreach (var d in c.Descendants())
                yield return d;
    }

    /// <summary>Every row of <paramref name="rows"/> (an operator that needs them all before it goes on), kept in <paramref name="account"/>.</summary>
    protected static List<object?[]> Materialize(IEnumerable<object?[]> rows, QueryContext ctx, MemoryAccount account)
    {
        var list = new List<object?[]>();
        foreach (var row in rows)
        {
            ctx.Tick();
            account.KeepRow(row);
            list.Add(row);
        }
        return list;
    }

    protected static object?[] With(object?[] row, int slot, object? value)
    {
        var copy = (object?[])row.Clone();
        copy[slot] = value;
        return copy;
    }
}

/// <summary>Yields the argument row once: the leaf of every plan.</summary>
public sealed class ArgumentOp : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        yield return argument;
    }

    public override string Describe() => "Argument";
}

/// <summary>Materializes its input before yielding: separates reads from later writes (Neo4j's Eager).</summary>
public sealed class EagerOp(PlanOperator source) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        using var account = ctx.Memory.Open("the rows an update works on (Eager)");
        var rows = Materialize(source.Execute(ctx, argument), ctx, account);
        foreach (var r in rows) yield return r;
    }

    public override string Describe() => "Eager";
    public override IEnumerable<PlanOperator> Children => [source];
}

public sealed class FilterOp(PlanOperator source, Evaluator predicate, string description) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        foreach (var row in source.Execute(ctx, argument))
        {
            ctx.Tick();
            var mark = ctx.Memory.Values;
            var v = predicate(row, ctx);
            ctx.Memory.ReleaseValuesTo(mark);
            if (v is true)
            {
                yield return row;
            }
            else if (v is not (null or bool))
            {
                throw CypherErrors.TypeError("InvalidArgumentType", $"A WHERE predicate must be a Boolean, got {CypherValues.TypeName(v)} ({CypherValues.Describe(v)}).");
            }
        }
    }

    public override string Describe() => $"Filter({description})";
    public override IEnumerable<PlanOperator> Children => [source];
}

/// <summary>Evaluates expressions into slots (RETURN/WITH items, path construction, ...).</summary>
/// <remarks>
/// <paramref name="ownsInput"/>: the source hands over a fresh row per output that it keeps no reference to (an
/// aggregation's group rows), so the projection writes into it instead of copying it.
/// </remarks>
public sealed class ProjectOp(PlanOperator source, int[] slots, Evaluator[] expressions, string description, bool ownsInput = false) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        var values = new object?[slots.Length];
        // the values built for a row are held until the consumer asks for the next one (or stops)
        var mark = -1L;
        try
        {
            foreach (var row in source.Execute(ctx, argument))
            {
                ctx.Tick();
                mark = ctx.Memory.Values;
                // evaluate all first: a projection may read a slot it also overwrites (WITH a.x AS a)
                for (var i = 0; i < slots.Length; i++) values[i] = expressions[i](row, ctx);
                var copy = ownsInput ? row : (object?[])row.Clone();
                for (var i = 0; i < slots.Length; i++) copy[slots[i]] = values[i];
                yield return copy;
                ctx.Memory.ReleaseValuesTo(mark);
                mark = -1;
            }
        }
        finally
        {
            if (mark >= 0) ctx.Memory.ReleaseValuesTo(mark);
        }
    }

    public override string Describe() => $"Projection({description})";
    public override IEnumerable<PlanOperator> Children => [source];
}

/// <summary>Clears slots that went out of scope (after WITH) so that DISTINCT/aggregation see only what is visible.</summary>
public sealed class ClearSlotsOp(PlanOperator source, int[] keep, int width) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        foreach (var row in source.Execute(ctx, argument))
        {
            var copy = new object?[width];
            foreach (var s in keep) copy[s] = row[s];
            yield return copy;
        }
    }

    public override string Describe() => "ClearScope";
    public override IEnumerable<PlanOperator> Children => [source];
}

public sealed class UnwindOp(PlanOperator source, Evaluator list, int slot, string description) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        // the list is held while its elements are produced
        var mark = -1L;
        try
        {
            foreach (var row in source.Execute(ctx, argument))
            {
                mark = ctx.Memory.Values;
                var v = list(row, ctx);
                if (v is IReadOnlyList<object?> items)
                {
                    foreach (var item in items)
                    {
                        ctx.Tick();
                        yield return With(row, slot, item);
                    }
                }
                else if (v is not null)
                {
                    yield return With(row, slot, v);
                }
                ctx.Memory.ReleaseValuesTo(mark);
                mark = -1;
            }
        }
        finally
        {
            if (mark >= 0) ctx.Memory.ReleaseValuesTo(mark);
        }
    }

    public override string Describe() => $"Unwind({description})";
    public override IEnumerable<PlanOperator> Children => [source];
}

public sealed class SkipOp(PlanOperator source, Evaluator count) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        var n = RowCount.Evaluate(count, ctx, "SKIP");
        foreach (var row in source.Execute(ctx, argument))
        {
            if (n > 0) { n--; continue; }
            yield return row;
        }
    }

    public override string Describe() => "Skip";
    public override IEnumerable<PlanOperator> Children => [source];
}

/// <summary>LIMIT n. In a statement that writes, LIMIT 0 still runs its input: side effects happen whatever is returned.</summary>
public sealed class LimitOp(PlanOperator source, Evaluator count, bool drainWhenZero) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        var n = RowCount.Evaluate(count, ctx, "LIMIT");
        if (n == 0)
        {
            if (drainWhenZero)
                foreach (var _ in source.Execute(ctx, argument)) ctx.Tick();
            yield break;
        }
        foreach (var row in source.Execute(ctx, argument))
        {
            yield return row;
            if (--n == 0) yield break;
        }
    }

    public override string Describe() => "Limit";
    public override IEnumerable<PlanOperator> Children => [source];
}

internal static class RowCount
{
    public static long Evaluate(Evaluator e, QueryContext ctx, string clause)
    {
        var mark = ctx.Memory.Values;
        var v = e([], ctx);
        ctx.Memory.ReleaseValuesTo(mark);
        return v switch
        {
            long l when l >= 0 => l,
            long l => throw CypherErrors.Syntax("NegativeIntegerArgument", $"{clause} must not be negative (got {l})."),
            double d when d == Math.Floor(d) && d >= 0 => throw CypherErrors.Syntax("InvalidArgumentType", $"{clause} needs an Integer, got the Float {d}."),
            _ => throw CypherErrors.Syntax("InvalidArgumentType", $"{clause} needs a non-negative Integer, got {CypherValues.TypeName(v)} ({CypherValues.Describe(v)})."),
        };
    }
}

/// <summary>
/// ORDER BY: a stable sort on the key expressions (already projected into slots). With <paramref name="top"/> (the
/// constant SKIP + LIMIT above it) only that many rows are kept, in a bounded heap: O(n log k) instead of sorting all n.
/// </summary>
public sealed class SortOp(PlanOperator source, Evaluator[] keys, bool[] descending, string description, Evaluator? top = null) : PlanOperator
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

/// <summary>DISTINCT on the given slots (equivalence: null ~ null).</summary>
public sealed class DistinctOp(PlanOperator source, int[] slots) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        using var account = ctx.Memory.Open("the rows DISTINCT has seen");
        var seen = new HashSet<object?[]>(CypherValues.KeyArrayComparer.Instance);
        foreach (var row in source.Execute(ctx, argument))
        {
            ctx.Tick();
            var key = new object?[slots.Length];
            for (var i = 0; i < slots.Length; i++) key[i] = row[slots[i]];
            if (!seen.Add(key)) continue;
            account.KeepRow(key);
            account.Reserve(ValueSize.SetEntry);
            yield return row;
        }
    }

    public override string Describe() => "Distinct";
    public override IEnumerable<PlanOperator> Children => [source];
}

/// <summary>Runs <paramref name="inner"/> for every row of <paramref name="outer"/> with that row as its argument.</summary>
public sealed class ApplyOp(PlanOperator outer, PlanOperator inner) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        foreach (var row in outer.Execute(ctx, argument))
            foreach (var r in inner.Execute(ctx, row))
            {
                yield return r;
            }
    }

    public override string Describe() => "Apply";
    public override IEnumerable<PlanOperator> Children => [outer, inner];
}

/// <summary>OPTIONAL MATCH: like Apply, but a row without matches continues with the new slots set to null.</summary>
public sealed class OptionalApplyOp(PlanOperator outer, PlanOperator inner, int[] introducedSlots) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        foreach (var row in outer.Execute(ctx, argument))
        {
            var any = false;
            foreach (var r in inner.Execute(ctx, row))
            {
                any = true;
                yield return r;
            }
            if (!any)
            {
                var copy = (object?[])row.Clone();
                foreach (var s in introducedSlots) copy[s] = null;
                yield return copy;
            }
        }
    }

    public override string Describe() => "OptionalApply";
    public override IEnumerable<PlanOperator> Children => [outer, inner];
}

/// <summary>UNION / UNION ALL: both sides project into the same output slots.</summary>
public sealed class UnionOp(PlanOperator left, PlanOperator right, int[] outputSlots, bool distinct) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        using var account = ctx.Memory.Open("the rows UNION has seen");
        var seen = distinct ? new HashSet<object?[]>(CypherValues.KeyArrayComparer.Instance) : null;
        foreach (var side in new[] { left, right })
            foreach (var row in side.Execute(ctx, argument))
            {
                if (seen is not null)
                {
                    var key = new object?[outputSlots.Length];
                    for (var i = 0; i < outputSlots.Length; i++) key[i] = row[outputSlots[i]];
                    if (!seen.Add(key)) continue;
                    account.KeepRow(key);
                    account.Reserve(ValueSize.SetEntry);
                }
                yield return row;
            }
    }

    public override string Describe() => distinct ? "Union" : "UnionAll";
    public override IEnumerable<PlanOperator> Children => [left, right];
}
