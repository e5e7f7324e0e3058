using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// <c>count(DISTINCT b)</c> over the ends of a variable-length pattern that pass the WHERE conjuncts above it, in one
/// operator: it stands for Aggregation(count(DISTINCT b), no grouping keys) ← Filter* ← VarLengthExpand(distinct ends,
/// ends only, breadth-first), and walks node ids the way the expand does (<see cref="BreadthFirstReach"/>, the same
/// label check, the same order of ends), but tests each end's conjuncts without building a row or a node value for it
/// when a conjunct compares a property of the end with a value of the input row (<see cref="EndCondition"/>), and
/// counts without a set of the ends. The compared properties of 64 ends at a time are read by the store in phases
/// (<see cref="Graph.Storage.StorageTransaction.ReadNodeProperty"/>), so that the memory accesses of many ends overlap;
/// the conjuncts are then tested end by end, in the order the ends were found. An <c>=</c> or <c>&lt;&gt;</c> against a
/// string is first asked of the store (<see cref="Graph.Storage.StorageTransaction.TryMatchNodeStrings"/>), which can
/// tell the ends holding an equal string, a different string or something else apart without reading their strings; only
/// the last are read and compared as the filter would. When no conjunct reads the end's record, a level's ends go 64 at a
/// time: their label check in one call to the store's bitmaps (<see cref="EndLabelCheck.Filter"/>), and one <c>=</c> or
/// <c>&lt;&gt;</c> against a string decided by the store's presence bitmap and the string's holders in the label's index
/// (<see cref="EndsByPresence"/>); the ends that pass are counted together.
///
/// Why the count is the same as the three operators': the expand produces each end once per input row (its search
/// finds a node once), and the filters pass a row on when each conjunct is true, evaluated in their order on the input
/// row with the end bound — which is what <see cref="Passes"/> does, on equal values, once per end, in the same order
/// (so a conjunct that fails or raises an error does so for the same end). A comparison's other operand reads neither
/// the end nor anything random, so its value for an input row is the one the filter computes for each of that row's
/// ends; it is computed at the row's first end, as the filter would first compute it. The aggregation counts distinct
/// ends over all input rows: with one input row every end that passes is new, so it is counted without a set; from a
/// second input row on the ends are counted through a set that starts with those of the first row (kept in a list until
/// then). Reading a batch's properties before testing its ends in order reads what the filter would have read, and
/// perhaps properties of ends an earlier conjunct rejects: reads change nothing and raise no error. The planner fuses
/// only statements that write nothing (no value changes while this runs).
/// </summary>
internal sealed class ReachCountOp(ReachPattern pattern, EndCondition[] conditions, int[] countSlots, string description) : PlanOperator
{
    [ThreadStatic] private static List<long>? _pooledEnds;

    /// <summary>A kept list of the first row's ends longer than this is not pooled.</summary>
    private const int PooledEndsCapacity = 1 << 16;

    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        using var account = ctx.Memory.Open("the distinct ends a variable-length pattern counts");
        var labels = pattern.NewLabelCheck();
        var firstEnds = _pooledEnds ?? [];
        _pooledEnds = null;
        var countedCapacity = 0;
        EntityIdSet? union = null;
        var inputRows = 0;
        long count = 0;
        var state = new RowState(conditions, _readsProperties || labels is not null);
        // one = or <> of the end's property against a value, the ends labelled: perhaps decided without the values
        var byPresence = conditions is [{ TestsEquality: true, Key: { } key } only] && pattern.TargetLabels.Length > 0
            ? new EndsByPresence(pattern.TargetLabels, key, only.Negated)
            : null;
        try
        {
            using var reach = BreadthFirstReach.Rent(account);
            foreach (var row in pattern.Source.Execute(ctx, argument))
            {
                if (row[pattern.FromSlot] is not NodeValue from) continue;
                if (++inputRows == 2)
                {
                    // ends already counted for the first row must not be counted again for this one
                    union = new EntityIdSet();
                    foreach (var end in firstEnds) union.Add(end);
                    account.Reserve(firstEnds.Count * ValueSize.SetEntry);
                }
                var typeIds = pattern.Types.Resolve(ctx);
                labels?.NextRow();
                state.Begin(row, ctx);
                byPresence?.NextRow();
                if (pattern.Min == 0 && (labels is null || labels.Has(from.Id, ctx))) Tally(from.Id);
                if (typeIds is not { Count: 0 })
                {
                    reach.Start(from.Id, pattern.Min, pattern.Max, pattern.Direction);
                    while (reach.NextLevel(ctx, typeIds))
                    {
                        var found = reach.FoundNodes;
                        labels?.Expect(found.Length);
                        if (!_readsRecords && TallyLevel(found)) continue;
                        for (var i = 0; i < found.Length; i++)
                        {
                            if (_readsRecords) reach.PrefetchAhead(ctx, i);
                            if (labels is null || labels.Has(found[i], ctx)) Tally(found[i]);
                        }
                    }
                    if (reach.StartIsEnd && (labels is null || labels.Has(from.Id, ctx))) Tally(from.Id);
                }
                Flush();
                state.End(ctx);
            }
        }
        finally
        {
            firstEnds.Clear();
            if (firstEnds.Capacity <= PooledEndsCapacity) _pooledEnds = firstEnds;
        }
        // as the aggregation without grouping keys: the argument's slots (correlated subqueries), then the counts
        var result = (object?[])argument.Clone();
        foreach (var slot in countSlots) result[slot] = count;
        yield return result;

        // A level's ends a batch at a time, when no conjunct reads the end's record: the batch's label check in one call
        // (the store's bitmaps), then its conjuncts; false (nothing done) when the bitmaps do not answer: check end by end.
        bool TallyLevel(ReadOnlySpan<long> found)
        {
            if (labels is null && !_readsProperties)
            {
                // no label, no conjunct: every end counts
                ctx.Tick(found.Length);
                CountedRange(found);
                return true;
            }
            for (var from = 0; from < found.Length; from += BatchSize)
            {
                var chunk = found.Slice(from, Math.Min(BatchSize, found.Length - from));
                // the ends batched before this level's (the start's) are tested first, as the filter would
                Flush();
                if (byPresence is not null && labels?.Bits(ctx) is { } labelBits
                    && byPresence.DecideLabelled(chunk, labelBits, state.Passed) is var both and >= 0)
                {
                    // the row's string already compared (its holders known): label and comparison in one pass
                    ctx.Tick(chunk.Length);
                    CountedRange(state.Passed[..both]);
                    continue;
                }
                var batch = state.Buffer;
                var kept = chunk.Length;
                if (labels is null) chunk.CopyTo(batch);
                else if ((kept = labels.Filter(chunk, batch, ctx)) < 0)
                {
                    if (from == 0) return false;
                    // the bitmaps, once taken, answer to the end of the execution: not reached
                    throw new InvalidOperationException("The label bitmaps stopped answering within a level.");
                }
                ctx.Tick(chunk.Length - kept); // the ends the label check rejected; Flush counts the rest
                if (_readsProperties)
                {
                    state.SetBatched(kept);
                    Flush();
                }
                else
                {
                    ctx.Tick(kept);
                    CountedRange(batch[..kept]);
                }
            }
            return true;
        }

        // ends that passed the label check: their compared properties are read for a batch at once
        void Tally(long end)
        {
            if (!_readsProperties)
            {
                Count(end, -1);
                return;
            }
            if (state.Add(end)) Flush();
        }

        void Flush()
        {
            var ends = state.Batched;
            if (ends.Length == 0) return;
            if (byPresence is not null && state.OtherBeforeTesting(0, ctx) is string value
                && byPresence.Decide(ends, value, state.Passed, ctx) is var byValue and >= 0)
            {
                // every end decided by the store's presence bitmap and the string's holders, no value read
                ctx.Tick(ends.Length);
                CountedRange(state.Passed[..byValue]);
                state.ClearBatch();
                return;
            }
            for (var i = 0; i < conditions.Length; i++)
            {
                if (conditions[i].Key is not { } key) continue;
                var id = key.Id(ctx.Tokens);
                var values = state.ValuesOf(i);
                state.Matched[i] = false;
                if (id < 0) values.Clear();
                else if (conditions[i].TestsEquality && state.OtherBeforeTesting(i, ctx) is string other && ctx.Tx.TryMatchNodeStrings(ends, id, other, state.MatchesOf(i)))
                {
                    // the store told the strings apart; the other ends' values are read for the general comparison
                    state.Matched[i] = true;
                    var matches = state.MatchesOf(i);
                    for (var j = 0; j < ends.Length; j++)
                        if (matches[j] < 0) values[j] = ctx.Tx.NodeProperty(ends[j], id);
                }
                else ctx.Tx.ReadNodeProperty(ends, id, values);
            }
            ctx.Tick(ends.Length);
            if (AllMatched(state))
            {
                // every conjunct answered by the store: an end is decided from its matches unless one needs its value;
                // the ends that pass are gathered in order (written each, kept by their answer) and counted together
                var passed = state.Passed;
                var kept = 0;
                if (conditions.Length == 1)
                {
                    var matches = state.MatchesOf(0);
                    var passWhen = conditions[0].Negated ? (sbyte)0 : (sbyte)1;
                    for (var j = 0; j < ends.Length; j++)
                    {
                        var match = matches[j];
                        passed[kept] = ends[j];
                        if (match < 0) kept += Passes(ends[j], j, state, ctx) ? 1 : 0;
                        else kept += match == passWhen ? 1 : 0;
                    }
                }
                else
                    for (var j = 0; j < ends.Length; j++)
                    {
                        var decided = Decided(j, state);
                        passed[kept] = ends[j];
                        kept += decided >= 0 ? decided : Passes(ends[j], j, state, ctx) ? 1 : 0;
                    }
                CountedRange(passed[..kept]);
            }
            else
                for (var j = 0; j < ends.Length; j++)
                    if (Passes(ends[j], j, state, ctx)) Counted(ends[j]);
            state.ClearBatch();
        }

        void CountedRange(ReadOnlySpan<long> ends)
        {
            if (union is not null)
            {
                foreach (var end in ends) Counted(end);
                return;
            }
            firstEnds.AddRange(ends);
            if (firstEnds.Capacity > countedCapacity)
            {
                account.Reserve((firstEnds.Capacity - countedCapacity) * sizeof(long));
                countedCapacity = firstEnds.Capacity;
            }
            count += ends.Length;
        }

        void Count(long end, int batched)
        {
            ctx.Tick();
            if (Passes(end, batched, state, ctx)) Counted(end);
        }

        void Counted(long end)
        {
            if (union is not null)
            {
                if (!union.Add(end)) return;
                account.Reserve(ValueSize.SetEntry);
            }
            else
            {
                firstEnds.Add(end);
                if (firstEnds.Capacity > countedCapacity)
                {
                    account.Reserve((firstEnds.Capacity - countedCapacity) * sizeof(long));
                    countedCapacity = firstEnds.Capacity;
                }
            }
            count++;
        }
    }

    /// <summary>True when some conjunct compares a property of the end: the ends are then tested in batches.</summary>
    private readonly bool _readsProperties = conditions.Any(c => c.Key is not null);

    /// <summary>
    /// True when some conjunct is evaluated on a row and may read the end's record: the search then brings the records
    /// of the ends a few places ahead into the cache (<see cref="BreadthFirstReach.PrefetchAhead"/>). Otherwise those
    /// hints only stall: the label checks of large levels read the store's bitmaps, and the compared properties are read
    /// in phases by the store (<see cref="Graph.Storage.StorageTransaction.ReadNodeProperty"/>).
    /// </summary>
    private readonly bool _readsRecords = conditions.Any(c => c.Predicate is not null);

    /// <summary>True when every conjunct of the batch was matched by the store (<see cref="RowState.Matched"/>).</summary>
    private static bool AllMatched(RowState state)
    {
        foreach (var matched in state.Matched)
            if (!matched) return false;
        return true;
    }

    /// <summary>
    /// Batched end <paramref name="batched"/> decided from the store's matches alone, the conjuncts in the filters' order as
    /// <see cref="Passes"/> tests them: 0 when one is false before any needs the end's value (the filter stops there), 1
    /// when all are true, -1 when one needs the value first (then <see cref="Passes"/> tests the end). A matched conjunct
    /// compares two strings, so it raises no error: deciding it here skips nothing the filter would raise.
    /// </summary>
    private int Decided(int batched, RowState state)
    {
        for (var i = 0; i < conditions.Length; i++)
        {
            var match = state.MatchesOf(i)[batched];
            if (match < 0) return -1;
            if ((match == 1) == conditions[i].Negated) return 0;
        }
        return 1;
    }

    /// <summary>
    /// The end's conjuncts, in the filters' order (the lowest filter's first), as <see cref="FilterOp"/> reads their values;
    /// <paramref name="batched"/> is the end's place in the batch whose compared properties were read.
    /// </summary>
    private bool Passes(long end, int batched, RowState state, QueryContext ctx)
    {
        for (var i = 0; i < conditions.Length; i++)
        {
            var condition = conditions[i];
            object? value;
            if (condition.Predicate is { } predicate)
            {
                var row = state.RowWithEnd(pattern.ToSlot, end);
                var mark = ctx.Memory.Values;
                value = predicate(row, ctx);
                ctx.Memory.ReleaseValuesTo(mark);
            }
            else if (state.Matched[i] && state.MatchesOf(i)[batched] is var match and >= 0)
                value = CypherValues.Bool((match == 1) != condition.Negated); // two strings: ordinal equality, or its negation
            else
            {
                var other = state.Other(i, condition, ctx);
                var property = state.ValuesOf(i)[batched];
                value = condition.EndOnLeft ? condition.Compare!(property, other) : condition.Compare!(other, property);
            }
            if (!FilterOp.Passes(value)) return false;
        }
        return true;
    }

    /// <summary>Ends tested together: enough for the store's phased reads to overlap many nodes' memory accesses.</summary>
    private const int BatchSize = 64;

    /// <summary>
    /// What the conjuncts read of one input row: the row (copied once, with each end put in its slot), the comparisons'
    /// other operands, and a batch of ends with their compared properties.
    /// </summary>
    private sealed class RowState(EndCondition[] conditions, bool batches)
    {
        private readonly object?[] _others = new object?[conditions.Length];
        private readonly bool[] _known = new bool[conditions.Length];
        private readonly long[] _batch = batches ? new long[BatchSize] : [];
        private readonly long[] _passed = batches ? new long[BatchSize] : [];
        private readonly object?[][] _values = conditions.Select(c => batches && c.Key is not null ? new object?[BatchSize] : []).ToArray();
        private readonly sbyte[][] _matches = conditions.Select(c => batches && c.TestsEquality ? new sbyte[BatchSize] : []).ToArray();

        /// <summary>Per conjunct: whether the batch's ends were matched by the store (<see cref="MatchesOf"/>) instead of read.</summary>
        public readonly bool[] Matched = new bool[conditions.Length];
        private int _batched;
        private object?[] _row = [];
        private object?[]? _withEnd;
        private long _mark;

        public void Begin(object?[] row, QueryContext ctx)
        {
            _row = row;
            _withEnd = null;
            Array.Clear(_known);
            Array.Clear(_others);
            _mark = ctx.Memory.Values;
        }

        /// <summary>Adds an end to the batch; true when the batch is full.</summary>
        public bool Add(long end)
        {
            _batch[_batched++] = end;
            return _batched == BatchSize;
        }

        public ReadOnlySpan<long> Batched => _batch.AsSpan(0, _batched);

        /// <summary>The batch's buffer, to be filled at once and then given its length (<see cref="SetBatched"/>); the batch is empty.</summary>
        public Span<long> Buffer => _batched == 0 ? _batch : throw new InvalidOperationException("The batch is not empty.");

        public void SetBatched(int count) => _batched = count;

        /// <summary>A batch's worth of room for the ends that pass, gathered before they are counted together.</summary>
        public Span<long> Passed => _passed;

        /// <summary>The batch's values of conjunct <paramref name="condition"/>'s property, in the batch's order.</summary>
        public Span<object?> ValuesOf(int condition) => _values[condition].AsSpan(0, _batched);

        /// <summary>The batch's matches of conjunct <paramref name="condition"/>'s string (1 equal, 0 differs, -1 read the value).</summary>
        public Span<sbyte> MatchesOf(int condition) => _matches[condition].AsSpan(0, _batched);

        /// <summary>
        /// Conjunct <paramref name="i"/>'s other operand before its ends are tested, or null when the filter might not have
        /// computed it yet: the first conjunct's is computed at the row's first end whatever that end is (and an error it
        /// raises is raised there), a later one's only once an end has reached it.
        /// </summary>
        public object? OtherBeforeTesting(int i, QueryContext ctx) => i == 0 || _known[i] ? Other(i, conditions[i], ctx) : null;

        public void ClearBatch()
        {
            _batched = 0;
            foreach (var values in _values) Array.Clear(values);
        }

        /// <summary>The other operands stay referenced until the row is done: what they built is released then.</summary>
        public void End(QueryContext ctx) => ctx.Memory.ReleaseValuesTo(_mark);

        public object? Other(int i, EndCondition condition, QueryContext ctx)
        {
            if (_known[i]) return _others[i];
            _known[i] = true;
            return _others[i] = condition.Other!(_row, ctx);
        }

        /// <summary>The input row with <paramref name="end"/> bound, as the expand would have produced it (one buffer per input row).</summary>
        public object?[] RowWithEnd(int slot, long end)
        {
            _withEnd ??= (object?[])_row.Clone();
            _withEnd[slot] = new NodeValue(end);
            return _withEnd;
        }
    }

    public override string Describe()
    {
        var bounds = $"*{pattern.Min}..{pattern.Max}";
        var where = conditions.Length == 0 ? "" : " WHERE " + string.Join(" AND ", conditions.Select(c => c.Description));
        return $"ReachCount(breadth-first)({description} of {pattern.Description} {bounds}{where})";
    }

    public override IEnumerable<PlanOperator> Children => [pattern.Source];
}
