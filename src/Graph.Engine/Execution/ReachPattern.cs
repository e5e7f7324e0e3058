using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// A variable-length pattern <c>(s)-[:T*min..max]-(b)</c> whose distinct ends the breadth-first search finds for any
/// start (<see cref="BreadthFirstReach.AppliesToAnyStart"/>), as <see cref="VarExpandOp.CountableReach"/> hands it to
/// <see cref="ReachCountOp"/>: the input below the expand, the slots of s and b, the hop and the ends' label check.
/// </summary>
internal sealed record ReachPattern(PlanOperator Source, int FromSlot, int ToSlot, Direction Direction, RelTypeFilter Types, int Min, int Max,
    LabelToken[] TargetLabels, long? CachedLabelCount, string Description)
{
    /// <summary>The ends' label check for one execution (null without labels), as the expand would make it.</summary>
    public EndLabelCheck? NewLabelCheck() => TargetLabels.Length == 0 ? null : new EndLabelCheck(TargetLabels, CachedLabelCount, distinctEnds: true);
}
