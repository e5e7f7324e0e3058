namespace Graph.Engine.Execution;

/// <summary>
/// The groups of the rest of a chain beyond one node, with their counts (<see cref="ChainCountOp"/>). Usually a handful,
/// so equal tuples are merged by a linear search; past <see cref="IndexedFrom"/> entries by a dictionary.
/// </summary>
internal sealed class TupleTable : ITupleSink
{
    private const int IndexedFrom = 16;

    private int[][] _tuples = new int[2][];
    private long[] _counts = new long[2];
    private GroupCellPart[] _parts = new GroupCellPart[2];
    private Dictionary<int[], int>? _index;

    public int Count { get; private set; }

    public int[] TupleAt(int i) => _tuples[i];

    public long CountAt(int i) => _counts[i];

    /// <summary>Entry <paramref name="i"/>'s part of its cell number in <paramref name="groups"/> (see <see cref="GroupCellPart"/>).</summary>
    public long CellPartAt(int i, TupleCounts groups) => _parts[i].Get(groups, _tuples[i]);

    public void Add(int[] tuple, long count)
    {
        var at = Find(tuple);
        if (at >= 0)
        {
            _counts[at] += count;
            return;
        }
        if (Count == _tuples.Length)
        {
            Array.Resize(ref _tuples, Count * 2);
            Array.Resize(ref _counts, Count * 2);
            Array.Resize(ref _parts, Count * 2);
        }
        // a cleared table reuses its arrays (the scratch table a ChainCountOp makes each node's table in)
        var copy = _tuples[Count] is { } old && old.Length == tuple.Length ? old : new int[tuple.Length];
        tuple.AsSpan().CopyTo(copy);
        _tuples[Count] = copy;
        _counts[Count] = count;
        _parts[Count] = default; // a cleared table's old entry held another tuple
        _index?.Add(copy, Count);
        Count++;
        if (_index is null && Count > IndexedFrom)
        {
            _index = new Dictionary<int[], int>(TupleComparer.Instance);
            for (var i = 0; i < Count; i++) _index[_tuples[i]] = i;
        }
    }

    /// <summary>Empties the table, keeping its arrays for the next one.</summary>
    public void Clear()
    {
        Count = 0;
        _index = null;
    }

    /// <summary>A table of its own with the same groups (to keep a scratch table's contents).</summary>
    public TupleTable Copy()
    {
        var copy = new TupleTable();
        for (var i = 0; i < Count; i++) copy.Add(_tuples[i], _counts[i]);
        return copy;
    }

    private int Find(int[] tuple)
    {
        if (_index is not null) return _index.TryGetValue(tuple, out var at) ? at : -1;
        for (var i = 0; i < Count; i++)
            if (tuple.AsSpan().SequenceEqual(_tuples[i])) return i;
        return -1;
    }
}
