using System.Text;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// A streaming physical operator. Rows are slot arrays of the statement's width; operators never
/// mutate a row they received (they copy before writing a slot). <paramref name="argument"/> is the
/// outer row for operators under an Apply (OPTIONAL MATCH, subqueries, pattern expressions).
/// </summary>
internal abstract class PlanOperator
{
    /// <summary>
    /// The operator's rows for one outer row. Under PROFILE (<see cref="QueryContext.Profile"/>) the rows, store accesses
    /// and time are recorded for this execution, never in the plan (which concurrent executions share).
    /// </summary>
    public IEnumerable<object?[]> Execute(QueryContext ctx, object?[] argument) =>
        ctx.Profile is { } profile && profile.Tracks(this) ? Profiled(profile, ctx, argument, transient: false) : Produce(ctx, argument);

    /// <summary>What the operator does: pull rows from the children with their <see cref="Execute"/>.</summary>
    protected abstract IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument);

    /// <summary>
    /// The operator's rows for a consumer that is done with each row before it asks for the next and keeps no reference
    /// to it (the result cursor, which turns each row into a record at once): the operator may then overwrite one buffer
    /// instead of copying each row. Operators that do not take this up produce as <see cref="Execute"/> does.
    /// </summary>
    /// <param name="reuseValues">
    /// The consumer keeps no value of a row past it either: no node or relationship of the row goes into a set, a key, a
    /// list or anything else that outlives the row (the result cursor converts each row's values into the record's at
    /// once). An operator may then also move its node and relationship values to the next row's entities instead of
    /// making new ones (<see cref="ExpandOp"/>). Pass-through operators pass it on only when their own consumer passed it.
    /// </param>
    public IEnumerable<object?[]> ExecuteTransient(QueryContext ctx, object?[] argument, bool reuseValues = false) =>
        ctx.Profile is { } profile && profile.Tracks(this)
            ? Profiled(profile, ctx, argument, transient: true, reuseValues)
            : ProduceTransient(ctx, argument, reuseValues);

    // Apart, so that the closure exists only under PROFILE (a lambda's captured parameters are allocated on entry).
    private IEnumerable<object?[]> Profiled(ExecutionProfile profile, QueryContext ctx, object?[] argument, bool transient, bool reuseValues = false) =>
        profile.Record(this, () => transient ? ProduceTransient(ctx, argument, reuseValues) : Produce(ctx, argument));

    /// <summary>What the operator does for <see cref="ExecuteTransient"/>; by default what it does for <see cref="Execute"/>.</summary>
    protected virtual IEnumerable<object?[]> ProduceTransient(QueryContext ctx, object?[] argument, bool reuseValues) => Produce(ctx, argument);

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
