using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// <c>(n:A|B)</c>: the nodes having any of the labels, each once, read from the label scans in turn (a node of an earlier
/// label is skipped when met again under a later one). Neo4j's UnionNodeByLabelsScan.
/// </summary>
internal sealed class UnionNodeByLabelsScanOp(PlanOperator source, int slot, LabelToken[] labels, string variable) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        foreach (var row in source.Execute(ctx, argument))
        {
            for (var i = 0; i < labels.Length; i++)
            {
                var id = labels[i].Id(ctx.Tokens);
                if (id < 0) continue;
                foreach (var node in ctx.Tx.NodesWithLabel(id))
                {
                    ctx.Tick();
                    if (HasEarlierLabel(ctx, node, i)) continue;
                    yield return With(row, slot, new NodeValue(node));
                }
            }
        }
    }

    private bool HasEarlierLabel(QueryContext ctx, long node, int index)
    {
        for (var j = 0; j < index; j++)
            if (ctx.NodeHasLabel(node, labels[j])) return true;
        return false;
    }

    public override string Describe() => $"UnionNodeByLabelsScan({variable}:{string.Join("|", labels.Select(l => l.Name))})";
    public override IEnumerable<PlanOperator> Children => [source];
}
