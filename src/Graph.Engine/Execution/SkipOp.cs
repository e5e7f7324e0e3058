using System.Text;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

internal sealed class SkipOp(PlanOperator source, Evaluator count) : PlanOperator
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
