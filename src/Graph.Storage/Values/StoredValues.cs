using System.Collections;

namespace Graph.Storage.Values;

/// <summary>Converts incoming property values to the storable representation and compares them.</summary>
internal static class StoredValues
{
    /// <summary>
    /// Returns the storable form: bool, long, double, string or object[] of those.
    /// Narrower numeric types are widened; lists are copied so callers cannot mutate stored data.
    /// </summary>
    public static object Normalize(object value, int key)
    {
        switch (value)
        {
            case bool or long or double or string:
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
            case char c: return c.ToString();
            case IDictionary:
                throw new ArgumentException($"Property {key}: a map cannot be stored as a property value; store its entries as separate properties.");
            case IEnumerable list:
                var items = new List<object>();
                foreach (var item in list)
                {
                    if (item is null)
                        throw new ArgumentException($"Property {key}: a list stored as a property value cannot contain null.");
                    if (item is IEnumerable and not string)
                        throw new ArgumentException($"Property {key}: nested lists cannot be stored as property values.");
                    items.Add(Normalize(item, key));
                }
                return items.ToArray();
            default:
                throw new ArgumentException(
                    $"Property {key}: values of type {value.GetType().Name} cannot be stored; use bool, integer, float, string or a list of those.");
        }
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
