using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>One hop: (from)-[rel:TYPES]->(to). Skips relationships already used by the same pattern.</summary>
internal sealed class ExpandOp(PlanOperator source, int fromSlot, int relSlot, int toSlot, Direction direction, RelTypeFilter types,
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

    /// <summary>True when the relationship comes bound in the input rows (this hop only checks it).</summary>
    public bool RelationshipBound => relBound;

    /// <summary>The slot this hop binds its far node in.</summary>
    public int TargetSlot => toSlot;

    /// <summary>
    /// Set by the planner in a read-only statement when the next hop is an Expand(Into) from this hop's far node to a
    /// node bound before: far nodes not joined to that node are dropped here, before their label check and values
    /// (see <see cref="FarNodeJoin"/>, <see cref="JoinedFarNodes"/>).
    /// </summary>
    public FarNodeJoin? JoinedTo
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    }

    /// <summary>
    /// Set by the planner on an Expand(Into) whose source expand keeps its far nodes joined to this hop's bound end
    /// (<see cref="JoinedTo"/>, the same object): that expand's <see cref="JoinedFarNodes"/> hold the bound end's
    /// relationships of this hop's types, read from the bound end, so this hop finds a row's relationships there instead
    /// of reading an adjacency again.
    /// </summary>
    public FarNodeJoin? JoinedBelow
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    }

    /// <summary>The hop's shape, read by the planner when it fuses a chain of hops into a <see cref="ChainCountOp"/>.</summary>
    internal ChainHop Shape => new(fromSlot, relSlot, toSlot, direction, types, toBound || relBound, otherRelSlots, description);

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
    /// Counting mode (set by the planner when this is an anonymous last hop right below an aggregation that reads
    /// neither the relationship nor the far node): one row per source row with at least one match, the number of
    /// matches in this slot (a long), instead of one identical row per match. Without a label check or relationship
    /// uniqueness to apply, the number is the node's degree and no relationship is read.
    /// </summary>
    public int CountSlot
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    } = -1;

    /// <summary>True when the planner may count this hop instead of enumerating it (see <see cref="CountSlot"/>).</summary>
    public bool CanCount => !BindRelationship && !BindTarget && !toBound && !relBound;

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

    /// <summary>
    /// Into a bound target, in a read-only statement: once an end repeats from one row to the next (the same node for
    /// every row), its relationships are read once and indexed by their other end (<see cref="FixedEndRelationships"/>),
    /// instead of reading an adjacency per row.
    /// </summary>
    public bool IndexFixedEnd
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    }

    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument) => Expand(ctx, argument, transient: false);

    /// <summary>
    /// For a consumer done with each row before the next (<see cref="PlanOperator.ExecuteTransient"/>): one output buffer,
    /// overwritten per row as with <see cref="ReuseRows"/>, and the source's rows are transient too (each source row is
    /// done with before the next is asked for: its relationships are all expanded first). With
    /// <paramref name="reuseValues"/> (its consumer keeps no value of a row past the row) the relationship and far node
    /// values are moved from row to row too: one of each per execution instead of one per row.
    /// </summary>
    protected override IEnumerable<object?[]> ProduceTransient(QueryContext ctx, object?[] argument, bool reuseValues) =>
        Expand(ctx, argument, transient: true, reuseValues);

    private IEnumerable<object?[]> Expand(QueryContext ctx, object?[] argument, bool transient, bool reuseValues = false)
    {
        StackGuard.Ensure();
        var reuseRows = ReuseRows || transient;
        object?[]? buffer = null;
        // the values of the last row, moved to the next row's entities when reuseValues (made anew otherwise)
        RelValue? lastRel = null;
        NodeValue? lastNode = null;
        // one node's relationships at a time, read in one call (the buffer is reused from row to row)
        using var adjacency = new AdjacencyBuffer();
        // made when first needed: not at all while the expand below shares its joined end's relationships
        FixedEndRelationships? fixedEnd = null;
        var joinedTo = JoinedTo;
        using var joined = joinedTo is null ? null : new JoinedFarNodes();
        if (joined is not null) ctx.ShareJoin(joinedTo!, joined);
        var joinedBelow = JoinedBelow;
        JoinedFarNodes? below = null;
        try
        {
            var labelChecks = new TargetLabelChecks();
            // this expand is done with a source row when it asks for the next: the source's values may move as well
            foreach (var row in transient ? source.ExecuteTransient(ctx, argument, reuseValues) : source.Execute(ctx, argument))
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
                if (CountSlot >= 0)
                {
                    var count = Count(ctx, row, from.Id, typeIds, adjacency, ref labelChecks);
                    if (count == 0) continue;
                    if (reuseRows)
                    {
                        if (buffer is null || buffer.Length != row.Length) buffer = new object?[row.Length];
                        RowCopy.Into(row, buffer);
                    }
                    var counted = buffer ?? (object?[])row.Clone();
                    counted[CountSlot] = CypherValues.Int(count);
                    yield return counted;
                    continue;
                }
                var targetId = toBound ? (row[toSlot] as NodeValue)?.Id : null;
                if (toBound && targetId is null) continue;
                if (reuseRows)
                {
                    if (buffer is null || buffer.Length != row.Length) buffer = new object?[row.Length];
                    RowCopy.Into(row, buffer);
                }
                // the expand below published its set when it started, before its first row
                if (joinedBelow is not null) below ??= ctx.SharedJoin(joinedBelow);
                if (!(targetId is { } into && into != from.Id &&
                      (below?.TryFind(ctx, into, typeIds, from.Id, adjacency) == true ||
                       (IndexFixedEnd && (fixedEnd ??= new FixedEndRelationships()).TryFind(ctx, from.Id, into, direction, typeIds, adjacency)))))
                {
                    ReadCandidates(ctx, from.Id, targetId, typeIds, adjacency);
                    fixedEnd?.Spent(adjacency.Count);
                }
                var join = targetId is null && joined is not null && row[joinedTo!.NodeSlot] is NodeValue joinNode &&
                           joined.Prepare(ctx, joinNode.Id, joinedTo.Direction, joinedTo.Types.Resolve(ctx), adjacency.Count);
                // far nodes about to be read (their labels, or by the operators above): ask for them a few rows ahead
                // (not when the join drops most of them unread)
                if (TargetLabels.Length > 0) AskStoreBitmaps(ctx, ref labelChecks, adjacency.Count);
                var prefetch = targetId is null && !join && (BindTarget || TargetLabels.Length > 0) && FarNodePrefetch.TryStart(ctx, adjacency, from.Id);
                for (var i = 0; i < adjacency.Count; i++)
                {
                    ctx.Tick();
                    if (prefetch) FarNodePrefetch.Next(ctx, adjacency, from.Id, i);
                    var r = adjacency[i];
                    var other = r.OtherEnd(from.Id);
                    // read from either side: the relationship must join exactly these two nodes
                    if (targetId is { } target && (other != target || r.OtherEnd(target) != from.Id)) continue;
                    if (join && !joined!.Contains(other)) continue;
                    if (otherRelSlots.Length > 0 && Used(row, r.Id)) continue;
                    if (TargetLabels.Length > 0 &&
                        !(labelChecks.StoreBit is { } bit ? bit.Contains(other) : TargetHasLabels(ctx, other, ref labelChecks))) continue;
                    var copy = buffer ?? (object?[])row.Clone();
                    // a moved value is usually in the reused buffer already (since its source row was copied in): not
                    // stored again, which would cost a type check and a write barrier per row
                    if (BindRelationship)
                    {
                        if (reuseValues && lastRel is not null) lastRel.MoveTo(r);
                        else lastRel = QueryContext.Rel(r);
                        if (!ReferenceEquals(copy[relSlot], lastRel)) copy[relSlot] = lastRel;
                    }
                    if (!toBound && BindTarget)
                    {
                        if (reuseValues && lastNode is not null) lastNode.MoveTo(other);
                        else lastNode = new NodeValue(other);
                        if (!ReferenceEquals(copy[toSlot], lastNode)) copy[toSlot] = lastNode;
                    }
                    yield return copy;
                }
            }
        }
        finally
        {
            fixedEnd?.Dispose();
        }
    }

    /// <summary>The number of rows the hop would produce from <paramref name="from"/> (counting mode).</summary>
    private long Count(QueryContext ctx, object?[] row, long from, IReadOnlyList<int>? typeIds, AdjacencyBuffer adjacency,
        ref TargetLabelChecks labelChecks)
    {
        if (TargetLabels.Length == 0 && otherRelSlots.Length == 0)
        {
            ctx.Tick();
            return ctx.Tx.Degree(from, direction, typeIds);
        }
        long count = 0;
        adjacency.Read(ctx, from, direction, typeIds);
        if (TargetLabels.Length > 0) AskStoreBitmaps(ctx, ref labelChecks, adjacency.Count);
        foreach (var r in adjacency.AsSpan())
        {
            ctx.Tick();
            if (otherRelSlots.Length > 0 && Used(row, r.Id)) continue;
            if (TargetLabels.Length > 0 && !TargetHasLabels(ctx, r.OtherEnd(from), ref labelChecks)) continue;
            count++;
        }
        return count;
    }

    /// <summary>
    /// The relationships to try from a node, into <paramref name="into"/>. Into a bound target, the side with the smaller degree is read
    /// (a claim with thousands of participants is checked from the expert's few stances, or the other way round).
    /// </summary>
    private void ReadCandidates(QueryContext ctx, long from, long? target, IReadOnlyList<int>? typeIds, AdjacencyBuffer into)
    {
        if (target is { } to && to != from)
        {
            var reverse = direction switch { Direction.Outgoing => Direction.Incoming, Direction.Incoming => Direction.Outgoing, _ => Direction.Both };
            if (ctx.Tx.Degree(to, reverse, typeIds) < ctx.Tx.Degree(from, direction, typeIds))
            {
                into.Read(ctx, to, reverse, typeIds);
                return;
            }
        }
        into.Read(ctx, from, direction, typeIds);
    }

    /// <summary>Whether a far node has <see cref="TargetLabels"/>: looked up directly in a small expansion, remembered in a large one.</summary>
    private bool TargetHasLabels(QueryContext ctx, long node, ref TargetLabelChecks checks)
    {
        if (checks.StoreBit is { } bit) return bit.Contains(node);
        if (checks.StoreBits is { } bits)
        {
            foreach (var label in bits)
                if (!label.Contains(node)) return false;
            return true;
        }
        // two bitmaps (and perhaps a label scan) cost more than a few lookups
        if (checks.Cache is null && CacheLabelChecks && ++checks.Uncached > 256) checks.Cache = new LabelMembership(TargetLabels, TargetLabelCount);
        return checks.Cache?.Check(node, ctx) ?? HasLabels(ctx, node);
    }

    /// <summary>
    /// Once per execution, in a read-only statement: the store's bitmaps of the target labels if it already has them
    /// for this snapshot (a lock-free read, so a small expansion can afford it); otherwise the lookups about to be made
    /// are counted toward the store building them, and the nodes are looked up as before.
    /// </summary>
    private void AskStoreBitmaps(QueryContext ctx, ref TargetLabelChecks checks, int lookups)
    {
        if (checks.Asked || !CacheLabelChecks) return;
        checks.Asked = true;
        if (TargetLabels.Length == 1)
        {
            checks.StoreBit = KnownBits(ctx, TargetLabels[0], lookups);
            return;
        }
        var bits = new LabelBits[TargetLabels.Length];
        for (var i = 0; i < bits.Length; i++)
            if ((bits[i] = KnownBits(ctx, TargetLabels[i], lookups)!) is null) return;
        checks.StoreBits = bits;
    }

    private static LabelBits? KnownBits(QueryContext ctx, LabelToken label, int lookups) =>
        label.Id(ctx.Tokens) is var id and >= 0 ? ctx.Tx.KnownLabelMembers(id, lookups) : null;

    /// <summary>How one execution checks far nodes' labels: the store's bitmaps, or lookups remembered after a while.</summary>
    private struct TargetLabelChecks
    {
        public bool Asked;
        // the store's bitmap of the only target label, or of each of several
        public LabelBits? StoreBit;
        public LabelBits[]? StoreBits;
        public LabelMembership? Cache;
        public int Uncached;
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
        if (CountSlot >= 0) return $"{(TargetLabels.Length == 0 && otherRelSlots.Length == 0 ? "DegreeCount" : "ExpandCount")}({description}{labels})";
        if (toBound && !relBound) return $"Expand(Into)({description}{(IndexFixedEnd ? ", indexing a repeated end" : "")})";
        return $"Expand({description}{labels}{(JoinedTo is { } j ? $", keeping ends joined to {j.NodeName}" : "")})";
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
