using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>For each input row, binds a slot to every node (optionally of a label).</summary>
public sealed class NodeScanOp(PlanOperator source, int slot, LabelToken? label, string variable) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        foreach (var row in source.Execute(ctx, argument))
        {
            IEnumerable<long> nodes;
            if (label is null) nodes = ctx.Tx.AllNodes();
            else
            {
                var id = label.Id(ctx.Tokens);
                if (id < 0) continue;
                nodes = ctx.Tx.NodesWithLabel(id);
            }
            foreach (var n in nodes)
            {
                ctx.Tick();
                yield return With(row, slot, new NodeValue(n));
            }
        }
    }

    public override string Describe() => label is null ? $"AllNodesScan({variable})" : $"NodeByLabelScan({variable}:{label.Name})";
    public override IEnumerable<PlanOperator> Children => [source];
}

/// <summary>Binds a slot to the nodes with label and property equal to a value: a seek when storage has an index.</summary>
public sealed class NodeIndexSeekOp(PlanOperator source, int slot, LabelToken label, PropertyKey key, Evaluator value, string variable) : PlanOperator
{

    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        foreach (var row in source.Execute(ctx, argument))
        {
            var labelId = label.Id(ctx.Tokens);
            var keyId = key.Id(ctx.Tokens);
            if (labelId < 0 || keyId < 0) continue;
            var mark = ctx.Memory.Values;
            var v = PropertyValues.ToStorableOrNull(value(row, ctx), ctx);
            ctx.Memory.ReleaseValuesTo(mark);
            if (v is null) continue;
            // under PROFILE, how many seeks went through a real index (tests assert the planner picked the seek)
            if (ctx.Profile is { } profile && ctx.Tx.HasIndex(labelId, keyId)) profile.For(this).IndexedSeeks++;
            foreach (var n in ctx.Tx.NodesByProperty(labelId, keyId, v))
            {
                ctx.Tick();
                yield return With(row, slot, new NodeValue(n));
            }
        }
    }

    public override string Describe() => $"NodeIndexSeek({variable}:{label.Name} {{{key.Name}}})";
    public override IEnumerable<PlanOperator> Children => [source];
}

/// <summary>Checks that a slot bound earlier holds a node with the given labels (re-used pattern variable).</summary>
public sealed class NodeCheckOp(PlanOperator source, int slot, LabelToken[] labels, string variable) : PlanOperator
{
    /// <summary>The labels checked (none: the slot must just hold a node).</summary>
    public IReadOnlyList<LabelToken> Labels => labels;

    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        foreach (var row in source.Execute(ctx, argument))
        {
            if (row[slot] is not NodeValue n) continue;
            var ok = true;
            foreach (var l in labels)
                if (!ctx.NodeHasLabel(n, l)) { ok = false; break; }
            if (!ok) continue;
            yield return row;
        }
    }

    public override string Describe() => $"NodeCheck({variable})";
    public override IEnumerable<PlanOperator> Children => [source];
}

/// <summary>
/// Relationship types of a pattern resolved against the store; unknown types match nothing. With a type expression
/// (<c>[:!R]</c>, <c>[:%]</c>) the types are every type the store knows that satisfies it.
/// </summary>
public sealed class RelTypeFilter(RelTypeToken[] types, Func<string, bool>? predicate = null, string? expressionText = null)
{
    public RelTypeToken[] Types { get; } = types;

    private int[]? _resolved;
    private Resolution? _byPredicate;

    private sealed record Resolution(int KnownTypes, int[] Ids);

    /// <summary>null: all types; empty: nothing can match. Cached once every type exists (tokens are never removed).</summary>
    public IReadOnlyList<int>? Resolve(QueryContext ctx)
    {
        if (predicate is not null) return ResolveExpression(ctx);
        if (Types.Length == 0) return null;
        if (_resolved is not null) return _resolved;
        var ids = new List<int>(Types.Length);
        foreach (var t in Types)
        {
            var id = t.Id(ctx.Tokens);
            if (id >= 0) ids.Add(id);
        }
        if (ids.Count == Types.Length) _resolved = ids.ToArray();
        return ids;
    }

    /// <summary>The known types satisfying the expression; computed again when a new type appears.</summary>
    private int[] ResolveExpression(QueryContext ctx)
    {
        var all = ctx.Tokens.AllRelationshipTypes;
        if (_byPredicate is { } cached && cached.KnownTypes == all.Count) return cached.Ids;
        var ids = all.Where(predicate!).Select(ctx.Tokens.RelationshipTypeId).Where(id => id >= 0).ToArray();
        _byPredicate = new Resolution(all.Count, ids);
        return ids;
    }

    public override string ToString() =>
        expressionText is not null ? ":" + expressionText : Types.Length == 0 ? "" : ":" + string.Join("|", Types.Select(t => t.Name));
}

/// <summary>One hop: (from)-[rel:TYPES]->(to). Skips relationships already used by the same pattern.</summary>
public sealed class ExpandOp(PlanOperator source, int fromSlot, int relSlot, int toSlot, Direction direction, RelTypeFilter types,
    bool toBound, bool relBound, int[] otherRelSlots, string description) : PlanOperator
{
    /// <summary>
    /// Yield one buffer, overwritten for every row, instead of a copy per row. Set by the planner only when every
    /// operator above up to the consumer finishes with a row before asking for the next and keeps no reference to it
    /// (filters, label checks, further expands, an aggregation).
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

    /// <summary>False when nothing reads the relationship (an anonymous last hop): the slot is left unset, saving an allocation per row.</summary>
    public bool BindRelationship
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    } = true;

    /// <summary>False when nothing reads the far node (an anonymous end of the last hop, its labels checked here).</summary>
    public bool BindTarget
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    } = true;

    /// <summary>Labels the far node must have, checked before a row is produced (instead of a NodeCheck above).</summary>
    public LabelToken[] TargetLabels
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    } = [];

    public bool TargetBound => toBound;

    /// <summary>
    /// Remember each node's label check for the rest of the scan (read-only statements: labels cannot change meanwhile).
    /// A popular node reached from thousands of relationships is then looked up once.
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

    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        object?[]? buffer = null;
        LabelCheckCache? labelCache = null;
        var uncachedChecks = 0;
        foreach (var row in source.Execute(ctx, argument))
        {
            if (row[fromSlot] is not NodeValue from) continue;
            var typeIds = types.Resolve(ctx);
            if (typeIds is { Count: 0 }) continue;
            if (relBound)
            {
                if (row[relSlot] is not RelValue bound) continue;
                if (!Connects(bound, from.Id, direction) || (typeIds is not null && !typeIds.Contains(bound.Type))) continue;
                if (Used(row, bound.Id)) continue;
                var end = bound.OtherEnd(from.Id);
                if (toBound ? row[toSlot] is NodeValue t && t.Id == end : true)
                {
                    yield return toBound ? row : With(row, toSlot, new NodeValue(end));
                }
                continue;
            }
            var targetId = toBound ? (row[toSlot] as NodeValue)?.Id : null;
            if (toBound && targetId is null) continue;
            if (ReuseRows)
            {
                if (buffer is null || buffer.Length != row.Length) buffer = new object?[row.Length];
                Array.Copy(row, buffer, row.Length);
            }
            foreach (var r in Candidates(ctx, from.Id, targetId, typeIds))
            {
                ctx.Tick();
                var other = r.OtherEnd(from.Id);
                // read from either side: the relationship must join exactly these two nodes
                if (targetId is { } target && (other != target || r.OtherEnd(target) != from.Id)) continue;
                if (otherRelSlots.Length > 0 && Used(row, r.Id)) continue;
                if (TargetLabels.Length > 0)
                {
                    // a small expansion checks directly; a large one remembers (two bitmaps cost more than a few lookups)
                    if (labelCache is null && CacheLabelChecks && ++uncachedChecks > 256) labelCache = new LabelCheckCache();
                    if (!(labelCache?.Check(other, ctx, this) ?? HasLabels(ctx, other))) continue;
                }
                var copy = buffer ?? (object?[])row.Clone();
                if (BindRelationship) copy[relSlot] = QueryContext.Rel(r);
                if (!toBound && BindTarget) copy[toSlot] = new NodeValue(other);
                yield return copy;
            }
        }
    }

    /// <summary>
    /// The relationships to try from a node. Into a bound target, the side with the smaller degree is read
    /// (a claim with thousands of participants is checked from the expert's few stances, or the other way round).
    /// </summary>
    private IEnumerable<RelationshipRef> Candidates(QueryContext ctx, long from, long? target, IReadOnlyList<int>? typeIds)
    {
        if (target is { } to && to != from)
        {
            var reverse = direction switch { Direction.Outgoing => Direction.Incoming, Direction.Incoming => Direction.Outgoing, _ => Direction.Both };
            if (ctx.Tx.Degree(to, reverse, typeIds) < ctx.Tx.Degree(from, direction, typeIds))
                return ctx.Tx.Relationships(to, reverse, typeIds);
        }
        return ctx.Tx.Relationships(from, direction, typeIds);
    }

    /// <summary>Two bitmaps over node ids: checked already, and the result.</summary>
    private sealed class LabelCheckCache
    {
        private ulong[] _known = new ulong[1024];
        private ulong[] _has = new ulong[1024];

        public bool Check(long node, QueryContext ctx, ExpandOp op)
        {
            if (node < 0 || node >= 1L << 36) return op.HasLabels(ctx, node);
            var word = (int)(node >> 6);
            var bit = 1UL << (int)(node & 63);
            if (word >= _known.Length)
            {
                var size = _known.Length;
                while (size <= word) size *= 2;
                Array.Resize(ref _known, size);
                Array.Resize(ref _has, size);
            }
            if ((_known[word] & bit) != 0) return (_has[word] & bit) != 0;
            var has = op.HasLabels(ctx, node);
            _known[word] |= bit;
            if (has) _has[word] |= bit;
            return has;
        }
    }

    private bool HasLabels(QueryContext ctx, long node)
    {
        foreach (var l in TargetLabels)
            if (!ctx.NodeHasLabel(node, l)) return false;
        return true;
    }

    public override string Describe()
    {
        var labels = TargetLabels.Length == 0 ? "" : " checking " + string.Join("", TargetLabels.Select(l => ":" + l.Name));
        return toBound && !relBound ? $"Expand(Into)({description})" : $"Expand({description}{labels})";
    }

    private static bool Connects(RelValue r, long node, Direction direction) => direction switch
    {
        Direction.Outgoing => r.Start == node,
        Direction.Incoming => r.End == node,
        _ => r.Start == node || r.End == node,
    };

    private bool Used(object?[] row, long relId)
    {
        foreach (var s in otherRelSlots)
        {
            switch (row[s])
            {
                case RelValue r when r.Id == relId: return true;
                case IReadOnlyList<object?> list:
                    foreach (var x in list) if (x is RelValue lr && lr.Id == relId) return true;
                    break;
            }
        }
        return false;
    }

    public override IEnumerable<PlanOperator> Children => [source];
}

/// <summary>
/// Variable-length hop: (from)-[rels:TYPES*min..max]->(to), depth-first with relationship uniqueness per path.
/// An unbounded pattern stops with a clear error when a path would exceed EngineOptions.MaxVariableLengthDepth.
/// With <paramref name="distinctEnds"/> (planned only when nothing downstream counts rows or reads the relationships:
/// <c>count(DISTINCT b)</c> right after the MATCH) each end node is produced once per input row, by its first path.
/// </summary>
public sealed class VarExpandOp(PlanOperator source, int fromSlot, int relSlot, int toSlot, Direction direction, RelTypeFilter types,
    int min, int? max, bool toBound, int[] otherRelSlots, Evaluator? relPredicate, int relPredicateSlot, bool reverseList, bool boundList, string description,
    bool distinctEnds = false) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        var cap = ctx.Options.MaxVariableLengthDepth;
        var limit = max ?? cap;
        using var account = ctx.Memory.Open("the paths a variable-length pattern is following");
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
            var emitted = distinctEnds ? new HashSet<long>() : null;
            var heldAtStart = account.Held;
            if (min == 0 && (target is null || target == from.Id) && (emitted is null || emitted.Add(from.Id)))
            {
                yield return Bind(row, [], from.Id);
            }
            if (typeIds is { Count: 0 } || limit < 1) continue;

            var path = new List<RelValue>();
            var used = new HashSet<long>();
            var stack = new Stack<(long Node, IEnumerator<RelationshipRef> Rels)>();
            stack.Push((from.Id, ctx.Tx.Relationships(from.Id, direction, typeIds).GetEnumerator()));
            account.Reserve(LevelBytes);
            while (stack.Count > 0)
            {
                ctx.Tick();
                var (node, rels) = stack.Peek();
                if (!rels.MoveNext())
                {
                    rels.Dispose();
                    stack.Pop();
                    account.Release(LevelBytes);
                    if (path.Count > 0)
                    {
                        used.Remove(path[^1].Id);
                        path.RemoveAt(path.Count - 1);
                    }
                    continue;
                }
                var r = rels.Current;
                if (used.Contains(r.Id) || (excluded is not null && excluded.Contains(r.Id))) continue;
                RelValue? rel = null;
                if (relPredicate is not null && !RelPasses(row, rel = QueryContext.Rel(r), ctx)) continue;
                var next = r.OtherEnd(node);
                var depth = path.Count + 1;
                if (depth > limit)
                {
                    if (max is null)
                        throw CypherErrors.Failed(
                            $"A variable-length pattern without an upper bound ({description}) went deeper than {cap} hops. " +
                            $"Give it an upper bound (for example *..{cap}) or raise EngineOptions.MaxVariableLengthDepth.");
                    continue;
                }
                var emit = depth >= min && (target is null || target == next) && (emitted is null || !emitted.Contains(next));
                // at the upper bound nothing below can match, so the far node's relationships are not read
                var atMax = max is not null && depth >= limit;
                if (atMax && !emit) continue;
                path.Add(rel ?? QueryContext.Rel(r));
                used.Add(r.Id);
                if (emit)
                {
                    if (emitted?.Add(next) == true) account.Reserve(ValueSize.SetEntry);
                    yield return Bind(row, path, next);
                }
                if (atMax)
                {
                    used.Remove(r.Id);
                    path.RemoveAt(path.Count - 1);
                    continue;
                }
                stack.Push((next, ctx.Tx.Relationships(next, direction, typeIds).GetEnumerator()));
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

    /// <summary>One level of the depth-first search: the stack entry, its enumerator, the path element and the used-set entry.</summary>
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

    private object?[] Bind(object?[] row, List<RelValue> path, long end)
    {
        var copy = (object?[])row.Clone();
        var list = path.Cast<object?>().ToList();
        if (reverseList) list.Reverse();
        copy[relSlot] = list;
        if (!toBound) copy[toSlot] = new NodeValue(end);
        return copy;
    }

    public override string Describe() => distinctEnds ? $"VarLengthExpand(distinct ends)({description})" : $"VarLengthExpand({description})";
    public override IEnumerable<PlanOperator> Children => [source];
}

/// <summary>Builds a path value from the pattern's node slots and relationship slots (single or lists).</summary>
public sealed class PathBuilder(int[] nodeSlots, int[] relSlots, bool[] relIsList)
{
    public PathValue Build(object?[] row)
    {
        var nodes = new List<NodeValue>();
        var rels = new List<RelValue>();
        if (row[nodeSlots[0]] is not NodeValue current) return null!;
        nodes.Add(current);
        for (var i = 0; i < relSlots.Length; i++)
        {
            IEnumerable<RelValue> segment = relIsList[i]
                ? ((IReadOnlyList<object?>)row[relSlots[i]]!).Cast<RelValue>()
                : [(RelValue)row[relSlots[i]]!];
            foreach (var r in segment)
            {
                rels.Add(r);
                current = new NodeValue(r.OtherEnd(current.Id));
                nodes.Add(current);
            }
            // a zero-length segment keeps the current node; the next node slot must be the same node
        }
        return new PathValue(nodes.ToArray(), rels.ToArray());
    }
}

/// <summary>Storable-value conversions shared by seeks and writes.</summary>
public static class PropertyValues
{
    /// <summary>Converts a runtime value to what storage keeps, or null when it can never equal a stored property.</summary>
    public static object? ToStorableOrNull(object? v, QueryContext? ctx = null) => v switch
    {
        bool or long or double or string or Graph.Client.ITemporalValue => v,
        IReadOnlyList<object?> list when list.All(x => x is bool or long or double or string or Graph.Client.ITemporalValue) => Copy(list, ctx),
        _ => null,
    };

    /// <summary>A list copied for the store, after checking that the copy fits the statement's memory (a range can be huge).</summary>
    private static object?[] Copy(IReadOnlyList<object?> list, QueryContext? ctx)
    {
        ctx?.Memory.EnsureAvailable(ValueSize.Array(list.Count) + (list is RangeList ? ValueSize.Boxed * list.Count : 0), "a list stored as a property");
        return list.ToArray();
    }

    /// <summary>Converts a value to be written as a property; maps, nodes and mixed lists are a TypeError.</summary>
    public static object? ToStorable(object? v, string key, QueryContext? ctx = null)
    {
        switch (v)
        {
            case null or bool or long or double or string or Graph.Client.ITemporalValue: return v; // temporal values are stored as themselves
            case IReadOnlyList<object?> list:
                {
                    var items = Copy(list, ctx);
                    if (items.Any(x => x is null) && items.All(x => x is null)) return items.Length == 0 ? items : throw InvalidProperty(key, v);
                    if (items.All(x => x is string) || items.All(x => x is bool) || items.All(x => x is long or double)
                        || (items.Length > 0 && items[0] is Graph.Client.ITemporalValue && items.All(x => x?.GetType() == items[0]!.GetType())))
                    {
                        if (items.Any(x => x is double) && items.Any(x => x is long)) return items;
                        return items;
                    }
                    throw InvalidProperty(key, v);
                }
            default: throw InvalidProperty(key, v);
        }
    }

    private static Graph.Client.ClientException InvalidProperty(string key, object? v) =>
        CypherErrors.TypeError("InvalidPropertyType",
            $"Property '{key}' cannot hold a {CypherValues.TypeName(v)} ({CypherValues.Describe(v)}): properties hold booleans, numbers, strings, temporal values or homogeneous lists of them.");
}
