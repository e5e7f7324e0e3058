using System.Text;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>DISTINCT on the given slots (equivalence: null ~ null).</summary>
internal sealed class DistinctOp(PlanOperator source, int[] slots) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        using var account = ctx.Memory.Open("the rows DISTINCT has seen");
        var seen = new HashSet<object?[]>(CypherValues.KeyArrayComparer.Instance);
        foreach (var row in source.Execute(ctx, argument))
        {
            ctx.Tick();
            var key = new object?[slots.Length];
            for (var i = 0; i < slots.Length; i++) key[i] = row[slots[i]];
            if (!seen.Add(key)) continue;
            account.KeepRow(key);
            account.Reserve(ValueSize.SetEntry);
            yield return row;
        }
    }

    public override string Describe() => "Distinct";
    public override IEnumerable<PlanOperator> Children => [source];
}
