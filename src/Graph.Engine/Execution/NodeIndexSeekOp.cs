using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>Binds a slot to the nodes with label and property equal to a value: a seek when storage has an index.</summary>
internal sealed class NodeIndexSeekOp(PlanOperator source, int slot, LabelToken label, PropertyKey key, Evaluator value, string variable) : PlanOperator
{

    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument) => Seek(ctx, argument, transient: false);

    /// <summary>For a consumer done with each row before the next: one buffer, overwritten per node found.</summary>
    protected override IEnumerable<object?[]> ProduceTransient(QueryContext ctx, object?[] argument, bool reuseValues) =>
        Seek(ctx, argument, transient: true, reuseValues);

    private IEnumerable<object?[]> Seek(QueryContext ctx, object?[] argument, bool transient, bool reuseValues = false)
    {
        StackGuard.Ensure();
        object?[]? buffer = null;
        // a transient consumer is done with each row before the next: this seek is done with a source row when it asks
        // for the next, so the source's rows may be transient too (a seek below this one then copies no row per node).
        // An Argument source yields the argument itself: read as such (no iterator), unless PROFILE counts its row.
        using var rows = source is ArgumentOp && ctx.Profile is null ? null
            : (transient ? source.ExecuteTransient(ctx, argument, reuseValues) : source.Execute(ctx, argument)).GetEnumerator();
        var argumentLeft = rows is null;
        while (rows?.MoveNext() ?? argumentLeft)
        {
            var row = rows is null ? argument : rows.Current;
            argumentLeft = false;
            if (SoughtValue(ctx, row, out var labelId, out var keyId) is not { } v) continue;
            // under PROFILE, how many seeks went through a real index (tests assert the planner picked the seek)
            if (ctx.Profile is { } profile && ctx.Tx.HasIndex(labelId, keyId)) profile.For(this).IndexedSeeks++;
            // the store hands out an exact-size array: walked as one, without an enumerator object
            var found = ctx.Tx.NodesByProperty(labelId, keyId, v);
            foreach (var n in found as long[] ?? [.. found])
            {
                ctx.Tick();
                if (!transient)
                {
                    yield return With(row, slot, new NodeValue(n));
                    continue;
                }
                if (buffer is null || buffer.Length != row.Length) buffer = new object?[row.Length];
                RowCopy.Into(row, buffer);
                buffer[slot] = new NodeValue(n);
                yield return buffer;
            }
        }
    }

    /// <summary>The seek reads only the plan's argument row (its source is an Argument): <see cref="FindNodes"/> can serve it.</summary>
    internal bool SeeksArgument => source is ArgumentOp;

    /// <summary>The seek this one runs over (its source), if its source is one.</summary>
    internal NodeIndexSeekOp? SeekBelow => source as NodeIndexSeekOp;

    /// <summary>The slot the seek binds to each node found.</summary>
    internal int Slot => slot;

    /// <summary>
    /// The nodes this seek binds for <paramref name="argument"/>, in its order, in <paramref name="into"/> (its content
    /// replaced): the work of one pass of <see cref="Seek"/> over an Argument source without its rows, for a caller that
    /// binds them itself (<see cref="Driver.IndexSeekRows"/>). Not for PROFILE (it counts no seek).
    /// </summary>
    internal void FindNodes(QueryContext ctx, object?[] argument, List<long> into)
    {
        into.Clear();
        if (SoughtValue(ctx, argument, out var labelId, out var keyId) is { } v) ctx.Tx.ReadNodesByProperty(labelId, keyId, v, into);
    }

    /// <summary>
    /// The stored form of the value sought for <paramref name="row"/> with the label's and key's ids, or null when no node
    /// can match (the label or key never used, a null value, or one no property can hold).
    /// </summary>
    private object? SoughtValue(QueryContext ctx, object?[] row, out int labelId, out int keyId)
    {
        labelId = label.Id(ctx.Tokens);
        keyId = key.Id(ctx.Tokens);
        if (labelId < 0 || keyId < 0) return null;
        var mark = ctx.Memory.Values;
        var v = PropertyValues.ToStorableOrNull(value(row, ctx), ctx);
        ctx.Memory.ReleaseValuesTo(mark);
        return v;
    }

    public override string Describe() => $"NodeIndexSeek({variable}:{label.Name} {{{key.Name}}})";
    public override IEnumerable<PlanOperator> Children => [source];
}
