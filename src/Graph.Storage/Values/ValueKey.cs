namespace Graph.Storage.Values;

/// <summary>
/// A hash key with Cypher equality: integral doubles and longs share one key (1 = 1.0),
/// strings compare ordinally, lists element-wise. NaN has no key because NaN equals nothing.
/// </summary>
internal readonly struct ValueKey : IEquatable<ValueKey>
{
    private readonly object _normalized;

    private ValueKey(object normalized) => _normalized = normalized;

    public static bool TryCreate(object? value, out ValueKey key)
    {
        var normalized = NormalizeForKey(value);
        key = normalized is null ? default : new ValueKey(normalized);
        return normalized is not null;
    }

    /// <summary>A composite key (several properties) compares like a list of the values.</summary>
    public static bool TryCreateComposite(object?[] values, out ValueKey key)
    {
        var parts = new object[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var part = NormalizeForKey(values[i]);
            if (part is null) { key = default; return false; }
            parts[i] = part;
        }
        key = new ValueKey(new ListKey(parts));
        return true;
    }

    private static object? NormalizeForKey(object? value)
    {
        switch (value)
        {
            case null: return null;
            case double d:
                if (double.IsNaN(d)) return null;
                // Integral doubles in long range hash and compare as longs: 1.0 = 1.
                if (Math.Floor(d) == d && d >= -9.2233720368547758E18 && d < 9.2233720368547758E18) return (long)d;
                return d;
            case object[] list:
                var parts = new object[list.Length];
                for (var i = 0; i < list.Length; i++)
                {
                    var part = NormalizeForKey(list[i]);
                    if (part is null) return null;
                    parts[i] = part;
                }
                return new ListKey(parts);
            default:
                return value;
        }
    }

    /// <summary>The key's string when it is one (strings compare ordinally, so a string-keyed table can hold these keys).</summary>
    public string? AsString => _normalized as string;

    public bool Equals(ValueKey other) => _normalized is not null && _normalized.Equals(other._normalized);
    public override bool Equals(object? obj) => obj is ValueKey other && Equals(other);
    public override int GetHashCode() => _normalized?.GetHashCode() ?? 0;
    public override string ToString() => _normalized is ListKey l ? l.ToString() : _normalized?.ToString() ?? "null";

    private sealed class ListKey(object[] parts) : IEquatable<ListKey>
    {
        private readonly object[] _parts = parts;

        public bool Equals(ListKey? other)
        {
            if (other is null || other._parts.Length != _parts.Length) return false;
            for (var i = 0; i < _parts.Length; i++)
                if (!_parts[i].Equals(other._parts[i])) return false;
            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as ListKey);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(_parts.Length);
            foreach (var part in _parts) hash.Add(part);
            return hash.ToHashCode();
        }

        public override string ToString() => "[" + string.Join(", ", _parts) + "]";
    }
}
