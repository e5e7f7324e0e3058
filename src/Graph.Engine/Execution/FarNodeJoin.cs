using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// What the next hop of a pattern requires of this hop's far node: to be joined to the node already bound in
/// <paramref name="NodeSlot"/> by a relationship of <paramref name="Types"/>, read from that node in
/// <paramref name="Direction"/> (shared positions: <c>(a)-[r]->(c)&lt;-[s]-(b)</c>, <c>c</c> must be among the far nodes
/// of <c>b</c>'s outgoing relationships). A necessary condition only: the next hop still checks each row exactly
/// (relationship uniqueness included), so an expand may drop the rows that fail it and nothing else.
/// </summary>
internal sealed record FarNodeJoin(int NodeSlot, Direction Direction, RelTypeFilter Types, string NodeName)
{
    /// <summary>The join a next hop from this hop's far node into <paramref name="nodeSlot"/>, in <paramref name="nextHop"/>, asks for.</summary>
    public static FarNodeJoin ForNextHop(int nodeSlot, Direction nextHop, RelTypeFilter types, string nodeName) =>
        // the relationships from the far node to the bound one are the bound one's in the opposite direction
        new(nodeSlot, nextHop switch { Direction.Outgoing => Direction.Incoming, Direction.Incoming => Direction.Outgoing, _ => Direction.Both },
            types, nodeName);
}
