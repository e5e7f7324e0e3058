using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// A <see cref="ChainCountOp"/> started at an inner node of its chain (n0 -h0- n1 -h1- ... -h(m-1)- nm - ... - nk): the
/// nodes of nm's label are scanned in id order, and each one's paths are the product of its left side (hops m-1..0
/// walked backwards to the chain's start node, which must carry the start scan's label) and its right side (hops m..).
/// A hand-coded counter walks the stances from each expert in id order for this reason: the walk from an end reaches
/// the middle nodes many times each, in an order unrelated to where their records lie, and reads each one's list on a
/// cold cache line; from the middle, each node's lists are read once, in the store's order.
/// <para>
/// Valid only when the product is exactly the set of paths: no WHERE conjunct on any hop (their errors and the start
/// row they read belong to the end start's order) and no hop on one side that must differ from a relationship of the
/// other (relationship uniqueness across the split). The groups come out in another order than the row engine's.
/// </para>
/// </summary>
/// <param name="Left">Hops m-1..0 reversed: hop i goes from n(m-i) to n(m-1-i); its far node carries n(m-1-i)'s labels.</param>
/// <param name="LeftOwners">Each key's owner on the left side (<see cref="ChainCountOp"/>'s numbering), or <see cref="NotOwned"/>.</param>
/// <param name="Right">Hops m.. as they were, renumbered from 0.</param>
/// <param name="RightOwners">Each key's owner on the right side; keys of the middle node read the scan's row (<see cref="ChainCountOp.StartRow"/>).</param>
/// <param name="Slot">The middle node's slot (the scan's row binds it there, as the chain did).</param>
/// <param name="Scanned">The label scanned for the middle nodes (the rarest of theirs).</param>
/// <param name="CheckedLabels">The middle node's labels besides the one scanned.</param>
/// <param name="Description">As EXPLAIN shows the middle start.</param>
internal sealed record ChainCountMiddle(ChainHop[] Left, int[] LeftOwners, ChainHop[] Right, int[] RightOwners, int Slot, LabelToken Scanned,
    LabelToken[] CheckedLabels, string Description)
{
    /// <summary>
    /// The start the chain had (the scan of its start label, run for the same argument): when two groups turn out to have
    /// equivalent keys (1 and 1.0), the row engine shows the values of the group's first path in its order, which the
    /// middle start does not know, so the chain is counted again from there.
    /// </summary>
    public PlanOperator? EndStart { get; init; }

    /// <summary>True when a key reads the middle node itself (its row is then made per node).</summary>
    public bool ReadsMiddleNode => RightOwners.Contains(ChainCountOp.StartRow);

    /// <summary>An owner no key has: the key belongs to the other side.</summary>
    public const int NotOwned = int.MinValue;

    /// <summary>
    /// The chain split at node <paramref name="middle"/> (1 ≤ middle &lt; hops), or null when the product of the two
    /// sides would not be exactly the chain's paths (a WHERE conjunct, uniqueness across the split). The start node's
    /// labels (<paramref name="startLabels"/>, the scan the chain started from) become the left side's last check.
    /// </summary>
    public static ChainCountMiddle? Split(ChainHop[] hops, int[] keyOwners, int middle, LabelToken[] startLabels, long startLabelCount,
        LabelToken scanned, string scanText)
    {
        if (middle < 1 || middle >= hops.Length) return null;
        if (hops.Any(h => h.Filters.Length > 0)) return null;
        for (var h = middle; h < hops.Length; h++)
            if (hops[h].DistinctFrom.Any(earlier => earlier < middle)) return null;
        var left = new ChainHop[middle];
        for (var j = 0; j < middle; j++)
        {
            var hop = hops[j];
            var at = middle - 1 - j;
            left[at] = hop with
            {
                FromSlot = hop.ToSlot,
                ToSlot = hop.FromSlot,
                Direction = Reversed(hop.Direction),
                TargetLabels = j == 0 ? startLabels : hops[j - 1].TargetLabels,
                TargetLabelCount = j == 0 ? startLabelCount : hops[j - 1].TargetLabelCount,
                // walked backwards, the later hop of a pair that must differ is the earlier one's partner
                DistinctFrom = [],
            };
        }
        for (var j = 0; j < middle; j++)
            foreach (var earlier in hops[j].DistinctFrom)
            {
                var at = middle - 1 - earlier;
                left[at] = left[at] with { DistinctFrom = [.. left[at].DistinctFrom, middle - 1 - j] };
            }
        var right = hops.Skip(middle).Select(h => h with { DistinctFrom = h.DistinctFrom.Select(e => e - middle).ToArray() }).ToArray();
        var leftOwners = new int[keyOwners.Length];
        var rightOwners = new int[keyOwners.Length];
        for (var i = 0; i < keyOwners.Length; i++)
        {
            leftOwners[i] = rightOwners[i] = NotOwned;
            var owner = keyOwners[i];
            if (owner == ChainCountOp.StartRow) leftOwners[i] = ChainCountOp.FarNodeOf(middle - 1);
            else if (owner == ChainCountOp.FarNodeOf(middle - 1)) rightOwners[i] = ChainCountOp.StartRow;
            else
            {
                var hop = owner / 2;
                var isNode = owner % 2 == 1;
                if (hop >= middle) rightOwners[i] = isNode ? ChainCountOp.FarNodeOf(hop - middle) : ChainCountOp.RelationshipOf(hop - middle);
                // hop j's far node is n(j+1): the far node of left hop m-2-j; hop j's relationship is left hop m-1-j's
                else leftOwners[i] = isNode ? ChainCountOp.FarNodeOf(middle - 2 - hop) : ChainCountOp.RelationshipOf(middle - 1 - hop);
            }
        }
        var labels = hops[middle - 1].TargetLabels;
        var start = startLabels.Length == 0 ? "" : " to the start's " + string.Concat(startLabels.Select(l => ":" + l.Name));
        var description = $"from the middle: {scanText}, {middle} hop{(middle == 1 ? "" : "s")} back{start}, {hops.Length - middle} on";
        return new ChainCountMiddle(left, leftOwners, right, rightOwners, hops[middle - 1].ToSlot, scanned, labels.Where(l => l.Name != scanned.Name).ToArray(), description);
    }

    private static Direction Reversed(Direction direction) => direction switch
    {
        Direction.Outgoing => Direction.Incoming,
        Direction.Incoming => Direction.Outgoing,
        _ => direction,
    };
}
