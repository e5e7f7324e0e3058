using System.Security.Cryptography;
using System.Text;

namespace Graph.Ingestion.Planning;

/// <summary>A short, stable digest of property values (sorted by key) used to detect changes.</summary>
public static class ContentHash
{
    public static string Of(IReadOnlyDictionary<string, object?> properties, IReadOnlyDictionary<string, List<Dictionary<string, object?>>>? links)
    {
        var text = new StringBuilder();
        Append(text, properties);
        if (links is not null)
            foreach (var (type, targets) in links.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                text.Append('|').Append(type).Append(':');
                foreach (var target in targets) Append(text, target);
            }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static void Append(StringBuilder text, IReadOnlyDictionary<string, object?> map)
    {
        text.Append('{');
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (value is null) continue;
            text.Append(key).Append('=');
            AppendValue(text, value);
            text.Append('\u001e');
        }
        text.Append('}');
    }

    private static void AppendValue(StringBuilder text, object value)
    {
        switch (value)
        {
            case string s: text.Append('"').Append(s.Replace("\"", "\\\"")).Append('"'); break;
            case double d: text.Append(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)); break;
            case System.Collections.IEnumerable list:
                text.Append('[');
                foreach (var item in list) { if (item is not null) AppendValue(text, item); text.Append(','); }
                text.Append(']');
                break;
            default: text.Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }
}
