using System.Runtime.InteropServices;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// A chain whose start is the scan of a label and whose start-row keys are properties of the start node (<c>c.id</c> of
/// the endorsements per claim): the start label's nodes are read into a kept list and their keys read by node id, as the
/// middle start reads its nodes (<see cref="ChainCountOp.Middle"/>), instead of a row, a node value and a compiled key
/// per start node.
/// </summary>
internal sealed partial class ChainCountOp
{
    /// <summary>
    /// Per key, the property of the start node it reads when it is exactly <c>c.name</c> (<c>c</c> the scanned start
    /// node); null for the others. Set by the planner when every key of the start row is such a key and the start is the
    /// scan of a label for the rows beneath it (<see cref="ScannedStart"/>); null otherwise.
    /// </summary>
    public PropertyKey?[]? StartKeyProperties
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    }

    /// <summary>
    /// The start's label scan when the chain reads its nodes itself: set up by the planner (<see cref="StartKeyProperties"/>),
    /// not counted from the middle, no WHERE conjunct (they read the start row), and the scan not profiled (PROFILE shows
    /// the scan's own rows and store accesses, so it runs as an operator there; the groups are the same).
    /// </summary>
    private NodeScanOp? ScannedStart(QueryContext ctx) =>
        StartKeyProperties is not null && Middle is null && start is NodeScanOp { Label: not null, Source: ArgumentOp } scan
        && scan.Slot == _hops[0].FromSlot && !_hops.Any(h => h.Filters.Length > 0) && (ctx.Profile is not { } profile || !profile.Tracks(scan))
            ? scan
            : null;

    /// <summary>
    /// What the start's rows would add: for each row the scan is made for, the label's nodes in the order
    /// <see cref="NodeScanOp"/> gives them (<see cref="Graph.Storage.StorageTransaction.ReadNodesWithLabel"/>, the reader's
    /// snapshot or the writer's view), held in the kept list while they are walked.
    /// </summary>
    private void CountFromScannedStart(QueryContext ctx, object?[] argument, NodeScanOp scan, Run run)
    {
        var nodes = ScannedNodeLists.Rent();
        try
        {
            foreach (var _ in scan.Source.ExecuteTransient(ctx, argument))
            {
                var label = scan.Label!.Id(ctx.Tokens);
                if (label < 0) continue; // no node has the label
                nodes.Clear();
                ctx.Tx.ReadNodesWithLabel(label, nodes);
                var held = 8L * nodes.Count;
                run.Account.Reserve(held);
                foreach (var node in CollectionsMarshal.AsSpan(nodes))
                {
                    ctx.Tick();
                    run.ReadStartKeys(node, StartKeyProperties!);
                    run.Walk(0, node, run.Prefix, 1, run.Groups);
                    if (run.TallyPerStartRow) run.FlushTally();
                }
                run.Account.Release(held);
            }
        }
        finally
        {
            ScannedNodeLists.Return(nodes);
        }
    }

    private sealed partial class Run
    {
        /// <summary>
        /// <see cref="ReadStartKeys(object?[])"/> for a scanned start node: each key (a property of the node,
        /// <paramref name="properties"/>) read by node id, what the compiled <c>c.name</c> gives (the stored value, or null).
        /// </summary>
        public void ReadStartKeys(long node, PropertyKey?[] properties)
        {
            Array.Fill(Prefix, -1);
            foreach (var i in _startKeys)
            {
                var id = properties[i]!.Id(_ctx.Tokens);
                Prefix[i] = _interners[i].Intern(id < 0 ? null : _ctx.Tx.NodeProperty(node, id));
            }
        }
    }
}
