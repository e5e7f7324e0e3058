using Graph.Engine.Functions;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// Groups rows by the key slots and computes aggregates per group (no keys: one group, even for no rows).
/// With <paramref name="entityKeys"/> (read-only statements only: the keys must not change while rows are consumed),
/// a cache from the tuple of entity ids to the group skips the key evaluation for every row but the first of each
/// entity tuple; groups, their order and the aggregates' inputs stay exactly those of the plain path.
/// </summary>
internal sealed class AggregationOp(PlanOperator source, int[] keySlots, Evaluator[] keys, AggregateSpec[] aggregates, int width, string description,
    EntityKeyPart[]? entityKeys = null) : PlanOperator
{
    /// <summary>
    /// Yield one buffer rewritten for every group instead of a new row each: set by the planner when the consumer is a
    /// top-k sort that copies the few rows it keeps (most groups are looked at once and dropped).
    /// </summary>
    public bool ReuseOutputRow { get; set; }

    /// <summary>
    /// The slot where a counting hop below (<see cref="ExpandOp.CountSlot"/>) puts how many identical rows each row
    /// stands for; -1 when every row counts once. Aggregates then add a row's values that many times (count(*) and
    /// count(x) by multiplication; min, max and DISTINCT ones once, as repeats cannot change them).
    /// </summary>
    public int WeightSlot { get; set; } = -1;

    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        using var account = ctx.Memory.Open("the groups and aggregates of a WITH/RETURN (count, collect, ...)");
        var groups = new Dictionary<object?[], Aggregator[]>(CypherValues.KeyArrayComparer.Instance);
        var order = new List<object?[]>();
        Aggregator[]? single = null;
        var byEntities = entityKeys is null ? null : new Dictionary<EntityTuple, Aggregator[]>();
        var probe = new object?[keys.Length];
        EntityTuple lastTuple = default;
        long cacheHits = 0, cacheMisses = 0;
        Aggregator[]? lastAggs = null;
        foreach (var row in source.Execute(ctx, argument))
        {
            ctx.Tick();
            // what the keys and arguments build is kept by the groups and aggregators (counted there), not by the row
            var mark = ctx.Memory.Values;
            Aggregator[] aggs;
            if (keys.Length == 0)
            {
                aggs = single ??= NewAggregators(account);
            }
            else if (byEntities is not null && EntityTuple.TryCreate(row, ctx, entityKeys!, out var tuple))
            {
                // rows of one group often come in a run (all the relationships of one anchor node)
                if (lastAggs is not null && tuple.Equals(lastTuple) || byEntities.TryGetValue(tuple, out lastAggs))
                {
                    aggs = lastAggs!;
                    cacheHits++;
                }
                else
                {
                    aggs = FindOrAdd(row, ctx, probe, groups, order, account);
                    byEntities[tuple] = aggs;
                    account.Reserve(EntityCacheEntry);
                    // entities that rarely repeat (about one row per ally, or tuples finer than the groups) make the cache a loss:
                    // a miss costs an insert on top of the key evaluation a hit saves, so below half the rows hitting, stop
                    if (++cacheMisses > 1024 && cacheMisses > cacheHits) byEntities = null;
                }
                lastTuple = tuple;
                lastAggs = aggs;
            }
            else
            {
                aggs = FindOrAdd(row, ctx, probe, groups, order, account);
            }
            if (WeightSlot < 0) Accumulate(aggs, row, ctx);
            else AccumulateRepeated(aggs, row, ctx, (long)row[WeightSlot]!);
            ctx.Memory.ReleaseValuesTo(mark);
        }
        if (keys.Length == 0)
        {
            var empty = Array.Empty<object?>();
            groups[empty] = single ?? NewAggregators(account);
            order.Add(empty);
        }
        object?[]? buffer = null;
        foreach (var key in order)
        {
            var aggs = groups[key];
            // the output row keeps the argument's slots (correlated subqueries), then sets keys and results
            object?[] row;
            if (ReuseOutputRow)
            {
                row = buffer ??= new object?[Math.Max(argument.Length, width)];
                Array.Clear(row);
                Array.Copy(argument, row, argument.Length);
            }
            else row = argument.Length >= width ? (object?[])argument.Clone() : new object?[width];
            for (var i = 0; i < keySlots.Length; i++) row[keySlots[i]] = key[i];
            for (var i = 0; i < aggregates.Length; i++) row[aggregates[i].Slot] = aggs[i].Result();
            yield return row;
        }
    }

    /// <summary>Evaluates the keys into the reusable probe; a key array is allocated only for a new group.</summary>
    private Aggregator[] FindOrAdd(object?[] row, QueryContext ctx, object?[] probe, Dictionary<object?[], Aggregator[]> groups, List<object?[]> order,
        MemoryAccount account)
    {
        for (var i = 0; i < keys.Length; i++) probe[i] = keys[i](row, ctx);
        if (groups.TryGetValue(probe, out var aggs)) return aggs;
        var key = (object?[])probe.Clone();
        account.KeepRow(key);
        account.Reserve(GroupBytes + ValueSize.Array(_factories.Length));
        aggs = NewAggregators(account);
        groups[key] = aggs;
        order.Add(key);
        return aggs;
    }

    private void Accumulate(Aggregator[] aggs, object?[] row, QueryContext ctx)
    {
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

    /// <summary>Adds a row that stands for <paramref name="times"/> identical rows.</summary>
    private void AccumulateRepeated(Aggregator[] aggs, object?[] row, QueryContext ctx, long times)
    {
        for (var i = 0; i < aggregates.Length; i++)
        {
            var spec = aggregates[i];
            if (spec.CountStar) { aggs[i].AddRepeated(null, times); continue; }
            var v = spec.Arguments[0](row, ctx);
            if (spec.Arguments.Length == 1) { aggs[i].AddRepeated(v, _repeatsIgnored[i] ? 1 : times); continue; }
            for (var n = _repeatsIgnored[i] ? 1 : times; n > 0; n--)
            {
                var args = new object?[spec.Arguments.Length];
                args[0] = v;
                for (var j = 1; j < args.Length; j++) args[j] = spec.Arguments[j](row, ctx);
                aggs[i].AddExtra(args);
                aggs[i].Add(v);
            }
        }
    }

    private readonly bool[] _repeatsIgnored = aggregates.Select(a => !a.CountStar && Aggregations.IgnoresRepeatedRows(a.Function, a.Distinct)).ToArray();

    // resolved once: a new group then costs no function-name lookup
    private readonly Func<Aggregator>[] _factories = aggregates.Select(a => Aggregations.Factory(a.Function, a.Distinct, a.CountStar)).ToArray();

    private Aggregator[] NewAggregators(MemoryAccount account)
    {
        var a = new Aggregator[_factories.Length];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = _factories[i]();
            a[i].Attach(account);
        }
        return a;
    }

    /// <summary>A group's dictionary entry and its place in the order list; each aggregator's state comes on top.</summary>
    private const long GroupBytes = ValueSize.DictionaryEntry + 8 + 48;

    private const long EntityCacheEntry = ValueSize.DictionaryEntry + 32;

    public override string Describe()
    {
        var byEntity = entityKeys is null ? "" : entityKeys.Any(k => k.Value is not null) ? "by entity and value" : "by entity";
        var how = byEntity + (WeightSlot < 0 ? "" : (entityKeys is null ? "" : ", ") + "counted rows");
        return $"Aggregation{(how.Length == 0 ? "" : $"({how})")}({description})";
    }
    public override IEnumerable<PlanOperator> Children => [source];

    /// <summary>
    /// Up to four entity ids, relationship types or small values identifying a group; hashed as plain longs. The kind of
    /// each part (entity, integer, boolean, null) is kept beside it, so that equal tuples always have equal keys.
    /// </summary>
    private readonly struct EntityTuple(long a, long b, long c, long d, int kinds) : IEquatable<EntityTuple>
    {
        public const int MaxParts = 4;
        private const int Entity = 0, Integer = 1, Boolean = 2, Null = 3;
        private readonly long _a = a, _b = b, _c = c, _d = d;
        private readonly int _kinds = kinds;

        public static bool TryCreate(object?[] row, QueryContext ctx, EntityKeyPart[] parts, out EntityTuple tuple)
        {
            Span<long> codes = stackalloc long[MaxParts];
            var kinds = 0;
            for (var i = 0; i < parts.Length; i++)
            {
                var part = parts[i];
                if (part.Value is not null)
                {
                    // the key's own value (a.sign); a string or float falls back to the entity below
                    var kind = Entity;
                    switch (part.Value(row, ctx))
                    {
                        case long l: codes[i] = l; kind = Integer; break;
                        case bool flag: codes[i] = flag ? 1 : 0; kind = Boolean; break;
                        case null: codes[i] = 0; kind = Null; break;
                    }
                    if (kind != Entity)
                    {
                        kinds |= kind << (2 * i);
                        continue;
                    }
                }
                switch (row[part.Slot])
                {
                    case RelValue r when part.TypeOnly: codes[i] = r.Type; break;
                    case NodeValue n when !part.TypeOnly: codes[i] = n.Id << 1; break;
                    case RelValue r: codes[i] = (r.Id << 1) | 1; break;
                    default:
                        tuple = default;
                        return false;
                }
            }
            tuple = new EntityTuple(codes[0], codes[1], codes[2], codes[3], kinds);
            return true;
        }

        public bool Equals(EntityTuple other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d && _kinds == other._kinds;
        public override bool Equals(object? obj) => obj is EntityTuple t && Equals(t);
        // one entity is the common case: hash it alone (cheaper than combining four)
        public override int GetHashCode() => (_b | _c | _d) == 0 && _kinds == 0 ? _a.GetHashCode() : HashCode.Combine(_a, _b, _c, _d, _kinds);
    }
}
