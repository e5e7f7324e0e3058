using System.Runtime.InteropServices;
using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>The walk of a chain counted from an inner node (<see cref="ChainCountMiddle"/>).</summary>
internal sealed partial class ChainCountOp
{
    /// <summary>
    /// With at most this many groups on the right of a middle node, the left side is walked once per right group
    /// (its paths added straight to the groups, the right group as their prefix); with more, the left side's groups go
    /// to a table first and the two tables are multiplied.
    /// </summary>
    private const int RightGroupsWalkedEach = 4;

    /// <summary>Bytes a middle node's table holds per group while it is multiplied (as the remembered tables count theirs).</summary>
    private const long TableEntryBytes = 48;

    /// <summary>
    /// Adds every path of the chain to <paramref name="left"/>'s groups, visiting the middle nodes in the scan's order
    /// (ids ascending, mostly): for each, the groups to its right first (a node with none adds nothing, and its left side's keys
    /// are never evaluated), then its left side completed by each of them.
    /// </summary>
    private void CountFromMiddle(QueryContext ctx, object?[] argument, Run left, Run right)
    {
        var middle = Middle!;
        var rightTable = new TupleTable();
        var leftTable = new TupleTable();
        var merged = new int[_keys.Length];
        var scanned = middle.Scanned.Id(ctx.Tokens);
        if (scanned < 0) return; // no node has the label
        // the middle node's keys read it in its slot: the argument's row with the node set (only when such a key exists)
        var row = (object?[])argument.Clone();
        if (row.Length <= middle.Slot) Array.Resize(ref row, Math.Max(_width, middle.Slot + 1));
        // both sides' first hops read ids only: each middle node's two lists come from one store read (the node and its
        // groups found once), and the left side's list is walked as many times as the right side has groups
        var readTogether = right.FirstHopReadsIds(out var rightTypes) & left.FirstHopReadsIds(out var leftTypes);
        // the middle nodes read into a kept list (ids ascending, but for the index's late members), held while they are walked
        var nodes = ScannedNodeLists.Rent();
        try
        {
            foreach (var _ in start.ExecuteTransient(ctx, argument))
            {
                nodes.Clear();
                ReadMiddleNodes(ctx, scanned, nodes);
                var held = 8L * nodes.Count;
                left.Account.Reserve(held);
                CountFromMiddleNodes(ctx, nodes, row, left, right, rightTable, leftTable, merged, readTogether, rightTypes, leftTypes);
                left.Account.Release(held);
            }
        }
        finally
        {
            ScannedNodeLists.Return(nodes);
        }
    }

    /// <summary>
    /// The middle label's nodes: from the store's bitmap of the label for this snapshot when it keeps one (one bit per
    /// node id, shared by readers; ids ascending), else from the label's index (in its order), each candidate checked at the reader's
    /// version (a node lookup each: 100,000 experts), and those lookups reported to the store, which builds the bitmap
    /// once they pay for it (so the next statement on this snapshot reads the bits). A writer's view gets no bitmap.
    /// </summary>
    private static void ReadMiddleNodes(QueryContext ctx, int label, List<long> nodes)
    {
        if (ctx.Tx.KnownLabelMembers(label, 0) is { } members)
        {
            members.AppendMembers(nodes);
            return;
        }
        ctx.Tx.ReadNodesWithLabel(label, nodes);
        ctx.Tx.LabelMembers(label, nodes.Count);
    }

    /// <summary>The paths through each of <paramref name="nodes"/> (the middle label's, ids ascending), added to <paramref name="left"/>'s groups.</summary>
    private void CountFromMiddleNodes(QueryContext ctx, List<long> nodes, object?[] row, Run left, Run right, TupleTable rightTable,
        TupleTable leftTable, int[] merged, bool readTogether, IReadOnlyList<int>? rightTypes, IReadOnlyList<int>? leftTypes)
    {
        var middle = Middle!;
        foreach (var node in CollectionsMarshal.AsSpan(nodes))
        {
            ctx.Tick();
            if (!HasCheckedLabels(ctx, middle, node)) continue;
            if (middle.ReadsMiddleNode) row[middle.Slot] = new NodeValue(node);
            right.ReadStartKeys(row);
            rightTable.Clear();
            if (readTogether)
            {
                ctx.Tx.ReadNeighbours(node, right.FirstHopDirection, rightTypes, right.ClearedFirstHopList(),
                    left.FirstHopDirection, leftTypes, left.ClearedFirstHopList());
                right.CountFirstHopList();
                left.CountFirstHopList();
                right.WalkFirstHopRead(node, right.Prefix, 1, rightTable);
            }
            else right.Walk(0, node, right.Prefix, 1, rightTable);
            if (rightTable.Count == 0) continue;
            if (rightTable.Count <= RightGroupsWalkedEach)
            {
                for (var g = 0; g < rightTable.Count; g++) WalkLeft(left, node, rightTable.TupleAt(g), rightTable.CountAt(g), left.Groups, readTogether);
                continue;
            }
            leftTable.Clear();
            WalkLeft(left, node, left.NoKeys, 1, leftTable, readTogether);
            // both tables are held while they are multiplied (a hub's groups on both sides)
            var held = (leftTable.Count + (long)rightTable.Count) * TableEntryBytes;
            left.Account.Reserve(held);
            for (var l = 0; l < leftTable.Count; l++)
            {
                var lt = leftTable.TupleAt(l);
                for (var r = 0; r < rightTable.Count; r++)
                {
                    ctx.Tick();
                    var rt = rightTable.TupleAt(r);
                    // each key belongs to one side: the other side's entry is -1
                    for (var i = 0; i < merged.Length; i++) merged[i] = lt[i] >= 0 ? lt[i] : rt[i];
                    left.Groups.Add(merged, leftTable.CountAt(l) * rightTable.CountAt(r));
                }
            }
            left.Account.Release(held);
        }
    }

    /// <summary>The left side's paths from <paramref name="node"/>: its first hop's list read already (<paramref name="read"/>) or read now.</summary>
    private static void WalkLeft(Run left, long node, int[] prefix, long weight, ITupleSink sink, bool read)
    {
        if (read) left.WalkFirstHopRead(node, prefix, weight, sink);
        else left.Walk(0, node, prefix, weight, sink);
    }

    private static bool HasCheckedLabels(QueryContext ctx, ChainCountMiddle middle, long node)
    {
        foreach (var label in middle.CheckedLabels)
            if (!ctx.NodeHasLabel(node, label)) return false;
        return true;
    }

    /// <summary>The first hop of a run whose list the caller reads (with the other side's, <see cref="CountFromMiddle"/>).</summary>
    private sealed partial class Run
    {
        /// <summary>
        /// Whether the caller may read the first hop's list itself (<see cref="ClearedFirstHopList"/>, then
        /// <see cref="WalkFirstHopRead"/>): the hop reads ids only, remembers no tables, and has types that exist
        /// (<paramref name="types"/>, null for all); otherwise <see cref="Walk"/> reads it.
        /// </summary>
        public bool FirstHopReadsIds(out IReadOnlyList<int>? types)
        {
            types = _types[0] ??= _hops[0].Types.Resolve(_ctx);
            return !_readsRelationships[0] && _memo[0] is null && types is not { Count: 0 };
        }

        public Direction FirstHopDirection => _hops[0].Direction;

        /// <summary>The first hop's list, empty, for the caller to fill.</summary>
        public NeighbourList ClearedFirstHopList()
        {
            var list = _neighbours[0];
            list.Clear();
            return list;
        }

        /// <summary>The first hop's list just filled, counted against the memory limit when large (as <see cref="ReadNeighbours"/> counts it).</summary>
        public void CountFirstHopList() => CountNeighbours(0);

        /// <summary>What <see cref="Walk"/> from hop 0 adds, through the list the caller read (the same list for each call).</summary>
        public long WalkFirstHopRead(long node, int[] prefix, long weight, ITupleSink sink)
        {
            var tuple = _scratch[0];
            Array.Copy(prefix, tuple, tuple.Length);
            return EnumerateRead(0, node, _neighbours[0], tuple, weight, sink);
        }
    }
}
