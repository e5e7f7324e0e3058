using Graph.Bolt.PackStream;
using Graph.Client;

namespace Graph.Bolt.Protocol;

/// <summary>
/// Reads Bolt's structures as contract values: Node, Relationship and GraphPath as such (element ids from 5.0, the
/// integer ids as text before), temporal structures as Graph.Client's temporal values (<see cref="BoltTemporal"/>, both the
/// UTC and the legacy DateTime forms), points as their WKT text (as the Query API connector does: the contract has no
/// point type). An unknown structure, or one whose fields have the wrong types, is malformed input.
/// </summary>
public sealed class BoltStructureReader : IStructureReader
{
    public static readonly BoltStructureReader Instance = new();

    public object? Read(byte tag, int fields, PackStreamReader reader, int depth)
    {
        var values = new object?[fields];
        for (var i = 0; i < fields; i++) values[i] = reader.ReadValue(depth + 1);
        try
        {
            return tag switch
            {
                BoltValueWriter.NodeTag => ReadNode(values),
                BoltValueWriter.RelationshipTag => ReadRelationship(values),
                BoltValueWriter.UnboundRelationshipTag => ReadUnbound(values),
                BoltValueWriter.PathTag => ReadPath(values),
                _ when BoltTemporal.IsTemporal(tag) => BoltTemporal.Read(tag, values),
                _ => SpatialText.Read(tag, values),
            };
        }
        catch (InvalidCastException)
        {
            throw new PackStreamException($"a structure 0x{tag:X2} ('{(char)tag}') has fields of the wrong types");
        }
    }

    private static void Expect(object?[] fields, string name, params int[] counts)
    {
        if (!counts.Contains(fields.Length))
            throw new PackStreamException($"a {name} structure has {fields.Length} fields; expected {string.Join(" or ", counts)}");
    }

    private static string Id(object?[] fields, int elementIdIndex, int legacyIdIndex) =>
        fields.Length > elementIdIndex && fields[elementIdIndex] is string elementId
            ? elementId
            : ((long)fields[legacyIdIndex]!).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IReadOnlyDictionary<string, object?> Properties(object? value) =>
        (IReadOnlyDictionary<string, object?>)(value ?? throw new InvalidCastException());

    private static Node ReadNode(object?[] f)
    {
        Expect(f, "Node", 3, 4);
        var labels = ((IReadOnlyList<object?>)f[1]!).Select(l => (string)l!).ToList();
        return new Node(Id(f, 3, 0), labels, Properties(f[2]));
    }

    private static Relationship ReadRelationship(object?[] f)
    {
        Expect(f, "Relationship", 5, 8);
        return new Relationship(Id(f, 5, 0), (string)f[3]!, Id(f, 6, 1), Id(f, 7, 2), Properties(f[4]));
    }

    private static UnboundRelationship ReadUnbound(object?[] f)
    {
        Expect(f, "UnboundRelationship", 3, 4);
        return new UnboundRelationship(Id(f, 3, 0), (string)f[1]!, Properties(f[2]));
    }

    private static GraphPath ReadPath(object?[] f)
    {
        Expect(f, "GraphPath", 3);
        var nodes = ((IReadOnlyList<object?>)f[0]!).Select(n => (Node)n!).ToList();
        var rels = ((IReadOnlyList<object?>)f[1]!).Select(r => (UnboundRelationship)r!).ToList();
        var indices = ((IReadOnlyList<object?>)f[2]!).Select(i => (long)i!).ToList();
        if (nodes.Count == 0 || indices.Count % 2 != 0) throw new PackStreamException("a GraphPath has no nodes or an odd number of indices");
        var pathNodes = new List<Node> { nodes[0] };
        var pathRels = new List<Relationship>();
        for (var i = 0; i < indices.Count; i += 2)
        {
            var r = indices[i];
            var n = indices[i + 1];
            if (r == 0 || Math.Abs(r) > rels.Count || n < 0 || n >= nodes.Count)
                throw new PackStreamException("a GraphPath's indices point outside its nodes or relationships");
            var rel = rels[(int)Math.Abs(r) - 1];
            var previous = pathNodes[^1];
            var next = nodes[(int)n];
            var (start, end) = r > 0 ? (previous, next) : (next, previous);
            pathRels.Add(new Relationship(rel.ElementId, rel.Type, start.ElementId, end.ElementId, rel.Properties));
            pathNodes.Add(next);
        }
        return new GraphPath(pathNodes, pathRels);
    }

    /// <summary>A path's relationship before its ends are known.</summary>
    private sealed record UnboundRelationship(string ElementId, string Type, IReadOnlyDictionary<string, object?> Properties);
}
