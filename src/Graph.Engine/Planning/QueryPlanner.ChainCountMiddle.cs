using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Semantics;
using Graph.Engine.Execution;
using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Planning;

/// <summary>Choosing to count a chain from an inner node (<see cref="ChainCountMiddle"/>).</summary>
internal sealed partial class QueryPlanner
{
    /// <summary>Nodes of a label whose degrees are read to estimate a hop's relationships per node.</summary>
    private const int DegreeSample = 64;

    /// <summary>
    /// The walk from the start must reach each middle node at least this many times on average: each of those visits
    /// is a scattered read (or a lookup in the remembered tables) that the middle start replaces by one read in id order.
    /// </summary>
    private const double MiddleVisitsAtLeast = 4;

    /// <summary>
    /// The middle start walks the left side of every node of the middle label, start label or not: it may walk at most
    /// this many times the paths the walk from the start would (a selective start label keeps the end start).
    /// </summary>
    private const double LeftPathsAtMost = 2;

    /// <summary>
    /// The chain counted from an inner node when the estimate says it pays, else null. Applies only to a chain whose
    /// start is a label scan of its own (not in a subquery, not after an earlier clause's rows), whose start-row keys
    /// read the start node alone, and which <see cref="ChainCountMiddle.Split"/> accepts. The estimate reads the degrees
    /// of the first <see cref="DegreeSample"/> nodes of each label on the chain (committed state; it only chooses the
    /// plan, both plans give the same groups).
    /// </summary>
    private ChainCountOp? CountedFromMiddle(PlanOperator start, ChainHop[] hops, int[] owners, bool startKeysReadStartNode, SlotLayout layout,
        Func<PlanOperator, ChainCountOp> make)
    {
        if (_subqueryDepth > 0 || !startKeysReadStartNode || hops.Length < 2 || hops.Any(h => h.Filters.Length > 0)) return null;
        if (start is not NodeScanOp { Label: { } startLabel, Source: ArgumentOp } scan || scan.Slot != hops[0].FromSlot) return null;
        LabelToken[] LabelsOfNode(int j) => j == 0 ? [startLabel] : hops[j - 1].TargetLabels;
        using var tx = store.BeginTransaction(write: false);
        // paths from the start's nodes to node j of the chain, and (per middle candidate) from the middle back to any node
        double endPaths = LabelCount(startLabel.Name);
        (int Middle, double Visits, LabelToken Scanned)? best = null;
        for (var m = 1; m < hops.Length; m++)
        {
            if (LabelsOfNode(m - 1).Length == 0) break;
            endPaths *= SampledDegree(tx, LabelsOfNode(m - 1), hops[m - 1], reversed: false);
            var labels = LabelsOfNode(m);
            if (labels.Length == 0) break;
            var scanned = labels.MinBy(l => LabelCount(l.Name))!;
            double middleNodes = LabelCount(scanned.Name);
            if (middleNodes == 0) continue;
            var visits = endPaths / middleNodes;
            if (visits < MiddleVisitsAtLeast || (best is { } b && visits <= b.Visits)) continue;
            var leftPaths = middleNodes;
            for (var j = m - 1; j >= 0 && leftPaths <= LeftPathsAtMost * endPaths; j--) leftPaths *= SampledDegree(tx, LabelsOfNode(j + 1), hops[j], reversed: true);
            if (leftPaths > LeftPathsAtMost * endPaths) continue;
            best = (m, visits, scanned);
        }
        if (best is not { } chosen) return null;
        var slot = hops[chosen.Middle - 1].ToSlot;
        var name = layout.Placed().FirstOrDefault(s => layout.SlotOf(s) == slot)?.Name ?? "anon";
        var middleScan = new NodeScanOp(scan.Source, slot, chosen.Scanned, name);
        var middle = ChainCountMiddle.Split(hops, owners, chosen.Middle, [startLabel], LabelCount(startLabel.Name), chosen.Scanned, middleScan.Describe());
        if (middle is null) return null;
        // the chain scans the middle label itself (no row per node); beneath it, the rows it scans for
        var op = make(scan.Source);
        op.Middle = middle with { EndStart = start };
        return op;
    }

    /// <summary>
    /// A grouping key that never raises an error on the node or relationship it reads: the entity itself or one of its
    /// properties (a relationship's type is the planner's <c>typeOnly</c>). A chain counted from the middle evaluates keys
    /// on entities reached from a middle node that may lie on no path from the start; only such keys may be evaluated
    /// there (the row engine, which never reads them, would raise no error).
    /// </summary>
    private static bool CannotFail(BoundProjectionItem item) => item.Source is not null || item.Expression is Variable or PropertyLookup { Subject: Variable };

    /// <summary>The average number of the hop's relationships at the first nodes of the rarest of <paramref name="labels"/>.</summary>
    private double SampledDegree(StorageTransaction tx, LabelToken[] labels, ChainHop hop, bool reversed)
    {
        var label = store.Tokens.LabelId(labels.MinBy(l => LabelCount(l.Name))!.Name);
        if (label < 0) return 0;
        var types = hop.Types.Types.Select(t => store.Tokens.RelationshipTypeId(t.Name)).Where(t => t >= 0).ToArray();
        if (types.Length == 0) return 0;
        var direction = !reversed ? hop.Direction : hop.Direction switch
        {
            Direction.Outgoing => Direction.Incoming,
            Direction.Incoming => Direction.Outgoing,
            _ => hop.Direction,
        };
        long sampled = 0, relationships = 0;
        foreach (var node in tx.NodesWithLabel(label).Take(DegreeSample))
        {
            sampled++;
            relationships += tx.Degree(node, direction, types);
        }
        return sampled == 0 ? 0 : relationships / (double)sampled;
    }
}
