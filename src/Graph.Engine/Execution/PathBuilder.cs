using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>Builds a path value from the pattern's node slots and relationship slots (single or lists).</summary>
internal sealed class PathBuilder(int[] nodeSlots, int[] relSlots, bool[] relIsList)
{
    public PathValue Build(object?[] row)
    {
        var nodes = new List<NodeValue>();
        var rels = new List<RelValue>();
        if (row[nodeSlots[0]] is not NodeValue current) return null!;
        nodes.Add(current);
        for (var i = 0; i < relSlots.Length; i++)
        {
            IEnumerable<RelValue> segment = relIsList[i]
                ? ((IReadOnlyList<object?>)row[relSlots[i]]!).Cast<RelValue>()
                : [(RelValue)row[relSlots[i]]!];
            foreach (var r in segment)
            {
                rels.Add(r);
                current = new NodeValue(r.OtherEnd(current.Id));
                nodes.Add(current);
            }
            // a zero-length segment keeps the current node; the next node slot must be the same node
        }
        return new PathValue(nodes.ToArray(), rels.ToArray());
    }
}
