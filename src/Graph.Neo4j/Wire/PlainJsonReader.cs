using System.Globalization;
using System.Text.Json;
using Graph.Client;

namespace Graph.Neo4j.Wire;

/// <summary>
/// Reads the Query API's default format (application/json; written by <see cref="PlainJsonWriter"/>): values mapped onto the closest JSON type.
/// Integers and floats become JSON numbers; nodes are <c>{elementId, labels, properties}</c>,
/// relationships <c>{elementId, startNodeElementId, endNodeElementId, type, properties}</c>,
/// paths an array alternating the two, temporal values their ISO-8601 text. The type is lost on the way (a float 1.0
/// reads back as 1, a date as a string): clients that care use <see cref="TypedJson"/>.
/// </summary>
public static class PlainJsonReader
{
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
