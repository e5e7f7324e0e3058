using System.Text;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>LIMIT n. In a statement that writes, LIMIT 0 still runs its input: side effects happen whatever is returned.</summary>
internal sealed class LimitOp(PlanOperator source, Evaluator count, bool drainWhenZero) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument) => Limit(ctx, argument, transient: false);

    /// <summary>A limit passes its rows on as they are: if its consumer keeps none, its source need not either.</summary>
    protected override IEnumerable<object?[]> ProduceTransient(QueryContext ctx, object?[] argument, bool reuseValues) =>
        Limit(ctx, argument, transient: true, reuseValues);

    private IEnumerable<object?[]> Limit(QueryContext ctx, object?[] argument, bool transient, bool reuseValues = false)
    {
        StackGuard.Ensure();
        var n = RowCount.Evaluate(count, ctx, "LIMIT");
        if (n == 0)
        {
            if (drainWhenZero)
                foreach (var _ in source.ExecuteTransient(ctx, argument)) ctx.Tick();
            yield break;
        }
        foreach (var row in transient ? source.ExecuteTransient(ctx, argument, reuseValues) : source.Execute(ctx, argument))
        {
            yield return row;
            if (--n == 0) yield break;
        }
    }

    public override string Describe() => "Limit";
    public override IEnumerable<PlanOperator> Children => [source];
}
