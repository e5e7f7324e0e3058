using System.Globalization;
using System.Text;

namespace Graph.Client;

/// <summary>Renders contract values as Cypher literals (for tables, logs and the TCK's value notation).</summary>
public static class ValueFormatter
{
    public static string ToCypherLiteral(object? value)
    {
        var sb = new StringBuilder();
        Append(sb, value);
        return sb.ToString();
    }

    /// <summary>Strings without quotes, everything else as a literal: what a table cell shows.</summary>
    public static string ToDisplayString(object? value) => value switch
    {
        null => "null",
        string s => s,
        _ => ToCypherLiteral(value),
    };

    public static string FormatFloat(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        var s = d.ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('E'))
        {
            // 1E+20 -> 1.0E20, as Neo4j prints
            var parts = s.Split('E');
            var mantissa = parts[0].Contains('.') ? parts[0] : parts[0] + ".0";
            var exponent = int.Parse(parts[1], CultureInfo.InvariantCulture);
            return $"{mantissa}E{exponent}";
        }
        return s.Contains('.') ? s : s + ".0";
    }

    private static void Append(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null: sb.Append("null"); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case long or int: sb.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)); break;
            case double d: sb.Append(FormatFloat(d)); break;
            case float f: sb.Append(FormatFloat(f)); break;
            case string s: AppendString(sb, s); break;
            case ITemporalValue t: sb.Append(t.ToString()); break; // ISO text, as Neo4j's tools show temporal values
            case Node n:
                sb.Append('(');
                foreach (var label in n.Labels) sb.Append(':').Append(label);
                AppendProperties(sb, n.Properties, leadingSpace: n.Labels.Count > 0);
                sb.Append(')');
                break;
            case Relationship r:
                sb.Append("[:").Append(r.Type);
                AppendProperties(sb, r.Properties, leadingSpace: true);
                sb.Append(']');
                break;
            case GraphPath p:
                sb.Append('<');
                Append(sb, p.Nodes[0]);
                for (var i = 0; i < p.Relationships.Count; i++)
                {
                    var rel = p.Relationships[i];
                    var forward = rel.StartNodeElementId == p.Nodes[i].ElementId;
                    sb.Append(forward ? "-" : "<-");
                    Append(sb, rel);
                    sb.Append(forward ? "->" : "-");
                    Append(sb, p.Nodes[i + 1]);
                }
                sb.Append('>');
                break;
            case IReadOnlyDictionary<string, object?> map:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in map)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    sb.Append(k).Append(": ");
                    Append(sb, v);
                }
                sb.Append('}');
                break;
            case byte[] bytes: sb.Append("0x").Append(Convert.ToHexStringLower(bytes)); break;
            case IReadOnlyList<object?> list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Append(sb, list[i]);
                }
                sb.Append(']');
                break;
            default: sb.Append(value); break;
        }
    }

    private static void AppendProperties(StringBuilder sb, IReadOnlyDictionary<string, object?> props, bool leadingSpace)
    {
        if (props.Count == 0) return;
        if (leadingSpace) sb.Append(' ');
        Append(sb, props);
    }

    private static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('\'');
        foreach (var c in s)
        {
            switch (c)
            {
                case '\'': sb.Append("\\'"); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('\'');
    }
}
