namespace Graph.Storage.Records;

/// <summary>A set of ids that stays a small array until it grows (most index keys map to one node).</summary>
internal sealed class IdSet
{
    private const int SmallLimit = 8;
    private long[] _small;
    private int _count;
    private HashSet<long>? _large;

    public IdSet(long first)
    {
        _small = [first, 0];
        _count = 1;
    }

    public int Count => _large?.Count ?? _count;

    public bool Add(long id)
    {
        if (_large is not null) return _large.Add(id);
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

    public bool Remove(long id)
    {
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
        if (_large is not null) return _large.Contains(id);
        for (var i = 0; i < _count; i++)
            if (_small[i] == id) return true;
        return false;
    }

    public void CopyTo(List<long> target)
    {
        if (_large is not null)
        {
            foreach (var id in _large) target.Add(id);
            return;
        }
        for (var i = 0; i < _count; i++) target.Add(_small[i]);
    }
}
