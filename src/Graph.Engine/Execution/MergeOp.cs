using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// MERGE: for each row, runs the match plan (with the row as argument); if it finds nothing, creates the pattern.
/// Rows are processed one at a time so a later row sees what an earlier one created.
/// </summary>
internal sealed class MergeOp(PlanOperator source, PlanOperator match, CreatePattern create, SetAction[] onCreate, SetAction[] onMatch, string description) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        using var account = ctx.Memory.Open("the rows MERGE works on");
        var input = Materialize(source.Execute(ctx, argument), ctx, account);
        var output = new List<object?[]>();
        foreach (var row in input)
        {
            ctx.Tick();
            var mark = ctx.Memory.Values;
            var found = match.Execute(ctx, row).ToList();
            if (found.Count > 0)
            {
                foreach (var f in found)
                {
                    foreach (var a in onMatch) a(f, ctx);
                    account.KeepRow(f);
                }
                output.AddRange(found);
            }
            else
            {
                var created = create.Create(row, ctx);
                foreach (var a in onCreate) a(created, ctx);
                account.KeepRow(created);
                output.Add(created);
            }
            ctx.Memory.ReleaseValuesTo(mark);
        }
        foreach (var row in output) yield return row;
    }

    public override string Describe() => $"Merge({description})";
    public override IEnumerable<PlanOperator> Children => [source, match];
}
