using Graph.Engine.Runtime;

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
    /// (ids ascending): for each, the groups to its right first (a node with none adds nothing, and its left side's keys
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
        foreach (var _ in start.ExecuteTransient(ctx, argument))
        foreach (var node in ctx.Tx.NodesWithLabel(scanned))
        {
            ctx.Tick();
            if (!HasCheckedLabels(ctx, middle, node)) continue;
            if (middle.ReadsMiddleNode) row[middle.Slot] = new NodeValue(node);
            right.ReadStartKeys(row);
            rightTable.Clear();
            right.Walk(0, node, right.Prefix, 1, rightTable);
            if (rightTable.Count == 0) continue;
            if (rightTable.Count <= RightGroupsWalkedEach)
            {
                for (var g = 0; g < rightTable.Count; g++) left.Walk(0, node, rightTable.TupleAt(g), rightTable.CountAt(g), left.Groups);
                continue;
            }
            leftTable.Clear();
            left.Walk(0, node, left.NoKeys, 1, leftTable);
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

    private static bool HasCheckedLabels(QueryContext ctx, ChainCountMiddle middle, long node)
    {
        foreach (var label in middle.CheckedLabels)
            if (!ctx.NodeHasLabel(node, label)) return false;
        return true;
    }
}
