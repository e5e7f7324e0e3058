using System.Text;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>UNION / UNION ALL: both sides project into the same output slots.</summary>
internal sealed class UnionOp(PlanOperator left, PlanOperator right, int[] outputSlots, bool distinct) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        using var account = ctx.Memory.Open("the rows UNION has seen");
        var seen = distinct ? new HashSet<object?[]>(CypherValues.KeyArrayComparer.Instance) : null;
        foreach (var side in new[] { left, right })
            foreach (var row in side.Execute(ctx, argument))
            {
                if (seen is not null)
                {
                    var key = new object?[outputSlots.Length];
                    for (var i = 0; i < outputSlots.Length; i++) key[i] = row[outputSlots[i]];
                    if (!seen.Add(key)) continue;
                    account.KeepRow(key);
                    account.Reserve(ValueSize.SetEntry);
                }
                yield return row;
            }
    }

    public override string Describe() => distinct ? "Union" : "UnionAll";
    public override IEnumerable<PlanOperator> Children => [left, right];
}
