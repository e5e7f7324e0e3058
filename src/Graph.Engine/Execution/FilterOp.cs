using System.Text;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

internal sealed class FilterOp(PlanOperator source, Evaluator predicate, string description) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        foreach (var row in source.Execute(ctx, argument))
        {
            ctx.Tick();
            var mark = ctx.Memory.Values;
            var v = predicate(row, ctx);
            ctx.Memory.ReleaseValuesTo(mark);
            if (v is true)
            {
                yield return row;
            }
            else if (v is not (null or bool))
            {
                throw CypherErrors.TypeError("InvalidArgumentType", $"A WHERE predicate must be a Boolean, got {CypherValues.TypeName(v)} ({CypherValues.Describe(v)}).");
            }
        }
    }

    public override string Describe() => $"Filter({description})";
    public override IEnumerable<PlanOperator> Children => [source];
}
