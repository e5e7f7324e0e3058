using Graph.Engine.Cypher.Semantics;
using Graph.Engine.Execution;
using Graph.Engine.Runtime;

namespace Graph.Engine.Planning;

/// <summary>What a counted chain's tallied last hop reads of its nodes, when that is properties only (<see cref="TalliedProperties"/>).</summary>
internal sealed partial class QueryPlanner
{
    /// <summary>
    /// The properties the last hop's conjuncts and far-node keys read, when its nodes are tallied (as
    /// <see cref="ChainCountOp"/> decides: the keys read the start row or the last far node only, no earlier hop has a
    /// conjunct, the last hop's read its far node and the start row) and every conjunct compares one property of the far
    /// node with an operand that reads neither it nor anything random, and every far-node key is one of its properties.
    /// Else null: the tallied nodes are then read one by one through the compiled expressions.
    /// </summary>
    private TalliedProperties? TalliedPropertiesOf(List<ChainHop> hops, List<FilterOp> lastFilters, List<BoundProjectionItem> keyItems, int[] owners, SlotLayout layout)
    {
        var last = hops.Count - 1;
        var farNode = ChainCountOp.FarNodeOf(last);
        if (owners.Any(o => o != ChainCountOp.StartRow && o != farNode)) return null;
        if (hops.Take(last).Any(h => h.Filters.Length > 0) || hops[last].Filters.Any(f => f.OnRelationship)) return null;
        var toSlot = hops[last].ToSlot;
        var keys = new List<PropertyKey>();
        for (var i = 0; i < keyItems.Count; i++)
        {
            if (owners[i] != farNode) continue;
            if (keyItems[i].Source is not null || keyItems[i].Expression is not { } e || EndPropertyOf(e, toSlot, layout) is not { } name) return null;
            keys.Add(new PropertyKey(name));
        }
        var conditions = lastFilters.Select(f => EndConditionOf(f, toSlot, layout)).ToArray();
        if (conditions.Any(c => c.Key is null) || (keys.Count == 0 && conditions.Length == 0)) return null;
        return new TalliedProperties(conditions, keys.ToArray());
    }
}
