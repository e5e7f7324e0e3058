using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

internal sealed class CreateOp(PlanOperator source, CreatePattern pattern, string description) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        foreach (var row in source.Execute(ctx, argument))
        {
            ctx.Tick();
            // the property values are copied into the store (and counted there); the row keeps only the new entities
            var mark = ctx.Memory.Values;
            var created = pattern.Create(row, ctx);
            ctx.Memory.ReleaseValuesTo(mark);
            yield return created;
        }
    }

    public override string Describe() => $"Create({description})";
    public override IEnumerable<PlanOperator> Children => [source];
}
