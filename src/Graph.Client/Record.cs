namespace Graph.Client;

/// <summary>One row of a result. Values are the contract's value types (see <see cref="Values"/>).</summary>
public sealed class Record
{
    // The record's values are _keys.Count cells of _cells from _offset: its own array, or (records made by the embedded
    // engine) a stretch of one array shared by many records of a result, one allocation for many rows.
    private readonly object?[] _cells;
    private readonly int _offset;
    private readonly IReadOnlyList<string> _keys;

    public Record(IReadOnlyList<string> keys, object?[] values)
    {
        if (keys.Count != values.Length) throw new ArgumentException("A record needs one value per key.");
        _keys = keys;
        _cells = values;
    }

    /// <summary>A record whose values are <paramref name="keys"/>.Count cells of <paramref name="cells"/> from <paramref name="offset"/>, which nobody writes to afterwards.</summary>
    internal Record(IReadOnlyList<string> keys, object?[] cells, int offset)
    {
        if ((uint)offset > (uint)cells.Length || cells.Length - offset < keys.Count)
            throw new ArgumentException("A record needs one value per key.");
        _keys = keys;
        _cells = cells;
        _offset = offset;
    }

    public IReadOnlyList<string> Keys => _keys;

    /// <summary>The values in the keys' order (a read-only view when the record shares its result's cells).</summary>
    public IReadOnlyList<object?> Values =>
        _offset == 0 && _cells.Length == _keys.Count ? _cells : new ArraySegment<object?>(_cells, _offset, _keys.Count);

    public object? this[int index] =>
        (uint)index < (uint)_keys.Count ? _cells[_offset + index] : throw new IndexOutOfRangeException("Index was outside the bounds of the record.");

    public object? this[string key]
    {
        get
        {
            for (var i = 0; i < _keys.Count; i++)
                if (_keys[i] == key) return _cells[_offset + i];
            throw new KeyNotFoundException($"The record has no column '{key}'. Columns: {string.Join(", ", _keys)}.");
        }
    }

    public bool ContainsKey(string key) => _keys.Contains(key);

    /// <summary>Gets a value converted to <typeparamref name="T"/> (long to int, lists to typed lists, ...).</summary>
    public T Get<T>(string key) => Values<T>.Convert(this[key]);

    public IReadOnlyDictionary<string, object?> ToDictionary()
    {
        var map = new Dictionary<string, object?>(_keys.Count);
        for (var i = 0; i < _keys.Count; i++) map[_keys[i]] = _cells[_offset + i];
        return map;
    }

    public override string ToString() =>
        "{" + string.Join(", ", _keys.Select((k, i) => $"{k}: {ValueFormatter.ToCypherLiteral(_cells[_offset + i])}")) + "}";
}
