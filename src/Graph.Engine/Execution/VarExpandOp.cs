using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// Variable-length hop: (from)-[rels:TYPES*min..max]->(to), depth-first with relationship uniqueness per path.
/// An unbounded pattern stops with a clear error when a path would exceed EngineOptions.MaxVariableLengthDepth.
/// With <paramref name="distinctEnds"/> (planned only when nothing downstream counts rows or reads the relationships:
/// <c>count(DISTINCT b)</c> right after the MATCH) each end node is produced once per input row, by its first path.
/// </summary>
internal sealed class VarExpandOp(PlanOperator source, int fromSlot, int relSlot, int toSlot, Direction direction, RelTypeFilter types,
    int min, int? max, bool toBound, int[] otherRelSlots, Evaluator? relPredicate, int relPredicateSlot, bool reverseList, bool boundList, string description,
    bool distinctEnds = false) : PlanOperator
{
    /// <summary>
    /// False when nothing reads the relationship list (an anonymous last hop of a MATCH without path variables): the
    /// search then keeps relationship ids only, and a row gets its end node without a list of relationships.
    /// </summary>
    public bool BindPath
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    } = true;

    /// <summary>
    /// Yield one buffer, overwritten for every row, instead of a copy per row (see <see cref="ExpandOp.ReuseRows"/>: set by
    /// the planner only below operators that finish with a row before asking for the next and keep no reference to it).
    /// </summary>
    public bool ReuseRows
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    }

    /// <summary>
    /// Labels an end node must have to be produced, checked here instead of by a label filter above (set by the planner
    /// for an unbound far node with labels only). Nodes in the middle of a path are followed whatever their labels.
    /// </summary>
    public LabelToken[] TargetLabels
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    } = [];

    /// <summary>The planner's count of nodes with the rarest of <see cref="TargetLabels"/> (-1: unknown), for <see cref="LabelMembership"/>.</summary>
    public long TargetLabelCount
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    } = -1;

    /// <summary>
    /// Remember each end's label check in a <see cref="LabelMembership"/> for the rest of the execution (read-only
    /// statements only: labels cannot change meanwhile). Ends reached by several paths or from several rows are then
    /// looked up once, and a large reach reads the label's nodes in one scan.
    /// </summary>
    public bool CacheLabelChecks
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    }

    /// <summary>
    /// Set by the planner when the consumer of the distinct ends ignores their order as well as their repetitions
    /// (only counts, such as count(DISTINCT b); min and max keep the first of tied values): the ends may then be found breadth-first (<see cref="BreadthFirstReach"/>), where
    /// its conditions hold (<see cref="SearchesBreadthFirst"/>).
    /// </summary>
    public bool EndOrderIgnored
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    }

    /// <summary>
    /// True when the ends are found breadth-first for (nearly) every start: distinct ends in any order, nothing reads the
    /// relationships, no predicate on them, a finite upper bound and a lower bound of 0 or 1. In both directions with
    /// an upper bound above 2 and a lower bound of 1, only starts that fail the ends' label check are searched so.
    /// </summary>
    private bool SearchesBreadthFirst => EndOrderIgnored && distinctEnds && !BindPath && !toBound && !boundList && relPredicate is null
        && otherRelSlots.Length == 0 && min <= 1 && max is >= 1;

    /// <summary>
    /// The pattern for <see cref="ReachCountOp"/> when this expand finds its distinct ends breadth-first for every start
    /// (so never falls back to the depth-first search), else null.
    /// </summary>
    internal ReachPattern? CountableReach() =>
        SearchesBreadthFirst && BreadthFirstReach.AppliesToAnyStart(min, max!.Value, direction)
            ? new ReachPattern(source, fromSlot, toSlot, direction, types, min, max.Value, TargetLabels, CacheLabelChecks ? TargetLabelCount : null,
                description + (TargetLabels.Length == 0 ? "" : " checking " + string.Join("", TargetLabels.Select(l => ":" + l.Name))))
            : null;

    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        var cap = ctx.Options.MaxVariableLengthDepth;
        var limit = max ?? cap;
        using var account = ctx.Memory.Open("the paths a variable-length pattern is following");
        object?[]? buffer = null;
        using var levels = new SearchLevels();
        EntityIdSet? ends = null; // distinct ends: reused from one input row to the next
        var labels = TargetLabels.Length == 0 ? null : new EndLabelCheck(TargetLabels, CacheLabelChecks ? TargetLabelCount : null, distinctEnds);
        using var reach = SearchesBreadthFirst ? BreadthFirstReach.Rent(account) : null;
        foreach (var row in source.Execute(ctx, argument))
        {
            if (row[fromSlot] is not NodeValue from) continue;
            var typeIds = types.Resolve(ctx);
            long? target = null;
            if (toBound)
            {
                if (row[toSlot] is not NodeValue t) continue;
                target = t.Id;
            }
            if (boundList)
            {
                if (FollowBoundList(ctx, row, from.Id, typeIds, target) is { } end)
                {
                    yield return toBound ? row : With(row, toSlot, new NodeValue(end));
                }
                continue;
            }
            var excluded = CollectExcluded(row);
            labels?.NextRow();
            var breadthFirst = reach is not null && (BreadthFirstReach.AppliesToAnyStart(min, limit, direction)
                || BreadthFirstReach.Applies(min, limit, direction, startMayEnd: labels is null || labels.Has(from.Id, ctx)));
            // the breadth-first search keeps its own set of the nodes it has seen
            var emitted = distinctEnds && !breadthFirst ? ends ??= new EntityIdSet() : null;
            emitted?.Clear();
            var heldAtStart = account.Held;
            if (min == 0 && (target is null || target == from.Id) && (labels is null || labels.Has(from.Id, ctx)) && (emitted is null || emitted.Add(from.Id)))
            {
                yield return Bind(row, NoPath, from.Id, ref buffer);
            }
            if (typeIds is { Count: 0 } || limit < 1) continue;

            if (breadthFirst)
            {
                // what the search keeps (its bitmap, its found lists) is counted once for the whole execution
                reach!.Start(from.Id, min, limit, direction);
                while (reach.NextLevel(ctx, typeIds))
                {
                    var found = reach.Found;
                    labels?.Expect(found.Count);
                    for (var i = 0; i < found.Count; i++)
                    {
                        reach.PrefetchAhead(ctx, i);
                        if (labels is null || labels.Has(found[i], ctx)) yield return Bind(row, NoPath, found[i], ref buffer);
                    }
                }
                if (reach.StartIsEnd && (labels is null || labels.Has(from.Id, ctx))) yield return Bind(row, NoPath, from.Id, ref buffer);
                continue;
            }

            var path = new List<RelValue>();
            var pathIds = new List<long>(); // the ids of the path's relationships (the path itself only when bound)
            // relationship uniqueness along the path: a short path (the upper bound) is searched, a long one hashed
            var used = limit > ShortPath ? new HashSet<long>() : null;
            // the search's levels: a node and its relationships, read in one call, and the next one to try
            levels.Clear();
            levels.Push(ctx, from.Id, direction, typeIds, prefetchEnds: true);
            account.Reserve(LevelBytes);
            while (levels.Count > 0)
            {
                ctx.Tick();
                if (!levels.TryNext(out var node, out var r))
                {
                    levels.Pop();
                    account.Release(LevelBytes);
                    if (pathIds.Count > 0)
                    {
                        used?.Remove(pathIds[^1]);
                        pathIds.RemoveAt(pathIds.Count - 1);
                        if (BindPath) path.RemoveAt(path.Count - 1);
                    }
                    continue;
                }
                if ((used?.Contains(r.Id) ?? pathIds.Contains(r.Id)) || (excluded is not null && excluded.Contains(r.Id))) continue;
                RelValue? rel = null;
                if (relPredicate is not null && !RelPasses(row, rel = QueryContext.Rel(r), ctx)) continue;
                var next = r.OtherEnd(node);
                var depth = pathIds.Count + 1;
                if (depth > limit)
                {
                    if (max is null)
                        throw CypherErrors.Failed(
                            $"A variable-length pattern without an upper bound ({description}) went deeper than {cap} hops. " +
                            $"Give it an upper bound (for example *..{cap}) or raise EngineOptions.MaxVariableLengthDepth.");
                    continue;
                }
                var emit = depth >= min && (target is null || target == next) && (emitted is null || !emitted.Contains(next))
                    && (labels is null || labels.Has(next, ctx));
                // at the upper bound nothing below can match, so the far node's relationships are not read
                var atMax = max is not null && depth >= limit;
                if (atMax && !emit) continue;
                if (BindPath) path.Add(rel ?? QueryContext.Rel(r));
                pathIds.Add(r.Id);
                used?.Add(r.Id);
                if (emit)
                {
                    if (emitted?.Add(next) == true) account.Reserve(ValueSize.SetEntry);
                    yield return Bind(row, path, next, ref buffer);
                }
                if (atMax)
                {
                    used?.Remove(r.Id);
                    pathIds.RemoveAt(pathIds.Count - 1);
                    if (BindPath) path.RemoveAt(path.Count - 1);
                    continue;
                }
                levels.Push(ctx, next, direction, typeIds, prefetchEnds: true);
                account.Reserve(LevelBytes);
            }
            account.Release(account.Held - heldAtStart);
        }
    }

    /// <summary>A relationship list bound earlier ([rs*] after WITH [r1, r2] AS rs): it must form a path from the start node.</summary>
    private long? FollowBoundList(QueryContext ctx, object?[] row, long from, IReadOnlyList<int>? typeIds, long? target)
    {
        if (row[relSlot] is not IReadOnlyList<object?> list) return null;
        if (list.Count < min || (max is { } m && list.Count > m)) return null;
        var node = from;
        var seen = new HashSet<long>();
        var rels = reverseList ? list.Reverse() : list;
        foreach (var item in rels)
        {
            if (item is not RelValue r || !seen.Add(r.Id)) return null;
            if (typeIds is not null && !typeIds.Contains(r.Type)) return null;
            var ok = direction switch
            {
                Direction.Outgoing => r.Start == node,
                Direction.Incoming => r.End == node,
                _ => r.Start == node || r.End == node,
            };
            if (!ok) return null;
            if (relPredicate is not null && !RelPasses(row, r, ctx)) return null;
            node = r.OtherEnd(node);
        }
        return target is null || target == node ? node : null;
    }

    private bool RelPasses(object?[] row, RelValue rel, QueryContext ctx)
    {
        var copy = (object?[])row.Clone();
        copy[relPredicateSlot] = rel;
        var mark = ctx.Memory.Values;
        var passes = relPredicate!(copy, ctx) is true;
        ctx.Memory.ReleaseValuesTo(mark);
        return passes;
    }

    /// <summary>The path of a row whose relationships nothing reads (never changed).</summary>
    private static readonly List<RelValue> NoPath = [];

    /// <summary>Paths up to this many relationships check uniqueness by searching the path's ids instead of a set.</summary>
    private const int ShortPath = 8;

    /// <summary>One level of the depth-first search: the stack entry, its relationships' list, the path element and the used-set entry.</summary>
    private const long LevelBytes = 160;

    private HashSet<long>? CollectExcluded(object?[] row)
    {
        if (otherRelSlots.Length == 0) return null;
        var set = new HashSet<long>();
        foreach (var s in otherRelSlots)
        {
            switch (row[s])
            {
                case RelValue r: set.Add(r.Id); break;
                case IReadOnlyList<object?> list:
                    foreach (var x in list) if (x is RelValue lr) set.Add(lr.Id);
                    break;
            }
        }
        return set;
    }

    private object?[] Bind(object?[] row, List<RelValue> path, long end, ref object?[]? buffer)
    {
        object?[] copy;
        if (ReuseRows)
        {
            if (buffer is null || buffer.Length != row.Length) buffer = new object?[row.Length];
            Array.Copy(row, buffer, row.Length);
            copy = buffer;
        }
        else copy = (object?[])row.Clone();
        if (BindPath)
        {
            var list = path.Cast<object?>().ToList();
            if (reverseList) list.Reverse();
            copy[relSlot] = list;
        }
        if (!toBound) copy[toSlot] = new NodeValue(end);
        return copy;
    }

    public override string Describe()
    {
        var how = (distinctEnds ? "distinct ends" : "") + (BindPath ? "" : (distinctEnds ? ", " : "") + "ends only")
            + (SearchesBreadthFirst ? ", breadth-first" : "");
        var checking = TargetLabels.Length == 0 ? "" : " checking " + string.Join("", TargetLabels.Select(l => ":" + l.Name));
        return $"VarLengthExpand{(how.Length == 0 ? "" : $"({how})")}({description}{checking})";
    }
    public override IEnumerable<PlanOperator> Children => [source];
}
