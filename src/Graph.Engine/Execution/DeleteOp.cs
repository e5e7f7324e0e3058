using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>DELETE / DETACH DELETE: evaluates the targets of all rows, then deletes relationships before nodes.</summary>
internal sealed class DeleteOp(PlanOperator source, Evaluator[] targets, bool detach) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        using var account = ctx.Memory.Open("the rows DELETE works on");
        var rows = new List<object?[]>();
        var values = new List<object?>();
        foreach (var row in source.Execute(ctx, argument))
        {
            ctx.Tick();
            account.KeepRow(row);
            rows.Add(row);
            var mark = ctx.Memory.Values;
            foreach (var t in targets)
            {
                var target = t(row, ctx);
                account.Keep(target, 8);
                values.Add(target);
            }
            ctx.Memory.ReleaseValuesTo(mark);
        }
        GraphWriter.Delete(ctx, values, detach);
        foreach (var row in rows) yield return row;
    }

    public override string Describe() => detach ? "DetachDelete" : "Delete";
    public override IEnumerable<PlanOperator> Children => [source];
}
