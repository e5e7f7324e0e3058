using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

internal sealed class SetOp(PlanOperator source, SetAction[] actions, string description) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        foreach (var row in source.Execute(ctx, argument))
        {
            ctx.Tick();
            var mark = ctx.Memory.Values;
            foreach (var a in actions) a(row, ctx);
            ctx.Memory.ReleaseValuesTo(mark);
            yield return row;
        }
    }

    public override string Describe() => $"SetProperties({description})";
    public override IEnumerable<PlanOperator> Children => [source];
}
