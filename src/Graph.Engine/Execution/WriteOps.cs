using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// One node of a CREATE/MERGE pattern: bound earlier (reused) or created with labels and properties: either a literal
/// map compiled key by key (<paramref name="Entries"/>: no map is built per row) or any expression giving a map.
/// </summary>
public sealed record CreateNodeSpec(int Slot, bool Bound, LabelToken[] Labels, Evaluator? Properties, string Variable, PropertyEntry[]? Entries = null);

/// <summary>One relationship of a CREATE/MERGE pattern, from the node in FromSlot to the node in ToSlot.</summary>
public sealed record CreateRelSpec(int Slot, RelTypeToken Type, int FromSlot, int ToSlot, Evaluator? Properties, string Variable, PropertyEntry[]? Entries = null);

/// <summary>One key of a literal property map (keys distinct), with its value's evaluator.</summary>
public sealed record PropertyEntry(PropertyKey Key, Evaluator Value)
{
    /// <summary>The storable properties of a row, null values left out.</summary>
    public static KeyValuePair<int, object>[] Evaluate(PropertyEntry[] entries, object?[] row, QueryContext ctx)
    {
        var result = new KeyValuePair<int, object>[entries.Length];
        var count = 0;
        foreach (var e in entries)
        {
            var stored = PropertyValues.ToStorable(e.Value(row, ctx), e.Key.Name, ctx);
            if (stored is not null) result[count++] = new(e.Key.GetOrCreate(ctx.Tokens), stored);
        }
        if (count < result.Length) Array.Resize(ref result, count);
        return result;
    }
}

/// <summary>A pattern to create: nodes in order, then relationships, then named paths.</summary>
public sealed record CreatePattern(CreateNodeSpec[] Nodes, CreateRelSpec[] Relationships, (int Slot, PathBuilder Builder)[] Paths)
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

public sealed class CreateOp(PlanOperator source, CreatePattern pattern, string description) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        foreach (var row in source.Execute(ctx, argument))
        {
            ctx.Tick();
            // the property values are copied into the store (and counted there); the row keeps only the new entities
            var mark = ctx.Memory.Values;
            var created = pattern.Create(row, ctx);
            ctx.Memory.ReleaseValuesTo(mark);
            yield return created;
        }
    }

    public override string Describe() => $"Create({description})";
    public override IEnumerable<PlanOperator> Children => [source];
}

/// <summary>A SET or REMOVE item, applied to a row.</summary>
public delegate void SetAction(object?[] row, QueryContext ctx);

public sealed class SetOp(PlanOperator source, SetAction[] actions, string description) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        foreach (var row in source.Execute(ctx, argument))
        {
            ctx.Tick();
            var mark = ctx.Memory.Values;
            foreach (var a in actions) a(row, ctx);
            ctx.Memory.ReleaseValuesTo(mark);
            yield return row;
        }
    }

    public override string Describe() => $"SetProperties({description})";
    public override IEnumerable<PlanOperator> Children => [source];
}

/// <summary>DELETE / DETACH DELETE: evaluates the targets of all rows, then deletes relationships before nodes.</summary>
public sealed class DeleteOp(PlanOperator source, Evaluator[] targets, bool detach) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        using var account = ctx.Memory.Open("the rows DELETE works on");
        var rows = new List<object?[]>();
        var values = new List<object?>();
        foreach (var row in source.Execute(ctx, argument))
        {
            ctx.Tick();
            account.KeepRow(row);
            rows.Add(row);
            var mark = ctx.Memory.Values;
            foreach (var t in targets)
            {
                var target = t(row, ctx);
                account.Keep(target, 8);
                values.Add(target);
            }
            ctx.Memory.ReleaseValuesTo(mark);
        }
        GraphWriter.Delete(ctx, values, detach);
        foreach (var row in rows) yield return row;
    }

    public override string Describe() => detach ? "DetachDelete" : "Delete";
    public override IEnumerable<PlanOperator> Children => [source];
}

/// <summary>
/// MERGE: for each row, runs the match plan (with the row as argument); if it finds nothing, creates the pattern.
/// Rows are processed one at a time so a later row sees what an earlier one created.
/// </summary>
public sealed class MergeOp(PlanOperator source, PlanOperator match, CreatePattern create, SetAction[] onCreate, SetAction[] onMatch, string description) : PlanOperator
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
