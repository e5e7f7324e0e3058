using System.Text;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>Runs <paramref name="inner"/> for every row of <paramref name="outer"/> with that row as its argument.</summary>
internal sealed class ApplyOp(PlanOperator outer, PlanOperator inner) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument) => Apply(ctx, argument, transient: false);

    /// <summary>The inner rows go to the consumer as they are, so they may be transient (the outer row is the inner's argument throughout: not).</summary>
    protected override IEnumerable<object?[]> ProduceTransient(QueryContext ctx, object?[] argument, bool reuseValues) =>
        Apply(ctx, argument, transient: true, reuseValues);

    private IEnumerable<object?[]> Apply(QueryContext ctx, object?[] argument, bool transient, bool reuseValues = false)
    {
        StackGuard.Ensure();
        foreach (var row in outer.Execute(ctx, argument))
            foreach (var r in transient ? inner.ExecuteTransient(ctx, row, reuseValues) : inner.Execute(ctx, row))
            {
                yield return r;
            }
    }

    public override string Describe() => "Apply";
    public override IEnumerable<PlanOperator> Children => [outer, inner];
}
