using System.Text;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

internal sealed class UnwindOp(PlanOperator source, Evaluator list, int slot, string description) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        // the list is held while its elements are produced
        var mark = -1L;
        try
        {
            foreach (var row in source.Execute(ctx, argument))
            {
                mark = ctx.Memory.Values;
                var v = list(row, ctx);
                if (v is IReadOnlyList<object?> items)
                {
                    foreach (var item in items)
                    {
                        ctx.Tick();
                        yield return With(row, slot, item);
                    }
                }
                else if (v is not null)
                {
                    yield return With(row, slot, v);
                }
                ctx.Memory.ReleaseValuesTo(mark);
                mark = -1;
            }
        }
        finally
        {
            if (mark >= 0) ctx.Memory.ReleaseValuesTo(mark);
        }
    }

    public override string Describe() => $"Unwind({description})";
    public override IEnumerable<PlanOperator> Children => [source];
}
