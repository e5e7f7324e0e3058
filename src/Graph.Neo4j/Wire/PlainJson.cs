using System.Globalization;
using System.Text.Json;
using Graph.Client;

namespace Graph.Neo4j.Wire;

/// <summary>
/// The Query API's default format (application/json): values mapped onto the closest JSON type.
/// Integers and floats become JSON numbers; nodes are <c>{elementId, labels, properties}</c>,
/// relationships <c>{elementId, startNodeElementId, endNodeElementId, type, properties}</c>,
/// paths an array alternating the two, temporal values their ISO-8601 text. The type is lost on the way (a float 1.0
/// reads back as 1, a date as a string): clients that care use <see cref="TypedJson"/>.
/// </summary>
public static class PlainJson
{
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case long or int or short or byte or sbyte or uint or ushort:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double or float or decimal:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                // JSON has no NaN or infinities: they travel as the strings Neo4j uses.
                // Written the Java way (2.0, 1.0E20) so that a float still looks like one.
                if (double.IsFinite(d)) writer.WriteRawValue(TypedJson.FormatFloat(d));
                else writer.WriteStringValue(TypedJson.FormatFloat(d));
                break;
            case string s: writer.WriteStringValue(s); break;
            case ITemporalValue temporal: writer.WriteStringValue(temporal.ToString()); break;
            case Node node:
                writer.WriteStartObject();
                writer.WriteString("elementId", node.ElementId);
                writer.WriteStartArray("labels");
                foreach (var label in node.Labels) writer.WriteStringValue(label);
                writer.WriteEndArray();
                writer.WritePropertyName("properties");
                WriteMap(writer, node.Properties);
                writer.WriteEndObject();
                break;
            case Relationship rel:
                writer.WriteStartObject();
                writer.WriteString("elementId", rel.ElementId);
                writer.WriteString("startNodeElementId", rel.StartNodeElementId);
                writer.WriteString("endNodeElementId", rel.EndNodeElementId);
                writer.WriteString("type", rel.Type);
                writer.WritePropertyName("properties");
                WriteMap(writer, rel.Properties);
                writer.WriteEndObject();
                break;
            case GraphPath path:
                writer.WriteStartArray();
                for (var i = 0; i < path.Nodes.Count; i++)
                {
                    if (i > 0) Write(writer, path.Relationships[i - 1]);
                    Write(writer, path.Nodes[i]);
                }
                writer.WriteEndArray();
                break;
            case IEnumerable<KeyValuePair<string, object?>> map: WriteMap(writer, map); break;
            case System.Collections.IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                throw new ClientException(Neo4jStatus.TypeError,
                    $"A value of CLR type {value.GetType().Name} has no Cypher equivalent and cannot be sent.");
        }
    }

    public static void WriteMap(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> map)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in map)
        {
            writer.WritePropertyName(key);
            Write(writer, item);
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// Reads a plain JSON value as a parameter: numbers written without a fraction or exponent are
    /// Integers, other numbers Floats; objects are maps (plain JSON cannot express a node).
    /// </summary>
    public static object? Read(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null: return null;
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.String: return element.GetString();
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (raw.IndexOfAny(['.', 'e', 'E']) < 0)
                {
                    return element.TryGetInt64(out var l)
                        ? l
                        : throw WireFormatException.At(path, $"the integer {raw} does not fit in 64 bits");
                }
                return element.GetDouble();
            case JsonValueKind.Array:
                var list = new List<object?>(element.GetArrayLength());
                var i = 0;
                foreach (var item in element.EnumerateArray()) list.Add(Read(item, $"{path}[{i++}]"));
                return list;
            case JsonValueKind.Object:
                return ReadMap(element, path);
            default:
                throw WireFormatException.At(path, "expected a JSON value");
        }
    }

    public static Dictionary<string, object?> ReadMap(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw WireFormatException.At(path, $"expected an object but found {TypedJson.Describe(element)}");
        var map = new Dictionary<string, object?>();
        foreach (var property in element.EnumerateObject())
            map[property.Name] = Read(property.Value, $"{path}.{property.Name}");
        return map;
    }

    /// <summary>
    /// Reads a plain JSON result value. Objects shaped like a node or a relationship (elementId plus
    /// labels, or elementId plus type and start/end ids) become <see cref="Node"/> / <see cref="Relationship"/>;
    /// everything else as <see cref="Read"/>.
    /// </summary>
    public static object? ReadResultValue(JsonElement element, string path = "$")
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("elementId", out var id) && id.ValueKind == JsonValueKind.String)
        {
            var properties = element.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
                ? p.EnumerateObject().ToDictionary(x => x.Name, x => ReadResultValue(x.Value, $"{path}.properties.{x.Name}"))
                : new Dictionary<string, object?>();
            if (element.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Array)
                return new Node(id.GetString()!, labels.EnumerateArray().Select(l => l.GetString() ?? "").ToList(), properties);
            if (element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String &&
                element.TryGetProperty("startNodeElementId", out var start) && element.TryGetProperty("endNodeElementId", out var end))
                return new Relationship(id.GetString()!, type.GetString()!, start.GetString() ?? "", end.GetString() ?? "", properties);
        }
        if (element.ValueKind == JsonValueKind.Array)
        {
            var list = new List<object?>(element.GetArrayLength());
            var i = 0;
            foreach (var item in element.EnumerateArray()) list.Add(ReadResultValue(item, $"{path}[{i++}]"));
            // An array alternating nodes and relationships, starting and ending with a node, is a path.
            if (list.Count >= 3 && list.Count % 2 == 1 &&
                list.Select((v, k) => k % 2 == 0 ? v is Node : v is Relationship).All(ok => ok))
                return new GraphPath(list.Where((_, k) => k % 2 == 0).Cast<Node>().ToList(),
                    list.Where((_, k) => k % 2 == 1).Cast<Relationship>().ToList());
            return list;
        }
        if (element.ValueKind == JsonValueKind.Object)
            return element.EnumerateObject().ToDictionary(x => x.Name, x => ReadResultValue(x.Value, $"{path}.{x.Name}"));
        return Read(element, path);
    }
}
