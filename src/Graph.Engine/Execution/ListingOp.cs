using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// The rows of a SHOW listing (databases, procedures, functions, the current user), each value written into its
/// column's slot. <paramref name="width"/> is read at run time: the statement's slot count is known only once planned.
/// </summary>
internal sealed class ListingOp(string name, int[] slots, Func<QueryContext, IEnumerable<object?[]>> rows, Func<int> width) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        foreach (var values in rows(ctx))
        {
            ctx.Tick();
            var row = new object?[Math.Max(argument.Length, width())];
            for (var i = 0; i < slots.Length; i++) row[slots[i]] = values[i];
            yield return row;
        }
    }

    public override string Describe() => name;
}
