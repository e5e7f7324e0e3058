using Graph.Engine.Functions;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>One aggregate call of a projection: count(DISTINCT x) into a slot.</summary>
public sealed record AggregateSpec(string Function, bool Distinct, bool CountStar, Evaluator[] Arguments, int Slot);

/// <summary>Groups rows by the key slots and computes aggregates per group (no keys: one group, even for no rows).</summary>
public sealed class AggregationOp(PlanOperator source, int[] keySlots, Evaluator[] keys, AggregateSpec[] aggregates, int width, string description) : PlanOperator
{
    public override IEnumerable<object?[]> Execute(QueryContext ctx, object?[] argument)
    {
        var groups = new Dictionary<object?[], Aggregator[]>(CypherValues.KeyArrayComparer.Instance);
        var order = new List<object?[]>();
        foreach (var row in source.Execute(ctx, argument))
        {
            ctx.Tick();
            var key = keys.Length == 0 ? [] : new object?[keys.Length];
            for (var i = 0; i < keys.Length; i++) key[i] = keys[i](row, ctx);
            if (!groups.TryGetValue(key, out var aggs))
            {
                aggs = NewAggregators();
                groups[key] = aggs;
                order.Add(key);
            }
            for (var i = 0; i < aggregates.Length; i++)
            {
                var spec = aggregates[i];
                if (spec.CountStar) { aggs[i].Add(null); continue; }
                var v = spec.Arguments[0](row, ctx);
                if (spec.Arguments.Length > 1)
                {
                    var args = new object?[spec.Arguments.Length];
                    args[0] = v;
                    for (var j = 1; j < args.Length; j++) args[j] = spec.Arguments[j](row, ctx);
                    aggs[i].AddExtra(args);
                }
                aggs[i].Add(v);
            }
        }
        if (keys.Length == 0 && order.Count == 0)
        {
            var empty = Array.Empty<object?>();
            groups[empty] = NewAggregators();
            order.Add(empty);
        }
        foreach (var key in order)
        {
            var aggs = groups[key];
            // the output row keeps the argument's slots (correlated subqueries), then sets keys and results
            var row = argument.Length >= width ? (object?[])argument.Clone() : new object?[width];
            for (var i = 0; i < keySlots.Length; i++) row[keySlots[i]] = key[i];
            for (var i = 0; i < aggregates.Length; i++) row[aggregates[i].Slot] = aggs[i].Result();
            RowsProduced++;
            yield return row;
        }
    }

    private Aggregator[] NewAggregators()
    {
        var a = new Aggregator[aggregates.Length];
        for (var i = 0; i < a.Length; i++) a[i] = Aggregations.Create(aggregates[i].Function, aggregates[i].Distinct, aggregates[i].CountStar);
        return a;
    }

    public override string Describe() => $"Aggregation({description})";
    public override IEnumerable<PlanOperator> Children => [source];
}
