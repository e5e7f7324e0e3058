using System.Text;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>Evaluates expressions into slots (RETURN/WITH items, path construction, ...).</summary>
/// <remarks>
/// <paramref name="ownsInput"/>: the source hands over a fresh row per output that it keeps no reference to (an
/// aggregation's group rows), so the projection writes into it instead of copying it.
/// </remarks>
internal sealed class ProjectOp(PlanOperator source, int[] slots, Evaluator[] expressions, string description, bool ownsInput = false) : PlanOperator
{
    /// <summary>
    /// Set by the planner when this projection's records can be written straight into a result (RunAsync) without the
    /// rows of the operators below (<see cref="IRecordWriter"/>): the result cursor then uses it for a root projection
    /// of a read-only statement outside PROFILE. Null otherwise.
    /// </summary>
    public IRecordWriter? RecordWriter
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    }

    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument) => Project(ctx, argument, transient: false);

    /// <summary>
    /// For a consumer done with each row before the next (<see cref="PlanOperator.ExecuteTransient"/>): one output buffer,
    /// overwritten per row, and the source's rows are transient too (each is read, then copied into the buffer).
    /// </summary>
    protected override IEnumerable<object?[]> ProduceTransient(QueryContext ctx, object?[] argument, bool reuseValues) =>
        Project(ctx, argument, transient: true, reuseValues);

    // (its expressions keep nothing from row to row: the values it computes go into its row, whose consumer keeps them
    // no longer than its source's values when it passed reuseValues)
    private IEnumerable<object?[]> Project(QueryContext ctx, object?[] argument, bool transient, bool reuseValues = false)
    {
        StackGuard.Ensure();
        var values = new object?[slots.Length];
        object?[]? buffer = null;
        // the values built for a row are held until the consumer asks for the next one (or stops)
        var mark = -1L;
        try
        {
            foreach (var row in transient ? source.ExecuteTransient(ctx, argument, reuseValues) : source.Execute(ctx, argument))
            {
                ctx.Tick();
                mark = ctx.Memory.Values;
                // evaluate all first: a projection may read a slot it also overwrites (WITH a.x AS a)
                for (var i = 0; i < slots.Length; i++) values[i] = expressions[i](row, ctx);
                object?[] copy;
                if (ownsInput) copy = row;
                else if (transient)
                {
                    if (buffer is null || buffer.Length != row.Length) buffer = new object?[row.Length];
                    RowCopy.Into(row, buffer);
                    copy = buffer;
                }
                else copy = (object?[])row.Clone();
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

    /// <summary>
    /// For a result cursor whose every column this projection computes: one evaluator per column (in the order of
    /// <paramref name="columnSlots"/>), so the cursor can evaluate each column straight into its record from the source's
    /// rows (<see cref="SourceRowsTransient"/>) instead of having this operator copy each row into a buffer first; null
    /// when a column is not one of this projection's items.
    /// </summary>
    public Evaluator[]? ColumnEvaluators(int[] columnSlots)
    {
        if (columnSlots.Length == 0 || ownsInput) return null;
        var evaluators = new Evaluator[columnSlots.Length];
        for (var c = 0; c < columnSlots.Length; c++)
        {
            // the last item writing a slot is the one whose value the row would hold
            var item = Array.LastIndexOf(slots, columnSlots[c]);
            if (item < 0) return null;
            evaluators[c] = expressions[item];
        }
        return evaluators;
    }

    /// <summary>
    /// The source's rows for a consumer done with each before the next (what this operator would project); see
    /// <see cref="PlanOperator.ExecuteTransient"/> for <paramref name="reuseValues"/>.
    /// </summary>
    public IEnumerable<object?[]> SourceRowsTransient(QueryContext ctx, object?[] argument, bool reuseValues = false)
    {
        StackGuard.Ensure();
        return source.ExecuteTransient(ctx, argument, reuseValues);
    }

    public override string Describe() => $"Projection({description})";
    public override IEnumerable<PlanOperator> Children => [source];
}
