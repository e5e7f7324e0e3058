using System.Text;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>Runs <paramref name="inner"/> for every row of <paramref name="outer"/> with that row as its argument.</summary>
internal sealed class ApplyOp(PlanOperator outer, PlanOperator inner) : PlanOperator
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
