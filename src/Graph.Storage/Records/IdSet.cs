namespace Graph.Storage.Records;

/// <summary>
/// A set of ids that stays a small array until it grows (most index keys map to one node), then a hash set, and a
/// bitmap once its ids are dense enough that bits over their range take less than the hash set (a label's members:
/// 1/8 byte per id in the range instead of 20–40 bytes per member).
/// </summary>
internal sealed class IdSet
{
    private const int SmallLimit = 8;
    // A hash set this large is turned into a bitmap when its ids are at least one in BitmapSparseness of their range.
    private const int MinForBitmap = 1024;
    private const long BitmapSparseness = 128;
    private long[] _small;
    private int _count;
    private HashSet<long>? _large;
    private IdBitmap? _bits;
    // The lowest and highest id ever added (the range a bitmap would cover).
    private long _lowest, _highest;

    public IdSet(long first)
    {
        _small = [first, 0];
        _count = 1;
        _lowest = _highest = first;
    }

    public int Count => _bits?.Count ?? _large?.Count ?? _count;

    /// <summary>Whether the ids are kept as bits (for tests).</summary>
    internal bool IsBitmap => _bits is not null;

    public bool Add(long id)
    {
        if (_bits is not null) return _bits.Add(id);
        if (id < _lowest) _lowest = id;
        if (id > _highest) _highest = id;
        if (_large is not null)
        {
            if (!_large.Add(id)) return false;
            if (_large.Count >= MinForBitmap && _highest - _lowest < _large.Count * BitmapSparseness) ToBitmap();
            return true;
        }
        for (var i = 0; i < _count; i++)
            if (_small[i] == id) return false;
        if (_count == SmallLimit)
        {
            _large = new HashSet<long>(_small);
            _large.Add(id);
            _small = [];
            _count = 0;
            return true;
        }
        if (_count == _small.Length) Array.Resize(ref _small, _small.Length * 2);
        _small[_count++] = id;
        return true;
    }

    private void ToBitmap()
    {
        var bits = new IdBitmap(_lowest, _highest);
        foreach (var id in _large!) bits.Add(id);
        _bits = bits;
        _large = null;
    }

    public bool Remove(long id)
    {
        if (_bits is not null) return _bits.Remove(id);
        if (_large is not null) return _large.Remove(id);
        for (var i = 0; i < _count; i++)
        {
            if (_small[i] != id) continue;
            _small[i] = _small[--_count];
            return true;
        }
        return false;
    }

    public bool Contains(long id)
    {
        if (_bits is not null) return _bits.Contains(id);
        if (_large is not null) return _large.Contains(id);
        for (var i = 0; i < _count; i++)
            if (_small[i] == id) return true;
        return false;
    }

    /// <summary>What <see cref="ToAbsoluteWords"/> reads: a bitmap's words, otherwise the ids.</summary>
    public long AbsoluteWordsWork => _bits?.WordCount ?? Count;

    /// <summary>The ids as bits numbered from id 0 (word i holds ids 64i to 64i + 63), up to the last word holding one.</summary>
    public ulong[] ToAbsoluteWords()
    {
        if (_bits is not null) return _bits.ToAbsoluteWords();
        var ids = new List<long>(Count);
        CopyTo(ids);
        if (ids.Count == 0) return [];
        var words = new ulong[(ids.Max() >> 6) + 1];
        foreach (var id in ids) words[id >> 6] |= 1UL << (int)(id & 63);
        return words;
    }

    public void CopyTo(List<long> target)
    {
        if (_bits is not null)
        {
            _bits.CopyTo(target);
            return;
        }
        if (_large is not null)
        {
            foreach (var id in _large) target.Add(id);
            return;
        }
        for (var i = 0; i < _count; i++) target.Add(_small[i]);
    }
}
