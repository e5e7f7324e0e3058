using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// One hop of a chain fused into a <see cref="ChainCountOp"/>: (from)-[rel:TYPES]->(to), as the planner's
/// <see cref="ExpandOp"/> had it. <paramref name="Bound"/>: the far node or the relationship was bound before (a cycle or a
/// re-used relationship), which a chain cannot count. <paramref name="OtherRelSlots"/>: the relationships of the same
/// pattern this one must differ from. <paramref name="Description"/>: as EXPLAIN shows the hop.
/// </summary>
internal sealed record ChainHop(int FromSlot, int RelSlot, int ToSlot, Direction Direction, RelTypeFilter Types, bool Bound, int[] OtherRelSlots, string Description)
{
    /// <summary>Labels the far node must have (the expand's own check and any NodeCheck right above it).</summary>
    public LabelToken[] TargetLabels { get; init; } = [];

    /// <summary>The planner's count of nodes with the rarest target label (-1: unknown), for <see cref="LabelMembership"/>.</summary>
    public long TargetLabelCount { get; init; } = -1;

    /// <summary>The WHERE conjuncts tested at this hop, in the order the row engine's filters tested them.</summary>
    public ChainFilter[] Filters { get; init; } = [];

    /// <summary>
    /// The earlier hops of the chain (indices) whose relationship this one must differ from: hops of one pattern that
    /// share a type (relationship uniqueness).
    /// </summary>
    public int[] DistinctFrom { get; init; } = [];
}
