using System.Diagnostics;

namespace Graph.Client;

/// <summary>One row of a result. Values are the contract's value types (see <see cref="Values"/>).</summary>
public sealed class Record
{
    // The record's values are _width (= _keys.Count) cells of _cells from _offset: its own array, or (records made by
    // the embedded engine) a stretch of one array shared by many records of a result, one allocation for many rows.
    // The width is kept beside the offset (the two ints share 8 bytes, so the record stays 40 bytes) so that neither
    // the constructor of a shared record nor the indexer asks the keys' list for its count through an interface call.
    private readonly object?[] _cells;
    private readonly int _offset;
    private readonly int _width;
    private readonly IReadOnlyList<string> _keys;

    public Record(IReadOnlyList<string> keys, object?[] values)
    {
        if (keys.Count != values.Length) throw new ArgumentException("A record needs one value per key.");
        _keys = keys;
        _cells = values;
        _width = values.Length;
    }

    /// <summary>
    /// A record whose values are <paramref name="width"/> cells of <paramref name="cells"/> from <paramref name="offset"/>,
    /// which nobody writes to afterwards; <paramref name="width"/> is <paramref name="keys"/>' count (the caller's
    /// promise, checked in debug builds: the engine makes many records of one key list).
    /// </summary>
    internal Record(IReadOnlyList<string> keys, int width, object?[] cells, int offset)
    {
        Debug.Assert(width == keys.Count, "A record needs one value per key.");
        if ((uint)offset > (uint)cells.Length || cells.Length - offset < width || width < 0)
            throw new ArgumentException("A record needs one value per key.");
        _keys = keys;
        _cells = cells;
        _offset = offset;
        _width = width;
    }

    public IReadOnlyList<string> Keys => _keys;

    /// <summary>The values in the keys' order (a read-only view when the record shares its result's cells).</summary>
    public IReadOnlyList<object?> Values =>
        // (the cast keeps the array itself: without it the conditional's type is ArraySegment, which the array converts to)
        _offset == 0 && _cells.Length == _width ? (IReadOnlyList<object?>)_cells : new ArraySegment<object?>(_cells, _offset, _width);

    public object? this[int index] =>
        (uint)index < (uint)_width ? _cells[_offset + index] : throw new IndexOutOfRangeException("Index was outside the bounds of the record.");

    public object? this[string key]
    {
        get
        {
            for (var i = 0; i < _width; i++)
                if (_keys[i] == key) return _cells[_offset + i];
            throw new KeyNotFoundException($"The record has no column '{key}'. Columns: {string.Join(", ", _keys)}.");
        }
    }

    public bool ContainsKey(string key) => _keys.Contains(key);

    /// <summary>Gets a value converted to <typeparamref name="T"/> (long to int, lists to typed lists, ...).</summary>
    public T Get<T>(string key) => Values<T>.Convert(this[key]);

    public IReadOnlyDictionary<string, object?> ToDictionary()
    {
        var map = new Dictionary<string, object?>(_width);
        for (var i = 0; i < _width; i++) map[_keys[i]] = _cells[_offset + i];
        return map;
    }

    public override string ToString() =>
        "{" + string.Join(", ", _keys.Select((k, i) => $"{k}: {ValueFormatter.ToCypherLiteral(_cells[_offset + i])}")) + "}";
}
