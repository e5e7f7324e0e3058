namespace Graph.Engine.Runtime;

/// <summary>
/// A set of node or relationship ids: hashed while few, a bitmap over [0, largest id] once the hashed entries would take
/// more memory than that bitmap. The thousands of nodes a variable-length pattern reaches (or count(DISTINCT b) counts)
/// then cost one bit each instead of a hash entry (16 bytes, and more while the table doubles), and a test is a shift.
/// Ids outside the bitmap once it exists (negative, or beyond the range it covers) go to a small hashed overflow.
/// </summary>
internal sealed class EntityIdSet
{
    /// <summary>Below this many ids the set stays hashed: a bitmap over a high id would be mostly zeros.</summary>
    private const int MinDense = 64;

    /// <summary>Bytes a hashed id takes (entry and bucket); compared with a bitmap's bytes to choose.</summary>
    private const long HashedBytesPerId = 20;

    private HashSet<long>? _hashed = [];
    private long _largest = -1;
    private ulong[]? _bits;
    private HashSet<long>? _overflow;

    public int Count { get; private set; }

    /// <summary>True once the ids are kept as a bitmap (tests).</summary>
    public bool IsDense => _bits is not null;

    public bool Contains(long id)
    {
        if (_bits is null) return _hashed!.Contains(id);
        if (InBitmap(id)) return (_bits[id >> 6] & (1UL << (int)(id & 63))) != 0;
        return _overflow?.Contains(id) ?? false;
    }

    /// <summary>Adds an id; false when it was there already.</summary>
    public bool Add(long id)
    {
        if (_bits is null)
        {
            if (!_hashed!.Add(id)) return false;
            Count++;
            if (id > _largest) _largest = id;
            if (Count >= MinDense && Count * HashedBytesPerId >= (_largest >> 3) + 8) Densify();
            return true;
        }
        if (InBitmap(id))
        {
            ref var word = ref _bits[id >> 6];
            var bit = 1UL << (int)(id & 63);
            if ((word & bit) != 0) return false;
            word |= bit;
        }
        else if (!(_overflow ??= []).Add(id)) return false;
        Count++;
        return true;
    }

    /// <summary>
    /// Empties the set. A bitmap is dropped rather than zeroed: the next use may hold a few ids, and zeroing a large
    /// bitmap per use would cost more than those ids.
    /// </summary>
    public void Clear()
    {
        _bits = null;
        _overflow = null;
        if (_hashed is null) _hashed = [];
        else _hashed.Clear();
        _largest = -1;
        Count = 0;
    }

    private bool InBitmap(long id) => id >= 0 && (id >> 6) < _bits!.Length;

    private void Densify()
    {
        var hashed = _hashed!;
        _bits = new ulong[(_largest >> 6) + 1];
        _hashed = null;
        foreach (var id in hashed)
        {
            if (InBitmap(id)) _bits[id >> 6] |= 1UL << (int)(id & 63);
            else (_overflow ??= []).Add(id);
        }
    }
}
