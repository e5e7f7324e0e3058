namespace Graph.Engine.Import;

/// <summary>
/// Parsed values of one column by their text, so that a column with few distinct values (a section letter, a
/// confidence, a weight) costs no string or boxed number per row. It gives up on columns whose values mostly differ.
/// </summary>
internal sealed class ValueCache
{
    private const int MaxEntries = 1024;
    private const int MaxLength = 64;
    private const int TrialRows = 4096;

    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private int _lookups;
    private int _hits;
    private bool _disabled;

    public ValueCache() => _bySpan = _values.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The value remembered for this text, if any.</summary>
    public bool TryGet(ReadOnlySpan<char> text, out object value)
    {
        value = null!;
        if (_disabled || text.Length > MaxLength) return false;
        _lookups++;
        if (_bySpan.TryGetValue(text, out value!))
        {
            _hits++;
            return true;
        }
        if (_lookups == TrialRows && _hits < TrialRows / 2)
        {
            _disabled = true; // mostly distinct values (names, ids): caching only costs a lookup
            _values.Clear();
        }
        return false;
    }

    /// <summary>Remembers a parsed value while the cache is worth it.</summary>
    public void Add(ReadOnlySpan<char> text, object value)
    {
        if (!_disabled && text.Length <= MaxLength && _values.Count < MaxEntries) _bySpan[text] = value;
    }
}
