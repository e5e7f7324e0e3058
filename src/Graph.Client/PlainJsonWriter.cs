using System.Globalization;
using System.Text.Json;

namespace Graph.Client;

/// <summary>
/// Writes contract values as plain JSON, the Query API's default format (application/json) and the CLI's JSON output:
/// values mapped onto the closest JSON type. Integers and floats become JSON numbers; nodes are
/// <c>{elementId, labels, properties}</c>, relationships <c>{elementId, startNodeElementId, endNodeElementId, type,
/// properties}</c>, paths an array alternating the two, temporal values their ISO-8601 text. The type is lost on the
/// way (a float 1.0 reads back as 1, a date as a string): clients that care use the typed format.
/// </summary>
public static class PlainJsonWriter
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
                if (double.IsFinite(d)) writer.WriteRawValue(ValueFormatter.FormatFloat(d));
                else writer.WriteStringValue(ValueFormatter.FormatFloat(d));
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
}
