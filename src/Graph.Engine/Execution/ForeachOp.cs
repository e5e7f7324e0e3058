using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>FOREACH (x IN list | updates): runs the inner updates for every element, then passes the row on.</summary>
internal sealed class ForeachOp(PlanOperator source, Evaluator list, int slot, PlanOperator body) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        using var account = ctx.Memory.Open("the rows FOREACH works on");
        var rows = Materialize(source.Execute(ctx, argument), ctx, account);
        foreach (var row in rows)
        {
            var mark = ctx.Memory.Values;
            var v = list(row, ctx);
            if (v is not (null or IReadOnlyList<object?>))
                throw CypherErrors.TypeError("InvalidArgumentType", $"FOREACH needs a List, got {CypherValues.TypeName(v)}.");
            foreach (var item in v as IReadOnlyList<object?> ?? [])
            {
                var inner = (object?[])row.Clone();
                inner[slot] = item;
                foreach (var _ in body.Execute(ctx, inner)) ctx.Tick();
            }
            ctx.Memory.ReleaseValuesTo(mark);
        }
        foreach (var row in rows) yield return row;
    }

    public override string Describe() => "Foreach";
    public override IEnumerable<PlanOperator> Children => [source, body];
}
