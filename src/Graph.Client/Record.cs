using System.Diagnostics;

namespace Graph.Client;

/// <summary>
/// One row of a result. Values are the contract's value types (see <see cref="Values"/>).
/// A record is a view (keys, cells, offset), not an object of its own: a result's records share one array of cells and
/// one key list, so a result of many records costs its cells and one list, not an object and an array per record.
/// Two records are equal when they are views of the same cells (as two references to one record were).
/// <c>default(Record)</c> is a record with no keys.
/// </summary>
public readonly struct Record : IEquatable<Record>
{
    // The record's values are _width (= _keys.Count) cells of _cells from _offset: its own array, or (records made by
    // the embedded engine) a stretch of one array shared by all the records of a result. The width is kept beside the
    // offset so that neither making a record nor the indexer asks the keys' list for its count through an interface call.
    private readonly object?[]? _cells;
    private readonly int _offset;
    private readonly int _width;
    private readonly IReadOnlyList<string>? _keys;

    public Record(IReadOnlyList<string> keys, object?[] values)
    {
        if (keys.Count != values.Length) throw new ArgumentException("A record needs one value per key.");
        _keys = keys;
        _cells = values;
        _width = values.Length;
    }

    /// <summary>
    /// A record of a result whose records share <paramref name="cells"/>: <paramref name="width"/> of them from
    /// <paramref name="offset"/>, which the result's list checked (no check here: its indexer makes one per read).
    /// </summary>
    internal static Record Shared(IReadOnlyList<string> keys, int width, object?[] cells, int offset)
    {
        Debug.Assert(width == keys.Count && offset >= 0 && offset + width <= cells.Length, "A record needs one value per key.");
        return new Record(keys, cells, offset, width);
    }

    private Record(IReadOnlyList<string> keys, object?[] cells, int offset, int width)
    {
        _keys = keys;
        _cells = cells;
        _offset = offset;
        _width = width;
    }

    public IReadOnlyList<string> Keys => _keys ?? [];

    /// <summary>The values in the keys' order (a read-only view when the record shares its result's cells).</summary>
    public IReadOnlyList<object?> Values =>
        // (the cast keeps the array itself: without it the conditional's type is ArraySegment, which the array converts to)
        _cells is null ? Array.Empty<object?>()
        : _offset == 0 && _cells.Length == _width ? (IReadOnlyList<object?>)_cells : new ArraySegment<object?>(_cells, _offset, _width);

    public object? this[int index] =>
        (uint)index < (uint)_width ? _cells![_offset + index] : throw new IndexOutOfRangeException("Index was outside the bounds of the record.");

    public object? this[string key]
    {
        get
        {
            for (var i = 0; i < _width; i++)
                if (_keys![i] == key) return _cells![_offset + i];
            throw new KeyNotFoundException($"The record has no column '{key}'. Columns: {string.Join(", ", Keys)}.");
        }
    }

    public bool ContainsKey(string key) => Keys.Contains(key);

    /// <summary>Gets a value converted to <typeparamref name="T"/> (long to int, lists to typed lists, ...).</summary>
    public T Get<T>(string key) => Values<T>.Convert(this[key]);

    public IReadOnlyDictionary<string, object?> ToDictionary()
    {
        var map = new Dictionary<string, object?>(_width);
        for (var i = 0; i < _width; i++) map[_keys![i]] = _cells![_offset + i];
        return map;
    }

    public bool Equals(Record other) =>
        ReferenceEquals(_cells, other._cells) && _offset == other._offset && _width == other._width && ReferenceEquals(_keys, other._keys);

    public override bool Equals(object? obj) => obj is Record other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_cells is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_cells), _offset);

    public static bool operator ==(Record left, Record right) => left.Equals(right);

    public static bool operator !=(Record left, Record right) => !left.Equals(right);

    public override string ToString()
    {
        var cells = _cells;
        var offset = _offset;
        return "{" + string.Join(", ", Keys.Select((k, i) => $"{k}: {ValueFormatter.ToCypherLiteral(cells![offset + i])}")) + "}";
    }
}
