using System.Text;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

internal sealed class FilterOp(PlanOperator source, Evaluator predicate, string description) : PlanOperator
{
    /// <summary>The WHERE conjunct this filter tests, when the planner made it from one (read by the ChainCount fusion).</summary>
    public Expression? Condition { get; init; }

    /// <summary>The filter's text, as plan descriptions show it.</summary>
    internal string Text => description;

    /// <summary>The compiled predicate (the ChainCount and ReachCount fusions evaluate it per entity instead of per row).</summary>
    internal Evaluator Predicate => predicate;

    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument) => Filter(ctx, source.Execute(ctx, argument));

    /// <summary>A filter passes its rows on as they are: if its consumer keeps none, its source need not either.</summary>
    protected override IEnumerable<object?[]> ProduceTransient(QueryContext ctx, object?[] argument, bool reuseValues) =>
        Filter(ctx, source.ExecuteTransient(ctx, argument, reuseValues));

    private IEnumerable<object?[]> Filter(QueryContext ctx, IEnumerable<object?[]> rows)
    {
        StackGuard.Ensure();
        foreach (var row in rows)
        {
            ctx.Tick();
            var mark = ctx.Memory.Values;
            var v = predicate(row, ctx);
            ctx.Memory.ReleaseValuesTo(mark);
            if (Passes(v)) yield return row;
        }
    }

    /// <summary>A WHERE predicate's value: true passes, false and null (three-valued logic) do not, anything else is an error.</summary>
    internal static bool Passes(object? value) => value switch
    {
        true => true,
        null or bool => false,
        _ => throw CypherErrors.TypeError("InvalidArgumentType", $"A WHERE predicate must be a Boolean, got {CypherValues.TypeName(value)} ({CypherValues.Describe(value)})."),
    };

    public override string Describe() => $"Filter({description})";
    public override IEnumerable<PlanOperator> Children => [source];
}
