using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>For each input row, binds a slot to every node (optionally of a label).</summary>
internal sealed class NodeScanOp(PlanOperator source, int slot, LabelToken? label, string variable) : PlanOperator
{
    /// <summary>The scanned label (null: all nodes), the slot bound, and the rows scanned for (a chain counted from its middle reads these).</summary>
    public LabelToken? Label => label;

    public int Slot => slot;

    public PlanOperator Source => source;

    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        foreach (var row in source.Execute(ctx, argument))
        {
            IEnumerable<long> nodes;
            if (label is null) nodes = ctx.Tx.AllNodes();
            else
            {
                var id = label.Id(ctx.Tokens);
                if (id < 0) continue;
                nodes = ctx.Tx.NodesWithLabel(id);
            }
            foreach (var n in nodes)
            {
                ctx.Tick();
                yield return With(row, slot, new NodeValue(n));
            }
        }
    }

    public override string Describe() => label is null ? $"AllNodesScan({variable})" : $"NodeByLabelScan({variable}:{label.Name})";
    public override IEnumerable<PlanOperator> Children => [source];
}
