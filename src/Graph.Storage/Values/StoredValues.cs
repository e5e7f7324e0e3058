using System.Collections;

namespace Graph.Storage.Values;

/// <summary>Converts incoming property values to the storable representation and compares them.</summary>
internal static class StoredValues
{
    /// <summary>
    /// Returns the storable form: bool, long, double, string, a temporal value of the contract (Graph.Client's LocalDate,
    /// LocalTime, OffsetTime, LocalDateTime, ZonedDateTime, Duration) or object[] of those.
    /// Narrower numeric types are widened; lists are copied so callers cannot mutate stored data.
    /// Throws <see cref="InvalidValueException"/> for what cannot be stored, naming the property
    /// (by name when <paramref name="tokens"/> is given).
    /// </summary>
    public static object Normalize(object value, int key, TokenRegistry? tokens = null)
    {
        switch (value)
        {
            case string s:
                // the common case (no surrogate at all) without the closure naming the property
                if (s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0) CheckPropertyText(s, key, tokens);
                return s;
            // the temporal types the codec writes, not any implementation of ITemporalValue
            case bool or long or double or Graph.Client.LocalDate or Graph.Client.LocalTime or Graph.Client.OffsetTime
                or Graph.Client.LocalDateTime or Graph.Client.ZonedDateTime or Graph.Client.Duration:
                return value;
            case int i: return (long)i;
            case short s: return (long)s;
            case byte b: return (long)b;
            case sbyte sb: return (long)sb;
            case uint ui: return (long)ui;
            case ushort us: return (long)us;
            case ulong ul when ul <= long.MaxValue: return (long)ul;
            case float f: return (double)f;
            case decimal m: return (double)m;
            case char c: return Normalize(c.ToString(), key, tokens);
            case IDictionary:
                throw new InvalidValueException($"Property '{KeyName(key, tokens)}': a map cannot be stored as a property value; store its entries as separate properties.");
            case IEnumerable list:
                var items = new List<object>();
                foreach (var item in list)
                {
                    if (item is null)
                        throw new InvalidValueException($"Property '{KeyName(key, tokens)}': a list stored as a property value cannot contain null.");
                    if (item is IEnumerable and not string)
                        throw new InvalidValueException($"Property '{KeyName(key, tokens)}': nested lists cannot be stored as property values.");
                    items.Add(Normalize(item, key, tokens));
                }
                return items.ToArray();
            default:
                throw new InvalidValueException(
                    $"Property '{KeyName(key, tokens)}': values of type {value.GetType().Name} cannot be stored; use bool, integer, float, string, a temporal value or a list of those.");
        }
    }

    /// <summary>Apart from <see cref="Normalize"/>: a lambda capturing its parameters would be allocated on every call.</summary>
    private static void CheckPropertyText(string text, int key, TokenRegistry? tokens) => CheckText(text, () => $"Property '{KeyName(key, tokens)}'");

    private static string KeyName(int key, TokenRegistry? tokens) =>
        tokens is not null && key >= 0 && key < tokens.AllPropertyKeys.Count ? tokens.PropertyKeyName(key) : $"#{key}";

    /// <summary>
    /// Refuses a string that is not valid UTF-16 (a surrogate outside a high-low pair): it cannot be written as UTF-8,
    /// so it would come back changed (U+FFFD) after a restart. <paramref name="what"/> names the string's owner.
    /// </summary>
    public static void CheckText(string text, Func<string> what)
    {
        var span = text.AsSpan();
        var at = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (at >= 0)
        {
            if (char.IsHighSurrogate(span[at]) && at + 1 < span.Length && char.IsLowSurrogate(span[at + 1]))
            {
                var next = span[(at + 2)..].IndexOfAnyInRange('\uD800', '\uDFFF');
                at = next < 0 ? -1 : at + 2 + next;
                continue;
            }
            throw new InvalidValueException(
                $"{what()} holds a string with an unpaired UTF-16 surrogate (\\u{(int)span[at]:X4} at index {at}: \"{Escape(text)}\"). " +
                "Strings are Unicode text and are stored as UTF-8, which cannot encode a lone surrogate; fix the value where it was produced.");
        }
    }

    /// <summary>The string for a message: surrogates and control characters as \uXXXX, at most 60 characters.</summary>
    public static string Escape(string text)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var c in text.Length > 60 ? text[..60] : text)
        {
            if (char.IsSurrogate(c) || char.IsControl(c)) builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else builder.Append(c);
        }
        if (text.Length > 60) builder.Append("...");
        return builder.ToString();
    }

    /// <summary>Exact equality (same type and value): SET of 1.0 over 1 is a change.</summary>
    public static bool SameStored(object a, object b)
    {
        if (a is object[] la)
        {
            if (b is not object[] lb || la.Length != lb.Length) return false;
            for (var i = 0; i < la.Length; i++)
                if (!SameStored(la[i], lb[i])) return false;
            return true;
        }
        return a.GetType() == b.GetType() && a.Equals(b);
    }

    /// <summary>Cypher equality between two storable values (1 = 1.0, NaN equals nothing).</summary>
    public static bool CypherEquals(object a, object b)
    {
        // Fast paths for the common scalar cases; mixed numbers and lists go through the key.
        switch (a)
        {
            case string sa: return b is string sb && string.Equals(sa, sb, StringComparison.Ordinal);
            case long la when b is long lb: return la == lb;
            case bool ba: return b is bool bb && ba == bb;
            case double da when b is double db: return da == db;
        }
        if (!ValueKey.TryCreate(a, out var ka) || !ValueKey.TryCreate(b, out var kb)) return false;
        return ka.Equals(kb);
    }
}
