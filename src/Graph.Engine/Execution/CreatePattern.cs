using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>A pattern to create: nodes in order, then relationships, then named paths.</summary>
internal sealed record CreatePattern(CreateNodeSpec[] Nodes, CreateRelSpec[] Relationships, (int Slot, PathBuilder Builder)[] Paths)
{
    public object?[] Create(object?[] row, QueryContext ctx)
    {
        var copy = (object?[])row.Clone();
        foreach (var n in Nodes)
        {
            if (n.Bound)
            {
                if (copy[n.Slot] is not NodeValue)
                    throw CypherErrors.Semantic("MissingNode",
                        $"Cannot create a relationship from or to `{n.Variable}`: it is {CypherValues.Describe(copy[n.Slot])}, not a node.");
                continue;
            }
            copy[n.Slot] = n.Entries is not null
                ? GraphWriter.CreateNode(ctx, n.Labels, PropertyEntry.Evaluate(n.Entries, copy, ctx))
                : GraphWriter.CreateNode(ctx, n.Labels, EvaluateMap(n.Properties, copy, ctx));
        }
        foreach (var r in Relationships)
        {
            if (r.Entries is not null)
            {
                var entries = PropertyEntry.Evaluate(r.Entries, copy, ctx);
                copy[r.Slot] = GraphWriter.CreateRelationship(ctx, r.Type, Endpoint(copy, r.FromSlot, r), Endpoint(copy, r.ToSlot, r), entries);
                continue;
            }
            var props = EvaluateMap(r.Properties, copy, ctx);
            copy[r.Slot] = GraphWriter.CreateRelationship(ctx, r.Type, Endpoint(copy, r.FromSlot, r), Endpoint(copy, r.ToSlot, r), props);
        }
        foreach (var (slot, builder) in Paths) copy[slot] = builder.Build(copy);
        return copy;
    }

    private static NodeValue Endpoint(object?[] row, int slot, CreateRelSpec r) => row[slot] as NodeValue
        ?? throw CypherErrors.Semantic("MissingNode", $"Cannot create relationship `{r.Variable}`: one of its nodes is null.");

    public static IReadOnlyDictionary<string, object?>? EvaluateMap(Evaluator? e, object?[] row, QueryContext ctx)
    {
        if (e is null) return null;
        var v = e(row, ctx);
        return v switch
        {
            null => null,
            IReadOnlyDictionary<string, object?> m => m,
            _ => throw CypherErrors.TypeError("InvalidArgumentType", $"Properties must be given as a map, got {CypherValues.TypeName(v)}."),
        };
    }
}
