using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>Checks that a slot bound earlier holds a node with the given labels (re-used pattern variable).</summary>
internal sealed class NodeCheckOp(PlanOperator source, int slot, LabelToken[] labels, string variable) : PlanOperator
{
    /// <summary>The labels checked (none: the slot must just hold a node).</summary>
    public IReadOnlyList<LabelToken> Labels => labels;

    /// <summary>The slot checked.</summary>
    public int Slot => slot;

    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument) => Check(ctx, source.Execute(ctx, argument));

    /// <summary>Rows pass through unchanged, so a consumer done with each row before the next lets the source reuse one buffer.</summary>
    protected override IEnumerable<object?[]> ProduceTransient(QueryContext ctx, object?[] argument, bool reuseValues) =>
        Check(ctx, source.ExecuteTransient(ctx, argument, reuseValues));

    private IEnumerable<object?[]> Check(QueryContext ctx, IEnumerable<object?[]> rows)
    {
        StackGuard.Ensure();
        foreach (var row in rows)
        {
            if (row[slot] is not NodeValue n) continue;
            var ok = true;
            foreach (var l in labels)
                if (!ctx.NodeHasLabel(n, l)) { ok = false; break; }
            if (!ok) continue;
            yield return row;
        }
    }

    public override string Describe() => $"NodeCheck({variable})";
    public override IEnumerable<PlanOperator> Children => [source];
}
