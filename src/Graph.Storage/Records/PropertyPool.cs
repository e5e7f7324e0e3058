using System.Runtime.CompilerServices;

namespace Graph.Storage.Records;

/// <summary>
/// Dictionary encoding of small relationship property records: relationships of one type mostly carry a few
/// distinct combinations of values (a weight, a sign, a confidence and a section letter), so committed relationships
/// with equal properties share one immutable array instead of each holding its own array, boxes and strings
/// (about 100 bytes per relationship). Arrays are never changed in place (updates copy), so sharing is invisible.
/// Each pooled record has a number from 1 (<see cref="Record"/>), so a column can hold 4 bytes per relationship instead of
/// an 8-byte reference (<see cref="RelPropertyColumn"/>). Added to only by the writer (transactions and commits are
/// serialized); <see cref="Record"/> may be read by any thread.
/// </summary>
internal sealed class PropertyPool
{
    private const int MaxEntries = 4;
    private const int MaxStringLength = 32;
    /// <summary>Records numbered at most: beyond it, a distinct record is stored as its own array.</summary>
    public const int MaxPooled = 1 << 16;
    private readonly Dictionary<PropertyRecord, int> _pool = new(RecordComparer.Instance);
    private readonly Dictionary<PropertyRecord, int>.AlternateLookup<ReadOnlySpan<KeyValuePair<int, object>>> _bySpan;
    /// <summary>Record n at [n]; [0] unused. Replaced by a larger copy when full, so a reader's copy never changes under it.</summary>
    private KeyValuePair<int, object>[][] _records = new KeyValuePair<int, object>[16][];

    /// <summary>
    /// Pooled arrays recently numbered, by identity: a bulk commit hands back the very arrays its transaction took from
    /// the pool, millions of times, and finding one here costs an identity hash where the pool hashes and compares every
    /// value. Pooled arrays are never removed or changed, so an entry never goes stale.
    /// </summary>
    private readonly KeyValuePair<int, object>[]?[] _recentArrays = new KeyValuePair<int, object>[]?[RecentSize];
    private readonly int[] _recentNumbers = new int[RecentSize];
    private const int RecentSize = 256;

    public PropertyPool() => _bySpan = _pool.GetAlternateLookup<ReadOnlySpan<KeyValuePair<int, object>>>();

    /// <summary>Records pooled so far (numbered 1 to Count).</summary>
    public int Count => _pool.Count;

    /// <summary>Pooled record <paramref name="number"/> (1 ≤ number ≤ <see cref="Count"/> when its number was handed out).</summary>
    public KeyValuePair<int, object>[] Record(int number) => Volatile.Read(ref _records)[number];

    /// <summary>
    /// The pooled array equal to <paramref name="properties"/> as they stand (already normalized: same keys in the same
    /// order, values of the stored types), without allocating; false when there is none. A bulk load's rows mostly hit,
    /// so their per-row copy is never made.
    /// </summary>
    public bool TryGet(ReadOnlySpan<KeyValuePair<int, object>> properties, out KeyValuePair<int, object>[] shared)
    {
        shared = null!;
        if (properties.Length == 0 || properties.Length > MaxEntries) return false;
        foreach (var (_, value) in properties)
            if (value is null) return false;
        if (!_bySpan.TryGetValue(properties, out var number)) return false;
        shared = _records[number];
        return true;
    }

    /// <summary>An equal array from the pool (or <paramref name="properties"/>, now pooled if it qualifies).</summary>
    public KeyValuePair<int, object>[] Share(KeyValuePair<int, object>[] properties) => Share(properties, out _);

    /// <summary>
    /// An equal array from the pool (or <paramref name="properties"/>, now pooled if it qualifies) and its number; 0 when
    /// it is not pooled (empty, too large, values that do not qualify, or the pool is full).
    /// </summary>
    public KeyValuePair<int, object>[] Share(KeyValuePair<int, object>[] properties, out int number)
    {
        number = 0;
        if (properties.Length == 0 || properties.Length > MaxEntries) return properties;
        var recent = RuntimeHelpers.GetHashCode(properties) & (RecentSize - 1);
        if (ReferenceEquals(_recentArrays[recent], properties))
        {
            number = _recentNumbers[recent];
            return properties;
        }
        foreach (var (_, value) in properties)
            if (!Poolable(value)) return properties;
        var record = new PropertyRecord(properties);
        if (_pool.TryGetValue(record, out number))
        {
            var shared = _records[number];
            if (ReferenceEquals(shared, properties)) (_recentArrays[recent], _recentNumbers[recent]) = (shared, number);
            return shared;
        }
        if (_pool.Count >= MaxPooled) return properties;
        number = _pool.Count + 1;
        if (number == _records.Length)
        {
            var grown = new KeyValuePair<int, object>[_records.Length * 2][];
            Array.Copy(_records, grown, _records.Length);
            grown[number] = properties;
            Volatile.Write(ref _records, grown);
        }
        else Volatile.Write(ref _records[number], properties);
        _pool.Add(record, number);
        (_recentArrays[recent], _recentNumbers[recent]) = (properties, number);
        return properties;
    }

    private static bool Poolable(object value) => value switch
    {
        bool or long or double => true,
        string s => s.Length <= MaxStringLength,
        _ => false,
    };

    private readonly struct PropertyRecord(KeyValuePair<int, object>[] properties)
    {
        public readonly KeyValuePair<int, object>[] Properties = properties;
    }

    /// <summary>Exact equality: same keys in the same order, same types and values (1 and 1.0 differ, so do 0.0 and -0.0); by array or by span.</summary>
    private sealed class RecordComparer : IEqualityComparer<PropertyRecord>, IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<int, object>>, PropertyRecord>
    {
        public static readonly RecordComparer Instance = new();

        public bool Equals(PropertyRecord x, PropertyRecord y) => Equals(x.Properties.AsSpan(), y);

        public int GetHashCode(PropertyRecord record) => GetHashCode(record.Properties.AsSpan());

        public bool Equals(ReadOnlySpan<KeyValuePair<int, object>> a, PropertyRecord other)
        {
            var b = other.Properties;
            if (a.Length != b.Length) return false;
            for (var i = 0; i < a.Length; i++)
                if (a[i].Key != b[i].Key || !Same(a[i].Value, b[i].Value)) return false;
            return true;
        }

        public int GetHashCode(ReadOnlySpan<KeyValuePair<int, object>> properties)
        {
            var hash = new HashCode();
            foreach (var (key, value) in properties)
            {
                hash.Add(key);
                hash.Add(value is double d ? BitConverter.DoubleToInt64Bits(d) : value.GetHashCode());
            }
            return hash.ToHashCode();
        }

        public PropertyRecord Create(ReadOnlySpan<KeyValuePair<int, object>> properties) => new(properties.ToArray());

        private static bool Same(object a, object b) => (a, b) switch
        {
            (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
            (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
            _ => a.GetType() == b.GetType() && a.Equals(b),
        };
    }
}
