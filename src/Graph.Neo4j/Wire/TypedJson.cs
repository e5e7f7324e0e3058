using System.Globalization;
using System.Text.Json;
using Graph.Client;

namespace Graph.Neo4j.Wire;

/// <summary>
/// Neo4j's typed JSON (media type application/vnd.neo4j.query): every value is an object
/// <c>{"$type": "Integer", "_value": "42"}</c>. Integers and floats travel as strings so that no
/// precision is lost; nodes, relationships and paths use the underscore keys of the documentation
/// (<c>_element_id</c>, <c>_labels</c>, <c>_properties</c>, <c>_start_node_element_id</c>, ...).
/// </summary>
public static class TypedJson
{
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        writer.WriteStartObject();
        switch (value)
        {
            case null:
                writer.WriteString("$type", "Null");
                writer.WriteNull("_value");
                break;
            case bool b:
                writer.WriteString("$type", "Boolean");
                writer.WriteBoolean("_value", b);
                break;
            case long or int or short or byte or sbyte or uint or ushort:
                writer.WriteString("$type", "Integer");
                writer.WriteString("_value", Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case double or float or decimal:
                writer.WriteString("$type", "Float");
                writer.WriteString("_value", FormatFloat(Convert.ToDouble(value, CultureInfo.InvariantCulture)));
                break;
            case string s:
                writer.WriteString("$type", "String");
                writer.WriteString("_value", s);
                break;
            case ITemporalValue temporal:
                writer.WriteString("$type", TemporalTypeName(temporal));
                writer.WriteString("_value", temporal.ToString());
                break;
            case Node node:
                writer.WriteString("$type", "Node");
                writer.WritePropertyName("_value");
                WriteNodeBody(writer, node);
                break;
            case Relationship rel:
                writer.WriteString("$type", "Relationship");
                writer.WritePropertyName("_value");
                WriteRelationshipBody(writer, rel);
                break;
            case GraphPath path:
                writer.WriteString("$type", "Path");
                writer.WriteStartArray("_value");
                for (var i = 0; i < path.Nodes.Count; i++)
                {
                    if (i > 0) Write(writer, path.Relationships[i - 1]);
                    Write(writer, path.Nodes[i]);
                }
                writer.WriteEndArray();
                break;
            case byte[] bytes:
                writer.WriteString("$type", "Base64");
                writer.WriteString("_value", Convert.ToBase64String(bytes));
                break;
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteString("$type", "Map");
                writer.WritePropertyName("_value");
                WriteMap(writer, map);
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                writer.WriteString("$type", "Map");
                writer.WritePropertyName("_value");
                WriteMap(writer, pairs);
                break;
            case System.Collections.IEnumerable list:
                writer.WriteString("$type", "List");
                writer.WriteStartArray("_value");
                foreach (var item in list) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                throw new ClientException(Neo4jStatus.TypeError,
                    $"A value of CLR type {value.GetType().Name} has no Cypher equivalent and cannot be sent.");
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// The documented $type of a temporal value: Date, Time, LocalTime, LocalDateTime, Duration; a datetime is
    /// OffsetDateTime with a plain offset and ZonedDateTime with a zone id.
    /// </summary>
    public static string TemporalTypeName(ITemporalValue value) => value switch
    {
        LocalDate => "Date",
        OffsetTime => "Time",
        LocalTime => "LocalTime",
        LocalDateTime => "LocalDateTime",
        ZonedDateTime { ZoneId: not null } => "ZonedDateTime",
        ZonedDateTime => "OffsetDateTime",
        Duration => "Duration",
        _ => throw new ArgumentException($"Not a temporal value: {value.GetType().Name}", nameof(value)),
    };

    /// <summary>Writes a map of typed values (parameters, properties, transaction metadata).</summary>
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

    /// <summary>Java's Double.toString spelling, which Neo4j both writes and reads ("4.56", "1.0E20", "NaN", "Infinity").</summary>
    public static string FormatFloat(double value) => ValueFormatter.FormatFloat(value);

    public static double ParseFloat(string text, string path)
    {
        switch (text)
        {
            case "NaN": return double.NaN;
            case "Infinity" or "+Infinity": return double.PositiveInfinity;
            case "-Infinity": return double.NegativeInfinity;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw WireFormatException.At(path, $"'{text}' is not a Float");
    }

    /// <summary>Reads one typed value. <paramref name="path"/> names the place for error messages.</summary>
    public static object? Read(JsonElement element, string path = "$")
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw WireFormatException.At(path, $"expected a typed value {{\"$type\": ..., \"_value\": ...}} but found {Describe(element)}");
        if (!element.TryGetProperty("$type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            throw WireFormatException.At(path, "a typed value needs a \"$type\" string");
        var type = typeElement.GetString()!;
        if (!element.TryGetProperty("_value", out var value))
            throw WireFormatException.At(path, $"the {type} value has no \"_value\"");
        var valuePath = path + "._value";
        return type switch
        {
            "Null" => null,
            "Boolean" => value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw WireFormatException.At(valuePath, $"a Boolean needs true or false, not {Describe(value)}"),
            },
            "Integer" => ReadInteger(value, valuePath),
            "Float" => value.ValueKind switch
            {
                JsonValueKind.String => ParseFloat(value.GetString()!, valuePath),
                JsonValueKind.Number => value.GetDouble(),
                _ => throw WireFormatException.At(valuePath, $"a Float needs a string, not {Describe(value)}"),
            },
            "String" => RequireString(value, valuePath),
            "List" or "Vector" => ReadList(value, valuePath),
            "Map" => ReadMap(value, valuePath),
            "Node" => ReadNode(value, valuePath),
            "Relationship" => ReadRelationship(value, valuePath),
            "Path" => ReadPath(value, valuePath),
            "Date" => Temporal(value, valuePath, LocalDate.Parse),
            "Time" => Temporal(value, valuePath, OffsetTime.Parse),
            "LocalTime" => Temporal(value, valuePath, LocalTime.Parse),
            "LocalDateTime" => Temporal(value, valuePath, LocalDateTime.Parse),
            // ZonedDateTime carries a [zone id], OffsetDateTime an offset only; older documentation shows a zone id
            // under OffsetDateTime too, and DateTime is Cypher's own name: all three read as a ZonedDateTime.
            "OffsetDateTime" or "ZonedDateTime" or "DateTime" => Temporal(value, valuePath, ZonedDateTime.Parse),
            "Duration" => Temporal(value, valuePath, Duration.Parse),
            // Types without a counterpart in the client contract keep their documented text form
            // (WKT points) so that nothing is silently dropped; Base64 is a byte array.
            "Base64" => ReadBase64(value, valuePath),
            "Point" => RequireString(value, valuePath),
            _ => throw WireFormatException.At(path, $"unknown $type '{type}'"),
        };
    }

    private static T Temporal<T>(JsonElement value, string path, Func<string, T> parse)
    {
        var text = RequireString(value, path);
        try
        {
            return parse(text);
        }
        catch (FormatException e)
        {
            throw WireFormatException.At(path, e.Message);
        }
    }

    public static Dictionary<string, object?> ReadMap(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw WireFormatException.At(path, $"expected an object of typed values but found {Describe(element)}");
        var map = new Dictionary<string, object?>();
        foreach (var property in element.EnumerateObject())
            map[property.Name] = Read(property.Value, $"{path}.{property.Name}");
        return map;
    }

    private static byte[] ReadBase64(JsonElement value, string path)
    {
        try
        {
            return Convert.FromBase64String(RequireString(value, path));
        }
        catch (FormatException)
        {
            throw WireFormatException.At(path, "a Base64 value is not valid base64");
        }
    }

    private static long ReadInteger(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String &&
            long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
            return number;
        throw WireFormatException.At(path, $"an Integer needs a 64-bit integer in a string, not {Describe(value)}");
    }

    private static List<object?> ReadList(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
            throw WireFormatException.At(path, $"a List needs an array, not {Describe(value)}");
        var list = new List<object?>(value.GetArrayLength());
        var i = 0;
        foreach (var item in value.EnumerateArray()) list.Add(Read(item, $"{path}[{i++}]"));
        return list;
    }

    private static Node ReadNode(JsonElement value, string path)
    {
        RequireObject(value, path, "Node");
        var labels = new List<string>();
        if (value.TryGetProperty("_labels", out var labelsElement) && labelsElement.ValueKind == JsonValueKind.Array)
            foreach (var label in labelsElement.EnumerateArray()) labels.Add(RequireString(label, path + "._labels"));
        return new Node(RequiredString(value, "_element_id", path), labels, Properties(value, path));
    }

    private static Relationship ReadRelationship(JsonElement value, string path)
    {
        RequireObject(value, path, "Relationship");
        return new Relationship(
            RequiredString(value, "_element_id", path),
            RequiredString(value, "_type", path),
            RequiredString(value, "_start_node_element_id", path),
            RequiredString(value, "_end_node_element_id", path),
            Properties(value, path));
    }

    private static GraphPath ReadPath(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
            throw WireFormatException.At(path, $"a Path needs an array alternating nodes and relationships, not {Describe(value)}");
        var nodes = new List<Node>();
        var relationships = new List<Relationship>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = $"{path}[{i}]";
            var element = Read(item, itemPath);
            switch (element)
            {
                case Node n when i % 2 == 0: nodes.Add(n); break;
                case Relationship r when i % 2 == 1: relationships.Add(r); break;
                default:
                    throw WireFormatException.At(itemPath, $"a Path alternates Node and Relationship; expected a {(i % 2 == 0 ? "Node" : "Relationship")}");
            }
            i++;
        }
        if (nodes.Count == 0 || nodes.Count != relationships.Count + 1)
            throw WireFormatException.At(path, "a Path starts and ends with a Node");
        return new GraphPath(nodes, relationships);
    }

    private static IReadOnlyDictionary<string, object?> Properties(JsonElement value, string path) =>
        value.TryGetProperty("_properties", out var props) && props.ValueKind == JsonValueKind.Object
            ? ReadMap(props, path + "._properties")
            : new Dictionary<string, object?>();

    private static void WriteNodeBody(Utf8JsonWriter writer, Node node)
    {
        writer.WriteStartObject();
        writer.WriteString("_element_id", node.ElementId);
        writer.WriteStartArray("_labels");
        foreach (var label in node.Labels) writer.WriteStringValue(label);
        writer.WriteEndArray();
        writer.WritePropertyName("_properties");
        WriteMap(writer, node.Properties);
        writer.WriteEndObject();
    }

    private static void WriteRelationshipBody(Utf8JsonWriter writer, Relationship rel)
    {
        writer.WriteStartObject();
        writer.WriteString("_element_id", rel.ElementId);
        writer.WriteString("_start_node_element_id", rel.StartNodeElementId);
        writer.WriteString("_end_node_element_id", rel.EndNodeElementId);
        writer.WriteString("_type", rel.Type);
        writer.WritePropertyName("_properties");
        WriteMap(writer, rel.Properties);
        writer.WriteEndObject();
    }

    private static void RequireObject(JsonElement value, string path, string type)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw WireFormatException.At(path, $"a {type} needs an object, not {Describe(value)}");
    }

    private static string RequiredString(JsonElement value, string key, string path) =>
        value.TryGetProperty(key, out var element) && element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw WireFormatException.At(path, $"missing string \"{key}\"");

    private static string RequireString(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw WireFormatException.At(path, $"expected a string, not {Describe(value)}");

    internal static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Truncate(element.GetString()!)}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
