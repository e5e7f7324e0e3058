using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>CALL { ... } without RETURN: runs the subquery for its side effects and keeps the outer row.</summary>
internal sealed class UnitSubqueryOp(PlanOperator outer, PlanOperator inner) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        using var account = ctx.Memory.Open("the rows a CALL subquery works on");
        var rows = Materialize(outer.Execute(ctx, argument), ctx, account);
        foreach (var row in rows)
            foreach (var _ in inner.Execute(ctx, row)) ctx.Tick();
        foreach (var row in rows) yield return row;
    }

    public override string Describe() => "SubqueryForeach";
    public override IEnumerable<PlanOperator> Children => [outer, inner];
}
