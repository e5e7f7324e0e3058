using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// shortestPath / allShortestPaths between two bound nodes: breadth-first search over the allowed
/// relationship types and direction, bounded by the pattern's maximum length (or the engine's cap).
/// </summary>
internal sealed class ShortestPathOp(PlanOperator source, int fromSlot, int toSlot, int relSlot, int pathSlot, Direction direction,
    RelTypeFilter types, int min, int? max, bool all, Evaluator? relPredicate, int relPredicateSlot, string description) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        var limit = max ?? ctx.Options.MaxVariableLengthDepth;
        foreach (var row in source.Execute(ctx, argument))
        {
            if (row[fromSlot] is not NodeValue from || row[toSlot] is not NodeValue to) continue;
            var typeIds = types.Resolve(ctx);
            foreach (var rels in Search(ctx, row, from.Id, to.Id, typeIds, limit))
            {
                var nodes = new NodeValue[rels.Count + 1];
                nodes[0] = from;
                for (var i = 0; i < rels.Count; i++) nodes[i + 1] = new NodeValue(rels[i].OtherEnd(nodes[i].Id));
                var copy = (object?[])row.Clone();
                if (relSlot >= 0) copy[relSlot] = rels.Cast<object?>().ToList();
                if (pathSlot >= 0) copy[pathSlot] = new PathValue(nodes, rels.ToArray());
                yield return copy;
                if (!all) break;
            }
        }
    }

    private IEnumerable<List<RelValue>> Search(QueryContext ctx, object?[] row, long from, long to, IReadOnlyList<int>? typeIds, int limit)
    {
        if (from == to)
        {
            if (min == 0) yield return [];
            yield break;
        }
        if (typeIds is { Count: 0 }) yield break;
        using var account = ctx.Memory.Open("the nodes a shortest-path search has reached");
        if (!all)
        {
            var single = Bidirectional(ctx, row, from, to, typeIds, limit, account);
            if (single is not null) yield return single;
            yield break;
        }
        // parents[node] = relationships reaching it from the previous level (all of them for allShortestPaths)
        var parents = new Dictionary<long, List<RelValue>> { [from] = [] };
        var frontier = new List<long> { from };
        var found = false;
        for (var depth = 1; depth <= limit && frontier.Count > 0 && !found; depth++)
        {
            var next = new Dictionary<long, List<RelValue>>();
            foreach (var node in frontier)
            {
                foreach (var r in ctx.Tx.Relationships(node, direction, typeIds))
                {
                    ctx.Tick();
                    var other = r.OtherEnd(node);
                    if (parents.ContainsKey(other)) continue;
                    var rel = QueryContext.Rel(r);
                    if (relPredicate is not null)
                    {
                        var probe = (object?[])row.Clone();
                        probe[relPredicateSlot] = rel;
                        if (!Passes(probe, ctx)) continue;
                    }
                    if (!next.TryGetValue(other, out var list))
                    {
                        next[other] = list = [];
                        account.Reserve(ValueSize.DictionaryEntry + ValueSize.List(4) + 8);
                    }
                    if (all || list.Count == 0)
                    {
                        list.Add(rel);
                        account.Reserve(ValueSize.Relationship + 8);
                    }
                    if (other == to) found = true;
                }
            }
            foreach (var (node, rels) in next) parents[node] = rels;
            frontier = next.Keys.ToList();
        }
        if (!found) yield break;
        foreach (var path in Unwind(parents, from, to, ctx)) yield return path;
    }

    /// <summary>The relationship predicate on a probe row; what it builds is garbage once it has answered.</summary>
    private bool Passes(object?[] probe, QueryContext ctx)
    {
        var mark = ctx.Memory.Values;
        var passes = relPredicate!(probe, ctx) is true;
        ctx.Memory.ReleaseValuesTo(mark);
        return passes;
    }

    private static Direction Reverse(Direction d) => d switch
    {
        Direction.Outgoing => Direction.Incoming,
        Direction.Incoming => Direction.Outgoing,
        _ => Direction.Both,
    };

    /// <summary>
    /// One shortest path by breadth-first search from both ends at once, always growing the smaller frontier:
    /// touches far fewer relationships than a one-sided search on large graphs.
    /// </summary>
    private List<RelValue>? Bidirectional(QueryContext ctx, object?[] row, long from, long to, IReadOnlyList<int>? typeIds, int limit, MemoryAccount account)
    {
        var parentsF = new Dictionary<long, RelValue?> { [from] = null };
        var parentsB = new Dictionary<long, RelValue?> { [to] = null };
        var frontierF = new List<long> { from };
        var frontierB = new List<long> { to };
        var depthF = 0;
        var depthB = 0;
        object?[]? probe = relPredicate is null ? null : (object?[])row.Clone();
        while (frontierF.Count > 0 && frontierB.Count > 0 && depthF + depthB < limit)
        {
            var forward = frontierF.Count <= frontierB.Count;
            var frontier = forward ? frontierF : frontierB;
            var parents = forward ? parentsF : parentsB;
            var others = forward ? parentsB : parentsF;
            var dir = forward ? direction : Reverse(direction);
            var next = new List<long>();
            long meet = -1;
            RelValue? meetRel = null;
            foreach (var node in frontier)
            {
                foreach (var r in ctx.Tx.Relationships(node, dir, typeIds))
                {
                    ctx.Tick();
                    var other = r.OtherEnd(node);
                    if (parents.ContainsKey(other)) continue;
                    var rel = QueryContext.Rel(r);
                    if (probe is not null)
                    {
                        probe[relPredicateSlot] = rel;
                        if (!Passes(probe, ctx)) continue;
                    }
                    parents[other] = rel;
                    account.Reserve(ValueSize.DictionaryEntry + ValueSize.Relationship + 8);
                    if (others.ContainsKey(other))
                    {
                        meet = other;
                        meetRel = rel;
                        break;
                    }
                    next.Add(other);
                }
                if (meet >= 0) break;
            }
            if (forward) depthF++; else depthB++;
            if (meet >= 0)
            {
                var path = new List<RelValue>();
                for (var n = meet; parentsF[n] is { } pr; n = pr.OtherEnd(n)) path.Add(pr);
                path.Reverse();
                for (var n = meet; parentsB[n] is { } pr; n = pr.OtherEnd(n)) path.Add(pr);
                return path.Count >= min ? path : null;
            }
            if (forward) frontierF = next; else frontierB = next;
        }
        return null;
    }

    /// <summary>
    /// Every path from <paramref name="from"/> to <paramref name="to"/> through the recorded parents, depth-first with an
    /// explicit stack: a path can be as long as the pattern's upper bound, and there can be very many of them.
    /// </summary>
    private static IEnumerable<List<RelValue>> Unwind(Dictionary<long, List<RelValue>> parents, long from, long to, QueryContext ctx)
    {
        if (to == from)
        {
            yield return [];
            yield break;
        }
        var nodes = new List<long> { to };
        var next = new List<int> { 0 };
        var chosen = new List<RelValue>(); // chosen[i] leads into nodes[i] from nodes[i + 1]
        while (nodes.Count > 0)
        {
            ctx.Tick();
            var top = nodes.Count - 1;
            var candidates = parents[nodes[top]];
            if (next[top] == candidates.Count)
            {
                nodes.RemoveAt(top);
                next.RemoveAt(top);
                if (chosen.Count > 0) chosen.RemoveAt(chosen.Count - 1);
                continue;
            }
            var rel = candidates[next[top]++];
            var previous = rel.OtherEnd(nodes[top]);
            if (previous == from)
            {
                var path = new List<RelValue>(chosen.Count + 1) { rel };
                for (var i = chosen.Count - 1; i >= 0; i--) path.Add(chosen[i]);
                yield return path;
                continue;
            }
            chosen.Add(rel);
            nodes.Add(previous);
            next.Add(0);
        }
    }

    public override string Describe() => $"{(all ? "AllShortestPaths" : "ShortestPath")}({description})";
    public override IEnumerable<PlanOperator> Children => [source];
}
