using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>Lists indexes or constraints as rows of the SHOW columns.</summary>
internal sealed class ShowSchemaOp(int[] slots, bool indexes, Func<int> width) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        var tokens = ctx.Tokens;
        var id = 1L;
        if (indexes)
        {
            foreach (var i in ctx.Tx.Indexes.OrderBy(i => i.Name, StringComparer.Ordinal))
            {
                yield return Row(argument, [
                    id++, i.Name, "ONLINE", 100.0, "RANGE", "NODE",
                    new List<object?> { tokens.LabelName(i.Label) },
                    i.PropertyKeys.Select(k => (object?)tokens.PropertyKeyName(k)).ToList(),
                    "range-1.0", i.ConstraintName, null, 0L,
                ]);
            }
        }
        else
        {
            foreach (var c in ctx.Tx.Constraints.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                yield return Row(argument, [
                    id++, c.Name, "UNIQUENESS", "NODE",
                    new List<object?> { tokens.LabelName(c.Label) },
                    c.PropertyKeys.Select(k => (object?)tokens.PropertyKeyName(k)).ToList(),
                    c.Name, null,
                ]);
            }
        }
    }

    private object?[] Row(object?[] argument, object?[] values)
    {
        var row = new object?[Math.Max(argument.Length, width())];
        for (var i = 0; i < slots.Length; i++) row[slots[i]] = values[i];
        return row;
    }

    public override string Describe() => indexes ? "ShowIndexes" : "ShowConstraints";
}
