using System.Text;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>Materializes its input before yielding: separates reads from later writes (Neo4j's Eager).</summary>
internal sealed class EagerOp(PlanOperator source) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        using var account = ctx.Memory.Open("the rows an update works on (Eager)");
        var rows = Materialize(source.Execute(ctx, argument), ctx, account);
        foreach (var r in rows) yield return r;
    }

    public override string Describe() => "Eager";
    public override IEnumerable<PlanOperator> Children => [source];
}
