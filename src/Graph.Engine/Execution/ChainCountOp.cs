using System.Numerics;
using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// <c>MATCH (a)-[r]->(b)-[s]->(c) RETURN key(a), key(r), key(c), count(*)</c> without rows: an aggregation of count(*)
/// only, fused with the chain of hops beneath it, where every grouping key is a function of one entity (of the start
/// row, of one relationship or of one far node). The chain is walked over relationship references; each key is
/// evaluated once per entity visited and replaced by a small integer (its interned value), a path's group is a tuple of
/// those integers, and its count is added to a typed table.
/// <para>
/// Factorized counting: what lies beyond a node (the groups of the rest of the chain and their counts) depends on that
/// node alone, so it is computed once per distinct node and remembered (<see cref="SuffixMemo"/>); a claim reached from a
/// hundred stances multiplies its few (paradigm, sign) groups in a hundred times instead of walking its alignments again.
/// Hops of one pattern that share a type compare their relationship with the earlier ones' (<see cref="ChainHop.DistinctFrom"/>),
/// and WHERE conjuncts about one hop's entity and the start row are tested at that hop (<see cref="ChainFilter"/>); the
/// memo is kept only at hops whose suffix depends on the node alone.
/// </para>
/// <para>
/// A last hop whose far node is the only entity the keys and conjuncts read (besides the start row) is tallied per far
/// node (<see cref="NodeTally"/>): one add per path, then each distinct node's conjuncts and keys evaluated once, its
/// store reads prefetched ahead (an expert's allies: a few thousand scattered nodes reached through many claims).
/// </para>
/// The walk visits paths in the order the hops would produce them (a remembered table lists its groups in the order
/// its paths came), so the groups come out in the row engine's order, each with the key values of its first path —
/// except when the planner counts the chain from an inner node (<see cref="Middle"/>, ChainCountOp.Middle.cs): then they
/// come in the order of the middle nodes' ids.
/// </summary>
internal sealed partial class ChainCountOp(PlanOperator start, ChainHop[] hops, int[] keySlots, Evaluator[] keys, int[] keyOwners, bool[] keyTypeOnly,
    int[] countSlots, int width, string description) : PlanOperator
{
    // the run state below reads these
    private readonly ChainHop[] _hops = hops;
    private readonly Evaluator[] _keys = keys;
    private readonly int[] _keyOwners = keyOwners;
    private readonly bool[] _keyTypeOnly = keyTypeOnly;
    private readonly int _width = width;

    /// <summary>keyOwners: a key evaluated on the start row.</summary>
    public const int StartRow = -1;

    /// <summary>
    /// Read-only statements (the default): label checks and the tables beyond a node are remembered for the whole run.
    /// Cleared by the planner when the statement writes (a write could change the graph between two start rows).
    /// </summary>
    public bool RememberReads
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    } = true;

    /// <summary>
    /// Set by the planner when the ORDER BY ... LIMIT right above sorts by the groups' count first: rows are made only
    /// for the groups it can return (see <see cref="ChainCountTop"/>).
    /// </summary>
    public ChainCountTop? Top
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    }

    /// <summary>
    /// Set by the planner when the last hop's conjuncts and far-node keys read properties of the far node only: a tallied
    /// last hop then reads them for many nodes at once (<see cref="TallyFlush"/>).
    /// </summary>
    public TalliedProperties? Tallied
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    }

    /// <summary>
    /// Set by the planner when the chain is counted from an inner node (<see cref="ChainCountMiddle"/>); the start beneath
    /// is then the rows to scan for (the argument), and the operator scans that node's label itself.
    /// </summary>
    public ChainCountMiddle? Middle
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    }

    /// <summary>keyOwners: key <paramref name="hop"/>'s relationship (the hops count from 0).</summary>
    public static int RelationshipOf(int hop) => 2 * hop;

    /// <summary>keyOwners: the far node of hop <paramref name="hop"/>.</summary>
    public static int FarNodeOf(int hop) => 2 * hop + 1;

    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument) => Rows(ctx, argument, transient: false);

    /// <summary>
    /// For a consumer done with each row before the next (the result cursor, through the projection of the aggregates):
    /// every group's row is written into one buffer, instead of an array per group (48,831 groups of the stances).
    /// </summary>
    protected override IEnumerable<object?[]> ProduceTransient(QueryContext ctx, object?[] argument, bool reuseValues) =>
        Rows(ctx, argument, transient: true);

    private IEnumerable<object?[]> Rows(QueryContext ctx, object?[] argument, bool transient)
    {
        StackGuard.Ensure();
        object?[]? buffer = null;
        // the sort above evaluated its count before reading a row (a bad one has failed the statement already)
        var kept = _keys.Length > 0 ? Top?.Evaluate(ctx) ?? -1 : -1;
        var run = Count(ctx, argument, kept);
        try
        {
            var groups = run.Groups;
            if (!run.MayHoldEquivalents && (_keys.Length > 0 || groups.Count > 0))
            {
                // keys of strings, integers and booleans only: no two groups are equivalent, each group is one row, made
                // as it is returned (no key array or list per group)
                var candidates = kept < 0 ? null : Top!.Candidates(groups.Count, kept, groups.CountAt, (g, k) => run.ValueOf(k, groups.TupleAt(g)[k]));
                for (var g = 0; g < groups.Count; g++)
                    if (candidates is null || candidates[g]) yield return GroupRow(run, argument, g, transient ? buffer ??= NewRow(argument) : null);
                yield break;
            }
            // groups of equivalent but not identical keys (1 and 1.0) merge here, into the first to appear
            var merged = run.MayHoldEquivalents ? new Dictionary<object?[], int>(CypherValues.KeyArrayComparer.Instance) : null;
            var keysInOrder = new List<object?[]>();
            var counts = new List<long>();
            for (var g = 0; g < groups.Count; g++)
            {
                var tuple = groups.TupleAt(g);
                var count = groups.CountAt(g);
                var values = new object?[tuple.Length];
                for (var i = 0; i < values.Length; i++) values[i] = run.ValueOf(i, tuple[i]);
                if (merged is not null && merged.TryGetValue(values, out var at))
                {
                    counts[at] += count;
                    continue;
                }
                run.KeepGroupRow(values);
                if (merged is not null) merged[values] = keysInOrder.Count;
                keysInOrder.Add(values);
                counts.Add(count);
            }
            if (_keys.Length == 0 && keysInOrder.Count == 0)
            {
                keysInOrder.Add([]); // no keys: one group, even for no rows
                counts.Add(0);
            }
            var chosen = kept < 0 ? null : Top!.Candidates(keysInOrder.Count, kept, g => counts[g], (g, k) => keysInOrder[g][k]);
            for (var g = 0; g < keysInOrder.Count; g++)
            {
                if (chosen is not null && !chosen[g]) continue;
                // the output row keeps the argument's slots (correlated subqueries), then sets keys and counts
                var row = ArgumentRow(argument, transient ? buffer ??= NewRow(argument) : null);
                for (var i = 0; i < keySlots.Length; i++) row[keySlots[i]] = keysInOrder[g][i];
                var boxed = CypherValues.Int(counts[g]);
                foreach (var slot in countSlots) row[slot] = boxed;
                yield return row;
            }
        }
        finally
        {
            run.Dispose();
        }
    }

    /// <summary>The run that counted every path: from the middle (unless its groups hold equivalent keys), else from the start.</summary>
    private Run Count(QueryContext ctx, object?[] argument, long kept)
    {
        if (Middle is { } middle)
        {
            // the left side's run owns the groups and the key interners, the right side's shares them
            var left = new Run(this, ctx, middle.Left, middle.LeftOwners, null);
            try
            {
                using (var right = new Run(this, ctx, middle.Right, middle.RightOwners, left.Interners))
                    CountFromMiddle(ctx, argument, left, right);
                if (!left.MayHoldEquivalents || !HasEquivalentGroups(left)) return left;
            }
            catch
            {
                left.Dispose();
                throw;
            }
            left.Dispose();
        }
        var run = new Run(this, ctx);
        try
        {
            if (ScannedStart(ctx) is { } scan) CountFromScannedStart(ctx, argument, scan, run);
            else
                foreach (var row in (Middle?.EndStart ?? start).ExecuteTransient(ctx, argument))
                {
                    if (row[_hops[0].FromSlot] is not NodeValue from) continue;
                    run.ReadStartKeys(row);
                    run.Walk(0, from.Id, run.Prefix, 1, run.Groups);
                    if (run.TallyPerStartRow) run.FlushTally();
                }
            run.FlushTally();
            run.SettleTally(kept);
            return run;
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    /// <summary>Whether two groups of the run have equivalent but not identical keys (they merge into one row).</summary>
    private static bool HasEquivalentGroups(Run run)
    {
        var seen = new HashSet<object?[]>(CypherValues.KeyArrayComparer.Instance);
        for (var g = 0; g < run.Groups.Count; g++)
        {
            var tuple = run.Groups.TupleAt(g);
            var values = new object?[tuple.Length];
            for (var i = 0; i < values.Length; i++) values[i] = run.ValueOf(i, tuple[i]);
            run.KeepGroupRow(values); // held until the run ends (a second time if the rows are made from them)
            if (!seen.Add(values)) return true;
        }
        return false;
    }

    /// <summary>
    /// Group <paramref name="group"/>'s output row: the argument's slots (correlated subqueries), its keys and counts;
    /// written into <paramref name="buffer"/> when the consumer is done with each row before the next (else a new row).
    /// </summary>
    private object?[] GroupRow(Run run, object?[] argument, int group, object?[]? buffer)
    {
        var tuple = run.Groups.TupleAt(group);
        var row = ArgumentRow(argument, buffer);
        run.KeepGroupRow(row);
        for (var i = 0; i < keySlots.Length; i++) row[keySlots[i]] = run.ValueOf(i, tuple[i]);
        var boxed = CypherValues.Int(run.Groups.CountAt(group));
        foreach (var slot in countSlots) row[slot] = boxed;
        return row;
    }

    /// <summary>A row of the output's width (the argument's when it is as wide: it is copied, else none of it is kept).</summary>
    private object?[] NewRow(object?[] argument) => new object?[Math.Max(argument.Length, _width)];

    /// <summary>
    /// The argument's slots in a fresh row, or in <paramref name="buffer"/> (from <see cref="NewRow"/>) reset to them: the
    /// projection above writes its columns into the row it is given, so a reused buffer starts each group from the argument.
    /// </summary>
    private object?[] ArgumentRow(object?[] argument, object?[]? buffer)
    {
        if (buffer is null) return argument.Length >= _width ? (object?[])argument.Clone() : new object?[_width];
        if (argument.Length >= _width) Array.Copy(argument, buffer, argument.Length);
        else Array.Clear(buffer);
        return buffer;
    }

    public override string Describe() =>
        $"ChainCount({string.Join(", ", _hops.Select(h => h.Description))}; {description}{(Middle is null ? "" : "; " + Middle.Description)}{(Tallied is null ? "" : "; " + Tallied.Description)}{(Top is null ? "" : "; rows for " + Top.Description)})";

    public override IEnumerable<PlanOperator> Children => [start];

    /// <summary>The state of one execution: interned key values, the memo, the groups, one adjacency buffer per hop.</summary>
    private sealed partial class Run : IDisposable
    {
        /// <summary>A node's first visit at the last hop is tabled when it has at most this many relationships.</summary>
        private const int FirstVisitTabled = 4;

        /// <summary>A hop's label checks made before it remembers them (an anchored walk's few dozen far nodes: no bitmaps).</summary>
        private const long UnrememberedLabelChecks = 256;

        /// <summary>Tallied nodes between two prefetch steps for one node, and how far ahead the first step goes.</summary>
        private const int PrefetchGap = 4;

        private const int PrefetchAhead = StorageTransaction.NodePrefetchSteps * PrefetchGap;

        /// <summary>Fewer tallied nodes are not prefetched (as <see cref="FarNodePrefetch"/>'s minimum).</summary>
        private const int PrefetchedTally = 64;

        /// <summary>Entries of a hop's neighbour list not worth an account (as <see cref="AdjacencyBuffer"/>'s).</summary>
        private const int UncountedNeighbours = 1024;

        /// <summary>A neighbour list's entry: relationship id, far node, type.</summary>
        private const long NeighbourBytes = 20;

        private readonly ChainCountOp _op;
        private readonly ChainHop[] _hops;
        private readonly int[] _keyOwners;
        private readonly bool _ownsInterners;
        private readonly QueryContext _ctx;
        private readonly MemoryAccount _account;
        private readonly KeyInterner[] _interners;
        private readonly AdjacencyBuffer[] _adjacency;
        private readonly NeighbourList[] _neighbours;
        private readonly int[] _neighboursCounted;
        private readonly bool[] _readsRelationships;
        private readonly LabelMembership?[] _labels;
        private readonly IReadOnlyList<int>?[] _types;
        private readonly int[][] _relKeys, _nodeKeys;
        private readonly int[] _startKeys;
        private readonly int[][] _scratch, _merged;
        private readonly SuffixMemo?[] _memo;
        private readonly NodeKeyCache?[] _nodeKeyCaches;
        private readonly int[][] _keyIds;
        private object?[] _keyRow = [];
        private readonly int[] _empty;
        private readonly TupleTable[] _tableScratch;
        private readonly long[] _relIds;
        private readonly NodeFilterMemo?[] _filterMemos;
        private object?[] _filterRow = [];
        private readonly bool _anyFilters;
        private readonly NodeTally? _tally;
        private readonly TallyFlush? _tallyFlush;
        // the tallied groups' counts by key id until the end, when a top above cuts the rows (see TallyKeyCounts)
        private readonly TallyKeyCounts? _keyCounts;
        // the tallied nodes with their one key's value until the end, when the flush reads that key (see TallyNodeGroups)
        private readonly TallyNodeGroups? _nodeGroups;
        // where a flush of the tally adds its groups
        private ITupleSink TalliedGroups => (ITupleSink?)_keyCounts ?? Groups;
        private int _flushes;

        public TupleCounts Groups { get; }

        /// <summary>The key interners (one per key), shared with the other side's run of a middle start.</summary>
        public KeyInterner[] Interners => _interners;

        /// <summary>A tuple with no key set (-1 each).</summary>
        public int[] NoKeys => _empty;

        /// <summary>The memory account of this run (the middle start's tables are counted in it).</summary>
        public MemoryAccount Account => _account;

        public int[] Prefix { get; }

        /// <summary>The last hop's tally is flushed into the groups after each start row (its keys or conjuncts read it).</summary>
        public bool TallyPerStartRow { get; }

        public Run(ChainCountOp op, QueryContext ctx) : this(op, ctx, op._hops, op._keyOwners, null)
        {
        }

        /// <summary>
        /// A run over <paramref name="hops"/> (the whole chain, or one side of a middle start) whose keys belong as
        /// <paramref name="keyOwners"/> says (keys owned by the other side are left unset, -1). <paramref name="interners"/>:
        /// the other side's, shared so that every key's ids come from one interner (null: rented here, and returned).
        /// A side of a middle start is never tallied: its paths from each middle node go to a table or a prefix.
        /// </summary>
        public Run(ChainCountOp op, QueryContext ctx, ChainHop[] hops, int[] keyOwners, KeyInterner[]? interners)
        {
            _op = op;
            _ctx = ctx;
            _hops = hops;
            _keyOwners = keyOwners;
            _account = ctx.Memory.Open("the groups of a counted chain and the tables remembered beyond its nodes");
            var k = op._keys.Length;
            var n = _hops.Length;
            _ownsInterners = interners is null;
            var side = !ReferenceEquals(hops, op._hops);
            _interners = interners ?? Enumerable.Range(0, k).Select(_ => KeyInterner.Rent(_account)).ToArray();
            _adjacency = Enumerable.Range(0, n).Select(_ => new AdjacencyBuffer()).ToArray();
            _neighbours = Enumerable.Range(0, n).Select(_ => NeighbourListPool.Rent()).ToArray();
            _neighboursCounted = new int[n];
            _labels = _hops.Select(h => h.TargetLabels.Length > 0 && op.RememberReads ? new LabelMembership(h.TargetLabels, h.TargetLabelCount, memoAfter: UnrememberedLabelChecks) : null).ToArray();
            _types = new IReadOnlyList<int>?[n];
            _relKeys = Enumerable.Range(0, n).Select(h => KeysOwnedBy(RelationshipOf(h))).ToArray();
            _nodeKeys = Enumerable.Range(0, n).Select(h => KeysOwnedBy(FarNodeOf(h))).ToArray();
            _startKeys = KeysOwnedBy(ChainCountOp.StartRow);
            // a key reading more of a relationship than its type or one property needs its ends, and a conjunct on it the
            // relationship: that hop reads whole relationships
            _readsRelationships = Enumerable.Range(0, n)
                .Select(h => _relKeys[h].Any(i => !op.ReadsRelationshipId(i)) || _hops[h].Filters.Any(f => f.OnRelationship)).ToArray();
            _scratch = Enumerable.Range(0, n).Select(_ => new int[k]).ToArray();
            _merged = Enumerable.Range(0, n).Select(_ => new int[k]).ToArray();
            // start nodes rarely repeat (a scan yields each once): the first hop's tables are not remembered
            _memo = Enumerable.Range(0, n).Select(h => op.RememberReads && h > 0 && SuffixDependsOnNodeAlone(h) ? new SuffixMemo(_account) : null).ToArray();
            _tableScratch = Enumerable.Range(0, n).Select(_ => new TupleTable()).ToArray();
            _empty = new int[k];
            Array.Fill(_empty, -1);
            _nodeKeyCaches = _nodeKeys.Select(keysHere => op.RememberReads && keysHere.Length > 0 ? new NodeKeyCache(_account, keysHere.Length) : null).ToArray();
            _keyIds = _nodeKeys.Select(keysHere => new int[keysHere.Length]).ToArray();
            Prefix = new int[k];
            // from the middle, the right side's keys are the same for all of a middle node's groups: most significant
            Groups = new TupleCounts(k, _account, !side ? null : [.. Enumerable.Range(0, k).OrderBy(i => keyOwners[i] == ChainCountMiddle.NotOwned ? 1 : 0)]);
            _relIds = new long[n];
            _anyFilters = _hops.Any(h => h.Filters.Length > 0);
            // a far node's answers are kept for one start row (the graph does not change while the chain is walked)
            _filterMemos = _hops.Select(h => h.Filters.Length > 0 && h.Filters.All(f => !f.OnRelationship) ? new NodeFilterMemo(_account) : null).ToArray();
            if (!side && LastHopTallied())
            {
                _tally = NodeTally.Rent(_account);
                if (op.Tallied is { } tallied) _tallyFlush = new TallyFlush(tallied);
                if (op.Top is not null && op._keys.Length == 1 && _nodeKeys[^1].Length == 1)
                {
                    _keyCounts = TallyKeyCounts.Rent(_account);
                    if (op.Tallied is { Keys.Length: 1 }) _nodeGroups = TallyNodeGroups.Rent(_account);
                }
                // the tally replaces the remembered tables: a path ends in one add either way
                Array.Fill(_memo, null);
                TallyPerStartRow = _startKeys.Length > 0 || _hops[^1].Filters.Any(f => f.ReadsStart);
            }
        }

        /// <summary>
        /// Whether the last hop's paths can be counted per far node and its conjuncts and keys evaluated once per distinct
        /// node afterwards: its far node is the only entity of the chain a key or a conjunct reads (besides the start
        /// row), and no earlier hop tests a conjunct (whose errors would then come in a different order). The groups come
        /// out in the same order: a group's first path is the first path of its first node that passes.
        /// </summary>
        private bool LastHopTallied()
        {
            var last = _hops.Length - 1;
            if (_keyOwners.Any(o => o != ChainCountOp.StartRow && o != FarNodeOf(last))) return false;
            if (_hops.Take(last).Any(h => h.Filters.Length > 0) || _hops[last].Filters.Any(f => f.OnRelationship)) return false;
            return _nodeKeys[last].Length > 0 || _hops[last].Filters.Length > 0;
        }

        /// <summary>
        /// As node <paramref name="current"/> of the tally is taken: step s of the store's prefetch for node current +
        /// (steps - s) * <see cref="PrefetchGap"/>. The tallied nodes are scattered over the store (an expert's allies),
        /// and each key read is a chain of dependent cache misses (the id's slot, the record, its properties, the value);
        /// hinted ahead, the chains of several nodes overlap (as <see cref="FarNodePrefetch"/> does for an expand).
        /// </summary>
        private void PrefetchTallied(int current)
        {
            for (var step = 0; step < StorageTransaction.NodePrefetchSteps; step++)
            {
                var i = current + (StorageTransaction.NodePrefetchSteps - step) * PrefetchGap;
                if (i >= 0 && i < _tally!.Count) _ctx.Tx.PrefetchNode(_tally.NodeAt(i), step);
            }
        }

        /// <summary>
        /// Whether the groups beyond a node at hop <paramref name="hop"/> depend on that node alone: not when a hop from
        /// there on must differ from a relationship before it, or tests a conjunct that reads the start row.
        /// </summary>
        private bool SuffixDependsOnNodeAlone(int hop)
        {
            for (var j = hop; j < _hops.Length; j++)
            {
                if (_hops[j].DistinctFrom.Any(earlier => earlier < hop)) return false;
                if (_hops[j].Filters.Any(f => f.ReadsStart)) return false;
            }
            return true;
        }

        /// <summary>
        /// Adds the tallied last-hop nodes to the groups, in the order they first came: each node's conjuncts tested and
        /// keys evaluated once, with the start row's keys (<see cref="Prefix"/>).
        /// </summary>
        public void FlushTally()
        {
            if (_tally is null || _tally.Count == 0) return;
            var last = _hops.Length - 1;
            var shape = _hops[last];
            var nodeKeys = _nodeKeys[last];
            var tuple = _scratch[last];
            Array.Copy(Prefix, tuple, tuple.Length);
            if (_tallyFlush is not null)
            {
                _tallyFlush.Flush(_ctx, _tally, _filterRow, nodeKeys, _interners, tuple, TalliedGroups, _nodeGroups);
                _tally.Clear();
                return;
            }
            // a node's keys are remembered from the second flush on: within one flush each node comes once
            var remember = _flushes++ > 0;
            var prefetch = _tally.Count >= PrefetchedTally;
            var groups = TalliedGroups;
            if (prefetch)
                for (var i = -PrefetchAhead; i < 0; i++) PrefetchTallied(i);
            for (var i = 0; i < _tally.Count; i++)
            {
                _ctx.Tick();
                if (prefetch) PrefetchTallied(i);
                var node = _tally.NodeAt(i);
                if (shape.Filters.Length > 0 && !PassesFilters(last, default, node, remember)) continue;
                if (nodeKeys.Length > 0) SetNodeKeys(last, nodeKeys, shape.ToSlot, node, tuple, remember);
                groups.Add(tuple, _tally.CountAt(i));
            }
            _tally.Clear();
        }

        /// <summary>After the last flush: the groups counted by key id go to <see cref="Groups"/>, those the top above can return (<paramref name="kept"/> rows; -1: all).</summary>
        public void SettleTally(long kept)
        {
            if (_nodeGroups is not null) _nodeGroups.Settle(_ctx, _op.Tallied!.Keys[0].Id(_ctx.Tokens), Groups, _op.Top!, kept, _interners[0], _keyCounts!);
            else _keyCounts?.MoveTo(Groups, _op.Top!, kept, _interners[0]);
        }

        private int[] KeysOwnedBy(int owner) => Enumerable.Range(0, _keyOwners.Length).Where(i => _keyOwners[i] == owner).ToArray();

        /// <summary>Evaluates the keys read from the start row into <see cref="Prefix"/>; the hops' keys are unset (-1).</summary>
        public void ReadStartKeys(object?[] row)
        {
            Array.Fill(Prefix, -1);
            if (_anyFilters) KeepStartRow(row);
            if (_startKeys.Length == 0) return;
            var mark = _ctx.Memory.Values;
            foreach (var i in _startKeys) Prefix[i] = _interners[i].Intern(_op._keys[i](row, _ctx));
            _ctx.Memory.ReleaseValuesTo(mark);
        }

        /// <summary>The start row the fused conjuncts read, copied (the start's rows are transient), their memos cleared.</summary>
        private void KeepStartRow(object?[] row)
        {
            var width = Math.Max(row.Length, _hops.SelectMany(h => h.Filters).Max(f => f.Slot) + 1);
            if (_filterRow.Length < width) _filterRow = new object?[width];
            Array.Copy(row, _filterRow, row.Length);
            foreach (var memo in _filterMemos) memo?.Clear();
        }

        public object? ValueOf(int key, int id) => _interners[key].Value(id);

        /// <summary>True when two groups may hold equivalent key values (see <see cref="KeyInterner.MayHoldEquivalents"/>).</summary>
        public bool MayHoldEquivalents => _interners.Any(i => i.MayHoldEquivalents);

        /// <summary>Counts a group's key row, kept until the rows are returned (its values are the interners').</summary>
        public void KeepGroupRow(object?[] values) => _account.Reserve(ValueSize.Array(values.Length) + ValueSize.DictionaryEntry + 16);

        /// <summary>
        /// Adds to <paramref name="sink"/> the groups of every path from <paramref name="node"/> along hops
        /// <paramref name="hop"/>.. of the chain, each path counted <paramref name="weight"/> times, its tuple completing
        /// <paramref name="prefix"/> (which holds the keys of the hops before).
        /// </summary>
        /// <returns>The work done: relationships read and remembered groups merged.</returns>
        public long Walk(int hop, long node, int[] prefix, long weight, ITupleSink sink)
        {
            if (hop == _hops.Length)
            {
                sink.Add(prefix, weight);
                return 1;
            }
            var memo = _memo[hop];
            if (memo is null) return Enumerate(hop, node, prefix, weight, sink);
            var found = memo.Find(node);
            switch (found.Kind)
            {
                case SuffixMemo.LookupKind.FirstVisit when hop == _hops.Length - 1:
                    return FirstVisitOfLastHop(memo, hop, node, prefix, weight, sink);
                case SuffixMemo.LookupKind.FirstVisit:
                    {
                        var work = Enumerate(hop, node, prefix, weight, sink);
                        memo.FirstVisitTook(node, work);
                        return work;
                    }
                case SuffixMemo.LookupKind.NotKept:
                    return Enumerate(hop, node, prefix, weight, sink);
                case SuffixMemo.LookupKind.Single:
                    return MergeSingle(memo, found, hop, prefix, weight, sink);
                case SuffixMemo.LookupKind.Table:
                    return MergeTable(found.Table!, hop, prefix, weight, sink);
                case SuffixMemo.LookupKind.Repeated when !memo.Worthwhile:
                    _memo[hop] = null;
                    return Enumerate(hop, node, prefix, weight, sink);
                default:
                    {
                        // a second visit: the groups beyond this node, made once, then kept if worth it
                        var table = _tableScratch[hop];
                        table.Clear();
                        var work = Enumerate(hop, node, _empty, 1, table);
                        memo.Offer(node, table, work);
                        return work + MergeTable(table, hop, prefix, weight, sink);
                    }
            }
        }

        /// <summary>Adds a node's one remembered group (<see cref="SuffixMemo.LookupKind.Single"/>) completed by the prefix.</summary>
        private long MergeSingle(SuffixMemo memo, SuffixMemo.Lookup found, int hop, int[] prefix, long weight, ITupleSink sink) =>
            MergeSingle(memo, found, hop, prefix, ReferenceEquals(sink, Groups) ? Groups.PackedCellPart(prefix) : -1, weight, sink);

        /// <summary>As above, with the prefix's part of its cell number (<see cref="TupleCounts.PackedCellPart"/>) known (-1: none).</summary>
        private long MergeSingle(SuffixMemo memo, SuffixMemo.Lookup found, int hop, int[] prefix, long prefixPart, long weight, ITupleSink sink)
        {
            if (!ReferenceEquals(sink, Groups) || !Groups.TryAddToParts(prefixPart, memo.SingleCellPart(found.Single, Groups), weight * found.Count))
                Merge(found.Tuple!, found.Count, hop, prefix, weight, sink);
            return 1;
        }

        private long MergeTable(TupleTable table, int hop, int[] prefix, long weight, ITupleSink sink) =>
            MergeTable(table, hop, prefix, ReferenceEquals(sink, Groups) ? Groups.PackedCellPart(prefix) : -1, weight, sink);

        /// <summary>As above, with the prefix's part of its cell number known (-1: none; it is worked out again after a layout change).</summary>
        private long MergeTable(TupleTable table, int hop, int[] prefix, long prefixPart, long weight, ITupleSink sink)
        {
            if (ReferenceEquals(sink, Groups) && Groups.IsDense)
            {
                // the groups are cells: each entry's part of its cell number is remembered with the table (its groups
                // exist already after the first merges), the prefix's is given
                for (var e = 0; e < table.Count; e++)
                {
                    if (Groups.TryAddToParts(prefixPart, table.CellPartAt(e, Groups), weight * table.CountAt(e))) continue;
                    Merge(table.TupleAt(e), table.CountAt(e), hop, prefix, weight, sink);
                    prefixPart = Groups.PackedCellPart(prefix); // the add may have laid the cells out again
                }
                return table.Count;
            }
            for (var e = 0; e < table.Count; e++) Merge(table.TupleAt(e), table.CountAt(e), hop, prefix, weight, sink);
            return table.Count;
        }

        /// <summary>Adds a group beyond the node (its keys set, the others -1) completed by the prefix (the keys before it).</summary>
        private void Merge(int[] tuple, long count, int hop, int[] prefix, long weight, ITupleSink sink)
        {
            var merged = _merged[hop];
            for (var i = 0; i < merged.Length; i++) merged[i] = tuple[i] >= 0 ? tuple[i] : prefix[i];
            sink.Add(merged, weight * count);
        }

        private long Enumerate(int hop, long node, int[] prefix, long weight, ITupleSink sink)
        {
            var shape = _hops[hop];
            var types = _types[hop] ??= shape.Types.Resolve(_ctx);
            if (types is { Count: 0 }) return 1;
            var tuple = _scratch[hop];
            Array.Copy(prefix, tuple, tuple.Length);
            if (_readsRelationships[hop]) return EnumerateRelationships(hop, node, types, tuple, weight, sink);
            return EnumerateRead(hop, node, ReadNeighbours(hop, node, types), tuple, weight, sink);
        }

        /// <summary>
        /// The first visit of a node at the last hop: with a few relationships, its groups go into a table first and the
        /// memo keeps it at once (an expert's one institution), so its second visit does not read its adjacency again, a
        /// read that costs a few dependent cache misses per node; with more, they go straight to the sink as in
        /// <see cref="Enumerate"/>.
        /// </summary>
        private long FirstVisitOfLastHop(SuffixMemo memo, int hop, long node, int[] prefix, long weight, ITupleSink sink)
        {
            var types = _types[hop] ??= _hops[hop].Types.Resolve(_ctx);
            if (types is { Count: 0 })
            {
                memo.FirstVisitTook(node, 1);
                return 1;
            }
            // a hop whose keys read its relationships (a claim's alignments for a.sign) reads them whole, once
            var relationships = _readsRelationships[hop];
            var neighbours = relationships ? null : ReadNeighbours(hop, node, types);
            if (relationships) _adjacency[hop].Read(_ctx, node, _hops[hop].Direction, types);
            var tuple = _scratch[hop];
            if ((neighbours?.Count ?? _adjacency[hop].Count) > FirstVisitTabled)
            {
                Array.Copy(prefix, tuple, tuple.Length);
                var direct = EnumerateFirstRead(hop, node, neighbours, tuple, weight, sink);
                memo.FirstVisitTook(node, direct);
                return direct;
            }
            var table = _tableScratch[hop];
            table.Clear();
            Array.Copy(_empty, tuple, tuple.Length);
            var work = EnumerateFirstRead(hop, node, neighbours, tuple, 1, table);
            memo.Offer(node, table, work);
            return work + MergeTable(table, hop, prefix, weight, sink);
        }

        /// <summary>The paths through what was just read for the hop: its neighbours, or (null) its relationships in <see cref="_adjacency"/>.</summary>
        private long EnumerateFirstRead(int hop, long node, NeighbourList? neighbours, int[] tuple, long weight, ITupleSink sink) =>
            neighbours is null ? EnumerateAdjacency(hop, node, tuple, weight, sink) : EnumerateRead(hop, node, neighbours, tuple, weight, sink);

        /// <summary>The paths through the neighbours just read, <paramref name="tuple"/> holding the keys before this hop.</summary>
        private long EnumerateRead(int hop, long node, NeighbourList neighbours, int[] tuple, long weight, ITupleSink sink)
        {
            var shape = _hops[hop];
            if (hop == _hops.Length - 1)
            {
                if (_tally is not null) return TallyLastHop(hop, neighbours, weight);
                if (_relKeys[hop].Length == 0 && _nodeKeys[hop].Length == 0 && shape.Filters.Length == 0)
                    return CountLastHop(hop, neighbours, tuple, weight, sink);
            }
            else if (CountsKnownSuffixes(hop, sink)) return EnumerateKnownSuffixes(hop, node, neighbours, tuple, weight);
            var others = neighbours.Others;
            var rels = neighbours.Relationships;
            var relTypes = neighbours.Types;
            var relKeys = _relKeys[hop];
            var nodeKeys = _nodeKeys[hop];
            var next = hop + 1 < _memo.Length ? _memo[hop + 1] : null;
            // the tuple's part of its cell number, worked out again only when the tuple or the cells' layout changed: a
            // node's relationships come grouped by type, so an expert's stances of one type share one part
            var part = new PrefixPart();
            long work = 1;
            for (var i = 0; i < others.Length; i++)
            {
                _ctx.Tick();
                var other = others[i];
                work++;
                var known = next?.Peek(other) ?? default;
                if (shape.TargetLabels.Length > 0 && !known.Known && !HasLabels(hop, other)) continue;
                if (shape.DistinctFrom.Length > 0 && UsedBefore(shape.DistinctFrom, rels[i])) continue;
                // conjuncts on a relationship make the hop read whole relationships (EnumerateRelationships)
                if (shape.Filters.Length > 0 && !PassesFilters(hop, default, other, true)) continue;
                _relIds[hop] = rels[i];
                foreach (var k in relKeys)
                {
                    var id = RelationshipKeyId(k, rels[i], relTypes[i]);
                    if (tuple[k] != id) part.Changed();
                    tuple[k] = id;
                }
                if (nodeKeys.Length > 0)
                {
                    SetNodeKeys(hop, nodeKeys, shape.ToSlot, other, tuple, true);
                    part.Changed();
                }
                // a node whose groups beyond are remembered: merged here, as Walk would after the same lookup
                switch (known.Kind)
                {
                    case SuffixMemo.LookupKind.Single:
                        work += MergeSingle(next!, known, hop + 1, tuple, part.Of(tuple, Groups, sink), weight, sink);
                        break;
                    case SuffixMemo.LookupKind.Table:
                        work += MergeTable(known.Table!, hop + 1, tuple, part.Of(tuple, Groups, sink), weight, sink);
                        break;
                    default:
                        work += Walk(hop + 1, other, tuple, weight, sink);
                        break;
                }
            }
            return work;
        }

        /// <summary>
        /// The last hop with no key of its own: its paths all fall in the prefix's group, so the far nodes that pass the
        /// label check are counted and added once (a claim's endorsers by claim: one add per claim, not per endorser).
        /// </summary>
        private long CountLastHop(int hop, NeighbourList neighbours, int[] tuple, long weight, ITupleSink sink)
        {
            var others = neighbours.Others;
            var shape = _hops[hop];
            long matched = 0;
            if (shape.TargetLabels.Length == 0 && shape.DistinctFrom.Length == 0) matched = others.Length;
            else if (shape.DistinctFrom.Length == 0 && _labels[hop] is { } membership) matched = CountMembers(membership, others);
            else
            {
                var rels = neighbours.Relationships;
                for (var i = 0; i < others.Length; i++)
                {
                    _ctx.Tick();
                    if (shape.TargetLabels.Length > 0 && !HasLabels(hop, others[i])) continue;
                    if (shape.DistinctFrom.Length > 0 && UsedBefore(shape.DistinctFrom, rels[i])) continue;
                    matched++;
                }
            }
            if (matched > 0) sink.Add(tuple, weight * matched);
            return 1 + others.Length;
        }

        /// <summary>The last hop's far nodes that pass the label check and relationship uniqueness, tallied per node (see <see cref="FlushTally"/>).</summary>
        private long TallyLastHop(int hop, NeighbourList neighbours, long weight)
        {
            var others = neighbours.Others;
            var rels = neighbours.Relationships;
            var shape = _hops[hop];
            var tally = _tally!;
            var membership = _labels[hop];
            membership?.Expect(others.Length);
            // once the store's label bitmaps are taken, a far node's labels are tested here bit by bit (a node per path)
            var bits = membership?.SharedBits;
            if (bits is { Length: 1 } && shape.TargetLabels.Length > 0 && shape.DistinctFrom.Length <= 1)
                return TallyOneLabel(bits[0], shape.DistinctFrom, others, rels, weight);
            for (var i = 0; i < others.Length; i++)
            {
                _ctx.Tick();
                var other = others[i];
                if (shape.TargetLabels.Length > 0)
                {
                    if (bits is not null)
                    {
                        if (!InAll(bits, other)) continue;
                    }
                    else
                    {
                        if (!HasLabels(hop, other)) continue;
                        bits = membership?.SharedBits;
                    }
                }
                if (shape.DistinctFrom.Length > 0 && UsedBefore(shape.DistinctFrom, rels[i])) continue;
                tally.Add(other, weight);
            }
            return 1 + others.Length;
        }

        /// <summary>
        /// <see cref="TallyLastHop"/> once the far label's bitmap is taken, for one label and at most one earlier hop of the
        /// same type: the loop an expert's allies take (a few thousand paths), with the checks that are the same for the
        /// whole list (the label, the earlier relationship) read once, and the work counted once.
        /// </summary>
        private long TallyOneLabel(LabelBits label, int[] distinctFrom, ReadOnlySpan<long> others, ReadOnlySpan<long> rels, long weight)
        {
            var tally = _tally!;
            var checkUsed = distinctFrom.Length == 1;
            var used = checkUsed ? _relIds[distinctFrom[0]] : 0;
            _ctx.Tick(others.Length);
            for (var i = 0; i < others.Length; i++)
            {
                var other = others[i];
                if (!label.Contains(other)) continue;
                if (checkUsed && rels[i] == used) continue;
                tally.Add(other, weight);
            }
            return 1 + others.Length;
        }

        /// <summary>The node's relationships of the hop as ids (its far nodes and types), counted against the memory limit when large.</summary>
        private NeighbourList ReadNeighbours(int hop, long node, IReadOnlyList<int>? types)
        {
            var neighbours = _neighbours[hop];
            neighbours.Clear();
            _ctx.Tx.ReadNeighbours(node, _hops[hop].Direction, types, neighbours);
            CountNeighbours(hop);
            return neighbours;
        }

        /// <summary>
        /// A hub's list (millions of relationships) is held while the walk goes on beneath it: counted against the memory
        /// limit as the capacity a fresh list would have grown to for what this run read into it (16 entries doubled: the
        /// list may come from <see cref="NeighbourListPool"/> larger than that).
        /// </summary>
        private void CountNeighbours(int hop)
        {
            var read = _neighbours[hop].Count;
            if (read <= UncountedNeighbours || read <= _neighboursCounted[hop]) return;
            var grown = (int)Math.Min(int.MaxValue, BitOperations.RoundUpToPowerOf2((uint)read));
            _account.Reserve((long)(grown - Math.Max(_neighboursCounted[hop], UncountedNeighbours)) * NeighbourBytes);
            _neighboursCounted[hop] = grown;
        }

        /// <summary>A hop whose keys read its relationships' ends or properties: read as <see cref="RelationshipRef"/>s.</summary>
        private long EnumerateRelationships(int hop, long node, IReadOnlyList<int>? types, int[] tuple, long weight, ITupleSink sink)
        {
            _adjacency[hop].Read(_ctx, node, _hops[hop].Direction, types);
            return EnumerateAdjacency(hop, node, tuple, weight, sink);
        }

        /// <summary>The paths through the relationships just read into the hop's <see cref="_adjacency"/>.</summary>
        private long EnumerateAdjacency(int hop, long node, int[] tuple, long weight, ITupleSink sink)
        {
            var shape = _hops[hop];
            var adjacency = _adjacency[hop];
            var relKeys = _relKeys[hop];
            var nodeKeys = _nodeKeys[hop];
            long work = 1;
            for (var i = 0; i < adjacency.Count; i++)
            {
                _ctx.Tick();
                var r = adjacency[i];
                var other = r.OtherEnd(node);
                work++;
                if (shape.TargetLabels.Length > 0 && !KnownAtNextHop(hop, other) && !HasLabels(hop, other)) continue;
                if (shape.DistinctFrom.Length > 0 && UsedBefore(shape.DistinctFrom, r.Id)) continue;
                if (shape.Filters.Length > 0 && !PassesFilters(hop, r, other, true)) continue;
                _relIds[hop] = r.Id;
                SetRelationshipKeys(relKeys, shape.RelSlot, r, tuple);
                if (nodeKeys.Length > 0) SetNodeKeys(hop, nodeKeys, shape.ToSlot, other, tuple, true);
                work += Walk(hop + 1, other, tuple, weight, sink);
            }
            return work;
        }

        private bool UsedBefore(int[] hops, long relationship)
        {
            foreach (var h in hops)
                if (_relIds[h] == relationship) return true;
            return false;
        }

        /// <summary>The hop's WHERE conjuncts on the start row and this entity, a far node's answer remembered for the start row.</summary>
        private bool PassesFilters(int hop, RelationshipRef r, long node, bool remember)
        {
            var memo = remember ? _filterMemos[hop] : null;
            if (memo is not null && memo.TryGet(node, out var known)) return known;
            var passes = true;
            var mark = _ctx.Memory.Values;
            foreach (var filter in _hops[hop].Filters)
            {
                _filterRow[filter.Slot] = filter.OnRelationship ? QueryContext.Rel(r) : new NodeValue(node);
                if (!ChainFilter.Passes(filter.Predicate(_filterRow, _ctx)))
                {
                    passes = false;
                    break;
                }
            }
            _ctx.Memory.ReleaseValuesTo(mark);
            memo?.Add(node, passes);
            return passes;
        }

        /// <summary>
        /// Whether the next hop's memo has walked <paramref name="node"/> before: it passed this hop's label checks then
        /// (a claim reached from a hundred stances is looked up in the label bitmaps once, not a hundred times).
        /// </summary>
        private bool KnownAtNextHop(int hop, long node) => hop + 1 < _memo.Length && _memo[hop + 1] is { } next && next.Knows(node);

        private static bool InAll(LabelBits[] bits, long node)
        {
            foreach (var b in bits)
                if (!b.Contains(node)) return false;
            return true;
        }

        private bool HasLabels(int hop, long node)
        {
            if (_labels[hop] is { } membership) return membership.Check(node, _ctx);
            foreach (var l in _hops[hop].TargetLabels)
                if (!_ctx.NodeHasLabel(node, l)) return false;
            return true;
        }

        private void SetRelationshipKeys(int[] relKeys, int slot, RelationshipRef r, int[] tuple)
        {
            RelValue? value = null;
            long mark = -1;
            foreach (var i in relKeys)
            {
                // type(r): interned once per relationship type, r.name read from the store, no value built
                if (_op.ReadsRelationshipId(i))
                {
                    tuple[i] = RelationshipKeyId(i, r.Id, r.Type);
                    continue;
                }
                if (mark < 0) mark = _ctx.Memory.Values;
                value ??= QueryContext.Rel(r);
                tuple[i] = _interners[i].Intern(_op._keys[i](KeyRow(slot, value), _ctx));
            }
            if (mark >= 0) _ctx.Memory.ReleaseValuesTo(mark);
        }

        private void SetNodeKeys(int hop, int[] nodeKeys, int slot, long node, int[] tuple, bool remember)
        {
            var cache = remember ? _nodeKeyCaches[hop] : null;
            if (cache is not null && cache.TryGet(node, out var known))
            {
                for (var k = 0; k < nodeKeys.Length; k++) tuple[nodeKeys[k]] = known[k];
                return;
            }
            var value = new NodeValue(node);
            var mark = _ctx.Memory.Values;
            foreach (var i in nodeKeys) tuple[i] = _interners[i].Intern(_op._keys[i](KeyRow(slot, value), _ctx));
            _ctx.Memory.ReleaseValuesTo(mark);
            if (cache is null) return;
            var ids = _keyIds[hop];
            for (var k = 0; k < ids.Length; k++) ids[k] = tuple[nodeKeys[k]];
            cache.Add(node, ids);
        }

        /// <summary>A row holding only the entity a key reads (the planner fuses only keys that read one entity).</summary>
        private object?[] KeyRow(int slot, object value)
        {
            if (_keyRow.Length <= slot) _keyRow = new object?[Math.Max(slot + 1, _op._width)];
            _keyRow[slot] = value;
            return _keyRow;
        }

        /// <summary>
        /// A tuple's part of its cell number in the groups (<see cref="TupleCounts.PackedCellPart"/>), kept while neither
        /// the tuple (<see cref="Changed"/>) nor the cells' layout changes; -1 when the sink is not the groups.
        /// </summary>
        private struct PrefixPart
        {
            private long _part;
            private int _layout;
            private bool _known;

            public void Changed() => _known = false;

            public long Of(int[] tuple, TupleCounts groups, ITupleSink sink)
            {
                if (!ReferenceEquals(sink, groups)) return -1;
                if (!_known || _layout != groups.Layout)
                {
                    _part = groups.PackedCellPart(tuple);
                    _layout = groups.Layout;
                    _known = true;
                }
                return _part;
            }
        }

        public void Dispose()
        {
            foreach (var a in _adjacency) a.Dispose();
            foreach (var list in _neighbours) NeighbourListPool.Return(list);
            _tally?.Return();
            _keyCounts?.Return();
            _nodeGroups?.Return();
            // the groups' arrays go back to their pool (the rows have been made from them)
            Groups.Return();
            // the groups' key values stay with the rows made from them: only the interners' tables are kept
            if (_ownsInterners)
                foreach (var interner in _interners) interner.Return();
            _account.Dispose();
        }
    }
}
