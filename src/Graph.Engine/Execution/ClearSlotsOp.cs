using System.Text;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>Clears slots that went out of scope (after WITH) so that DISTINCT/aggregation see only what is visible.</summary>
internal sealed class ClearSlotsOp(PlanOperator source, int[] keep, int width) : PlanOperator
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
