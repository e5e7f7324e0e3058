namespace Graph.Client;

/// <summary>One row of a result. Values are the contract's value types (see <see cref="Values"/>).</summary>
public sealed class Record
{
    private readonly object?[] _values;
    private readonly IReadOnlyList<string> _keys;

    public Record(IReadOnlyList<string> keys, object?[] values)
    {
        if (keys.Count != values.Length) throw new ArgumentException("A record needs one value per key.");
        _keys = keys;
        _values = values;
    }

    public IReadOnlyList<string> Keys => _keys;
    public IReadOnlyList<object?> Values => _values;

    public object? this[int index] => _values[index];

    public object? this[string key]
    {
        get
        {
            for (var i = 0; i < _keys.Count; i++)
                if (_keys[i] == key) return _values[i];
            throw new KeyNotFoundException($"The record has no column '{key}'. Columns: {string.Join(", ", _keys)}.");
        }
    }

    public bool ContainsKey(string key) => _keys.Contains(key);

    /// <summary>Gets a value converted to <typeparamref name="T"/> (long to int, lists to typed lists, ...).</summary>
    public T Get<T>(string key) => Values<T>.Convert(this[key]);

    public IReadOnlyDictionary<string, object?> ToDictionary()
    {
        var map = new Dictionary<string, object?>(_keys.Count);
        for (var i = 0; i < _keys.Count; i++) map[_keys[i]] = _values[i];
        return map;
    }

    public override string ToString() =>
        "{" + string.Join(", ", _keys.Select((k, i) => $"{k}: {ValueFormatter.ToCypherLiteral(_values[i])}")) + "}";
}
