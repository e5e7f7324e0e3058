using System.Collections;
using Graph.Bolt.PackStream;
using Graph.Client;

namespace Graph.Bolt.Protocol;

/// <summary>
/// Writes the client contract's values as Bolt values: the PackStream scalars, lists and maps, byte arrays as
/// bytes, and nodes, relationships and paths as the structures of the negotiated version (element ids from 5.0).
/// </summary>
/// <remarks>
/// Temporal values (Graph.Client.Temporal) are written as Bolt's temporal structures (<see cref="BoltTemporal"/>);
/// points reach this writer as WKT text (the contract has no point type) and go as strings.
/// </remarks>
public sealed class BoltValueWriter(PackStreamWriter writer, BoltVersion version)
{
    /// <summary>
    /// DateTime values go as UTC seconds ('I', 'i'): always from Bolt 5.0; in 4.4 once both sides agreed on the "utc"
    /// patch in HELLO; otherwise the legacy wall-clock form ('F', 'f').
    /// </summary>
    public bool UtcDateTime { get; set; } = version >= BoltVersion.V5_0;

    /// <summary>How deep a value may nest (the engine can build deep lists; the stack must not overflow).</summary>
    public const int MaxDepth = 512;

    public const byte NodeTag = 0x4E;
    public const byte RelationshipTag = 0x52;
    public const byte UnboundRelationshipTag = 0x72;
    public const byte PathTag = 0x50;

    public PackStreamWriter Packer => writer;

    public void Write(object? value) => Write(value, 0);

    private void Write(object? value, int depth)
    {
        if (depth > MaxDepth)
            throw new ClientException(Neo4jStatus.TypeError, $"A value nests deeper than {MaxDepth} levels and cannot be sent over Bolt.");
        switch (value)
        {
            case null: writer.WriteNull(); break;
            case bool b: writer.WriteBoolean(b); break;
            case long l: writer.WriteInteger(l); break;
            case int or short or sbyte or byte or uint or ushort: writer.WriteInteger(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case ulong ul when ul <= long.MaxValue: writer.WriteInteger((long)ul); break;
            case double d: writer.WriteFloat(d); break;
            case float f: writer.WriteFloat(f); break;
            case string s: writer.WriteString(s); break;
            case byte[] bytes: writer.WriteBytes(bytes); break;
            case Node node: WriteNode(node); break;
            case Relationship rel: WriteRelationship(rel); break;
            case GraphPath path: WritePath(path); break;
            case ITemporalValue temporal when BoltTemporal.TryWrite(writer, temporal, UtcDateTime): break;
            case IReadOnlyDictionary<string, object?> map:
                WriteMap(map, map.Count, depth);
                break;
            case IReadOnlyList<object?> list:
                writer.WriteListHeader(list.Count);
                for (var i = 0; i < list.Count; i++) Write(list[i], depth + 1);
                break;
            case IDictionary<string, object?> map:
                WriteMap(map, map.Count, depth);
                break;
            case ICollection collection:
                writer.WriteListHeader(collection.Count);
                foreach (var item in collection) Write(item, depth + 1);
                break;
            default:
                throw new ClientException(Neo4jStatus.TypeError, $"A value of CLR type {value.GetType().Name} has no Bolt equivalent.");
        }
    }

    private void WriteMap(IEnumerable<KeyValuePair<string, object?>> entries, int count, int depth)
    {
        writer.WriteMapHeader(count);
        foreach (var (k, v) in entries)
        {
            writer.WriteString(k);
            Write(v, depth + 1);
        }
    }

    private void WriteProperties(IReadOnlyDictionary<string, object?> properties) => Write(properties, 1);

    public void WriteNode(Node node)
    {
        writer.WriteStructHeader(NodeTag, version.HasElementIds ? 4 : 3);
        writer.WriteInteger(ElementIdentity.LegacyId(node.ElementId));
        writer.WriteListHeader(node.Labels.Count);
        foreach (var label in node.Labels) writer.WriteString(label);
        WriteProperties(node.Properties);
        if (version.HasElementIds) writer.WriteString(node.ElementId);
    }

    public void WriteRelationship(Relationship rel)
    {
        writer.WriteStructHeader(RelationshipTag, version.HasElementIds ? 8 : 5);
        writer.WriteInteger(ElementIdentity.LegacyId(rel.ElementId));
        writer.WriteInteger(ElementIdentity.LegacyId(rel.StartNodeElementId));
        writer.WriteInteger(ElementIdentity.LegacyId(rel.EndNodeElementId));
        writer.WriteString(rel.Type);
        WriteProperties(rel.Properties);
        if (!version.HasElementIds) return;
        writer.WriteString(rel.ElementId);
        writer.WriteString(rel.StartNodeElementId);
        writer.WriteString(rel.EndNodeElementId);
    }

    /// <summary>A path as Bolt sends it: distinct nodes, distinct unbound relationships, and indices that walk them.</summary>
    public void WritePath(GraphPath path)
    {
        var nodes = new List<Node>();
        var nodeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var rels = new List<Relationship>();
        var relIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        int IndexOf<T>(List<T> items, Dictionary<string, int> index, T item, string id)
        {
            if (index.TryGetValue(id, out var i)) return i;
            items.Add(item);
            return index[id] = items.Count - 1;
        }
        foreach (var node in path.Nodes) IndexOf(nodes, nodeIndex, node, node.ElementId);
        var indices = new List<long>(path.Relationships.Count * 2);
        for (var i = 0; i < path.Relationships.Count; i++)
        {
            var rel = path.Relationships[i];
            var r = IndexOf(rels, relIndex, rel, rel.ElementId) + 1;
            var forward = rel.StartNodeElementId == path.Nodes[i].ElementId;
            indices.Add(forward ? r : -r);
            indices.Add(nodeIndex[path.Nodes[i + 1].ElementId]);
        }

        writer.WriteStructHeader(PathTag, 3);
        writer.WriteListHeader(nodes.Count);
        foreach (var node in nodes) WriteNode(node);
        writer.WriteListHeader(rels.Count);
        foreach (var rel in rels)
        {
            writer.WriteStructHeader(UnboundRelationshipTag, version.HasElementIds ? 4 : 3);
            writer.WriteInteger(ElementIdentity.LegacyId(rel.ElementId));
            writer.WriteString(rel.Type);
            WriteProperties(rel.Properties);
            if (version.HasElementIds) writer.WriteString(rel.ElementId);
        }
        writer.WriteListHeader(indices.Count);
        foreach (var index in indices) writer.WriteInteger(index);
    }
}
