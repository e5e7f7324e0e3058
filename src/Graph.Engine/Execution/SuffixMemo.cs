using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// The groups of the rest of a chain beyond a node (<see cref="TupleTable"/>), remembered per node at one hop of a
/// <see cref="ChainCountOp"/>. A table is kept from a node's second visit on (a node reached once never costs one), and
/// only when it is small or much smaller than the relationships read to make it: the stances of a claim grouped by
/// institution are as many groups as stances, and merging them again costs what reading them again does.
/// A table of one group counted once (an expert's one institution) is kept inline as its tuple's number in the node's
/// index entry: one array read per visit, no object.
/// </summary>
internal sealed class SuffixMemo(MemoryAccount account)
{
    /// <summary>Tables of up to this many groups are kept whatever they cost to make.</summary>
    private const int SmallTable = 4;

    /// <summary>Entries of all the tables together, at most (a bound on the memory).</summary>
    private const long MaxEntries = 1 << 22;

    private const int NotKept = -2;

    /// <summary>A node with no groups beyond it (no relationship of the hop, or none whose far node passes the labels).</summary>
    private const int NoGroups = -1;

    private static readonly TupleTable Empty = new();

    /// <summary>Values from here up: a node seen once, and the work its visit took (relationships read, groups merged).</summary>
    private const int SeenOnce = 1 << 30;

    /// <summary>
    /// A node whose first visit read more than this is read again rather than tabled: its table is likely as large as
    /// what it saves (a popular claim's stances by institution), and making it costs more than one more reading.
    /// </summary>
    private const long MaxWorkTabled = 256;

    private readonly DenseNodeIndex _index = new();
    private readonly List<TupleTable> _tables = [];
    private readonly List<int[]> _tuples = [];
    private GroupCellPart[] _tupleParts = new GroupCellPart[16];
    private readonly Dictionary<int[], int> _tupleIds = new(TupleComparer.Instance);
    private long _entries, _indexBytes, _offered, _refused;

    /// <summary>Tables offered before <see cref="Worthwhile"/> judges.</summary>
    private const int TrialTables = 64;

    /// <summary>
    /// False once most tables offered were refused (the nodes here have large tables: a claim's stances by institution):
    /// making a table to throw it away costs more than reading on, so the owner stops remembering at this hop.
    /// </summary>
    public bool Worthwhile => _offered < TrialTables || _refused * 2 < _offered;

    /// <summary>
    /// Whether <paramref name="node"/> was walked from here before. The owner walks a node from this hop only after it
    /// passed the previous hop's label checks, so a known node passes them again (read-only runs: labels cannot change).
    /// </summary>
    public bool Knows(long node) => _index.Get(node) != 0;

    /// <summary>
    /// What is known of a node, changing nothing: <see cref="Find"/>'s answer for a remembered table or single group
    /// (which <see cref="Find"/> gives without a change either); <see cref="LookupKind.Repeated"/> for any other node
    /// walked before, <see cref="LookupKind.FirstVisit"/> for one never walked (<see cref="Lookup.Known"/> false).
    /// </summary>
    public Lookup Peek(long node)
    {
        var v = _index.Get(node);
        if (v == 0) return default;
        if (v >= SeenOnce || v == NotKept) return new Lookup(LookupKind.Repeated, null, null, 0);
        return Kept(v);
    }

    /// <summary>
    /// A remembered node's groups as cell parts of <paramref name="groups"/> (<see cref="GroupCellPart"/>), changing
    /// nothing: its single group's part (counted once), or its table (empty for none); <see cref="KnownCells.Other"/> for
    /// any other node (the caller then takes <see cref="Peek"/>'s way). One index read, and for a single group a small
    /// array's entry (the distinct single groups are few): no lookup value made.
    /// </summary>
    public KnownCells CellsOf(long node, TupleCounts groups, out long singlePart, out TupleTable? table)
    {
        var v = _index.Get(node);
        singlePart = -1;
        table = null;
        if (v == 0 || v >= SeenOnce || v == NotKept) return KnownCells.Other;
        if (v == NoGroups) return KnownCells.None;
        if (v > 0)
        {
            table = _tables[v - 1];
            return KnownCells.Table;
        }
        var single = FirstSingle - v;
        singlePart = _tupleParts[single].Get(groups, _tuples[single]);
        return KnownCells.Single;
    }

    public enum KnownCells { Other, None, Single, Table }

    /// <summary>Index values from here down are single groups: value <c>FirstSingle - s</c> is single group s.</summary>
    public const int FirstSingle = -3;

    /// <summary>An index value of a node with no groups beyond it.</summary>
    public const int NoGroupsValue = NoGroups;

    /// <summary>Index values from here up are not tables (see <see cref="KnownSuffixCells"/>).</summary>
    public const int FirstUnkept = SeenOnce;

    // the known cells (TryGetKnownCells): the tables' entries flattened, and every part for one layout of one table
    private long[] _singleParts = [];
    private int[] _tableStarts = [0];
    private long[] _tableParts = [], _tableCounts = [];
    private int _flatTables, _singlesWithParts, _tablesWithParts;
    private TupleCounts? _partsOf;
    private int _partsLayout;
    private long _flatBytes;

    /// <summary>
    /// What <see cref="CellsOf"/> reads, for a caller's loop over many nodes (<see cref="KnownSuffixCells"/>), with the
    /// parts of <paramref name="groups"/> as laid out now; false while the index is a dictionary. Worked out for the new
    /// singles and tables only, and again for all when the layout changed.
    /// </summary>
    public bool TryGetKnownCells(TupleCounts groups, out KnownSuffixCells cells)
    {
        cells = default;
        if (!_index.TryGetArray(out var index, out var first)) return false;
        FlattenTables();
        if (!ReferenceEquals(_partsOf, groups) || _partsLayout != groups.Layout)
        {
            _partsOf = groups;
            _partsLayout = groups.Layout;
            _singlesWithParts = _tablesWithParts = 0;
        }
        if (_singlesWithParts < _tuples.Count)
        {
            if (_singleParts.Length < _tuples.Count) Array.Resize(ref _singleParts, _tupleParts.Length);
            for (var s = _singlesWithParts; s < _tuples.Count; s++) _singleParts[s] = _tupleParts[s].Get(groups, _tuples[s]);
            _singlesWithParts = _tuples.Count;
        }
        for (; _tablesWithParts < _tables.Count; _tablesWithParts++)
        {
            var table = _tables[_tablesWithParts];
            var start = _tableStarts[_tablesWithParts];
            for (var e = 0; e < table.Count; e++) _tableParts[start + e] = table.CellPartAt(e, groups);
        }
        var entries = _tableStarts[_tables.Count];
        cells = new KnownSuffixCells(index, first, _singleParts.AsSpan(0, _tuples.Count), _tableStarts.AsSpan(0, _tables.Count + 1),
            _tableParts.AsSpan(0, entries), _tableCounts.AsSpan(0, entries));
        return true;
    }

    /// <summary>The tables kept since the last call appended to the flat arrays (their counts; their parts come after).</summary>
    private void FlattenTables()
    {
        if (_flatTables == _tables.Count) return;
        var entries = _tableStarts[_flatTables];
        for (var t = _flatTables; t < _tables.Count; t++) entries += _tables[t].Count;
        if (_tableStarts.Length < _tables.Count + 1) Array.Resize(ref _tableStarts, Math.Max(_tables.Count + 1, _tableStarts.Length * 2));
        if (_tableParts.Length < entries)
        {
            var length = Math.Max(entries, _tableParts.Length * 2);
            Array.Resize(ref _tableParts, length);
            Array.Resize(ref _tableCounts, length);
        }
        for (; _flatTables < _tables.Count; _flatTables++)
        {
            var table = _tables[_flatTables];
            var start = _tableStarts[_flatTables];
            for (var e = 0; e < table.Count; e++) _tableCounts[start + e] = table.CountAt(e);
            _tableStarts[_flatTables + 1] = start + table.Count;
        }
        var bytes = 4L * _tableStarts.Length + 16L * _tableParts.Length + 8L * _singleParts.Length;
        if (bytes > _flatBytes)
        {
            account.Reserve(bytes - _flatBytes);
            _flatBytes = bytes;
        }
    }

    /// <summary>What is known of a node: nothing yet (first visit), seen once, or its table.</summary>
    public Lookup Find(long node)
    {
        var v = _index.Get(node);
        if (v == 0)
        {
            if (_index.Set(node, SeenOnce)) ReserveIndex();
            return new Lookup(LookupKind.FirstVisit, null, null, 0);
        }
        if (v >= SeenOnce)
        {
            if (v - SeenOnce <= MaxWorkTabled) return new Lookup(LookupKind.Repeated, null, null, 0);
            _index.Set(node, NotKept);
            return new Lookup(LookupKind.NotKept, null, null, 0);
        }
        if (v == NotKept) return new Lookup(LookupKind.NotKept, null, null, 0);
        return Kept(v);
    }

    /// <summary>The lookup of an index value that holds a table, a single group or none.</summary>
    private Lookup Kept(int v)
    {
        if (v == NoGroups) return new Lookup(LookupKind.Table, Empty, null, 0);
        if (v > 0) return new Lookup(LookupKind.Table, _tables[v - 1], null, 0);
        return new Lookup(LookupKind.Single, null, _tuples[FirstSingle - v], 1, FirstSingle - v);
    }

    /// <summary>A single group's (<see cref="LookupKind.Single"/>) part of its cell number in <paramref name="groups"/> (see <see cref="GroupCellPart"/>).</summary>
    public long SingleCellPart(int single, TupleCounts groups) => _tupleParts[single].Get(groups, _tuples[single]);

    /// <summary>Notes what the first visit of <paramref name="node"/> took (see <see cref="MaxWorkTabled"/>).</summary>
    public void FirstVisitTook(long node, long work)
    {
        if (_index.Get(node) == SeenOnce) _index.Set(node, SeenOnce + (int)Math.Min(work, MaxWorkTabled + 1));
    }

    /// <summary>Keeps a copy of <paramref name="table"/> for <paramref name="node"/> if it is worth it (see the class).</summary>
    public void Offer(long node, TupleTable table, long relationshipsRead)
    {
        _offered++;
        if (table.Count > SmallTable && table.Count * 4 > relationshipsRead || _entries + table.Count > MaxEntries)
        {
            _index.Set(node, NotKept); // read again at each visit, without the cost of making a table
            _refused++;
            return;
        }
        if (table.Count == 0)
        {
            _index.Set(node, NoGroups);
            return;
        }
        if (table.Count == 1 && table.CountAt(0) == 1)
        {
            var tuple = table.TupleAt(0);
            if (!_tupleIds.TryGetValue(tuple, out var id))
            {
                tuple = (int[])tuple.Clone(); // the table is the caller's scratch
                id = _tuples.Count;
                _tuples.Add(tuple);
                if (id == _tupleParts.Length) Array.Resize(ref _tupleParts, id * 2);
                _tupleIds[tuple] = id;
                account.Reserve(ValueSize.DictionaryEntry + ValueSize.Array(tuple.Length) / 2);
            }
            _index.Set(node, FirstSingle - id);
        }
        else
        {
            _index.Set(node, _tables.Count + 1);
            _tables.Add(table.Copy());
            account.Reserve(64 + table.Count * 48L);
        }
        _entries += table.Count;
    }

    private void ReserveIndex()
    {
        if (_index.Bytes <= _indexBytes) return;
        account.Reserve(_index.Bytes - _indexBytes);
        _indexBytes = _index.Bytes;
    }

    public enum LookupKind { FirstVisit, Repeated, NotKept, Table, Single }

    /// <summary>A node's entry: its table, or its one tuple and count (and that tuple's number, for <see cref="SingleCellPart"/>).</summary>
    public readonly record struct Lookup(LookupKind Kind, TupleTable? Table, int[]? Tuple, long Count, int Single = -1)
    {
        /// <summary>The node was walked from the memo's hop before (see <see cref="Knows"/>).</summary>
        public bool Known => Kind != LookupKind.FirstVisit;
    }
}
