using System.Text;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>OPTIONAL MATCH: like Apply, but a row without matches continues with the new slots set to null.</summary>
internal sealed class OptionalApplyOp(PlanOperator outer, PlanOperator inner, int[] introducedSlots) : PlanOperator
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
