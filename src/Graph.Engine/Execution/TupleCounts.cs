using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// The groups of a <see cref="ChainCountOp"/>: tuple of interned key ids to count, in order of first appearance, each
/// new group reserved against the statement's memory limit.
/// <para>
/// Dense while the keys take few values: a group's count lives in a cell of one array indexed by its ids in mixed
/// radix (cell = id0 + r0·(id1 + r1·(id2 …))), so a path costs one indexed add, as a hand-coded counter's does; the
/// stances by (institution, paradigm, type, sign) are 5,000 × 3 × 2 × 2 cells at 100k experts. A radix grows (and the
/// cells are laid out again) when an id reaches it. The cells are 4-byte ints until a count would pass
/// <see cref="int.MaxValue"/>, then 8-byte longs for the rest of the run (the same cell numbers): a path count fits an
/// int in practice, and half the bytes keep the stances' 5,000 institution blocks (16 cells each) in half the cache
/// lines, as a hand-coded counter's int array. Once the cells would be many more than the groups (keys that
/// combine sparsely, such as two node ids), or more than <see cref="MaxCells"/>, the groups move for good to an
/// open-addressing table over one flat array of ids, hashed in place.
/// </para>
/// </summary>
internal sealed class TupleCounts(int width, MemoryAccount account, int[]? keyOrder = null) : ITupleSink
{
    /// <summary>
    /// The keys from the least significant in a cell's number to the most (default: as numbered). A caller that adds
    /// runs of groups sharing some keys (a middle node's groups share its right side's keys) puts those last, so that
    /// the run's cells lie next to each other instead of a radix apart.
    /// </summary>
    private readonly int[] _order = keyOrder ?? Enumerable.Range(0, width).ToArray();

    private const long GroupBytes = 8 + 4 * 2; // the count (or its cell), and the bucket (at half load)

    /// <summary>Dense cells at most (4 MB of int counts, 8 MB once widened).</summary>
    internal const long MaxCells = 1 << 20;

    /// <summary>Cells always allowed, however few the groups (256 KB of ints).</summary>
    internal const long SmallCells = 1 << 16;

    /// <summary>Beyond <see cref="SmallCells"/>, cells per group at most: sparser keys are hashed.</summary>
    internal const long CellsPerGroup = 8;

    private int[] _ids = new int[Math.Max(1, width) * 16];
    private int _count;

    // dense mode (_narrow or _wide is not null): the count of each cell (ints until one would overflow, then longs),
    // each group's cell, and each key's radix
    private int[]? _narrow = new int[1];
    private long[]? _wide;
    private int[] _groupCell = new int[16];
    private readonly int[] _radix = Enumerable.Repeat(1, width).ToArray();
    private long _cellBytes; // the first cell (no keys, or all ids 0) is not counted

    // hashed mode: each group's count and the buckets (group index + 1; 0: empty)
    private long[] _counts = [];
    private int[] _buckets = [];

    public int Count => _count;

    /// <summary>Changes whenever the cells are laid out again or given up: a cell part computed before is stale.</summary>
    public int Layout { get; private set; }

    /// <summary>Keys at most for <see cref="PackedCellPart"/> (the count of keys set is packed in 8 bits).</summary>
    private const int MaxPackedKeys = 255;

    /// <summary>
    /// The part of a cell's number that the keys set in <paramref name="tuple"/> (ids ≥ 0) contribute, shifted left by 8
    /// bits over the number of keys set; -1 when the groups are not in cells or a set id has no cell yet. Two tuples that
    /// set different keys have parts that add up to the cell of their merged tuple (the cell's number is linear in the
    /// ids), valid while <see cref="Layout"/> stays the same.
    /// </summary>
    public long PackedCellPart(ReadOnlySpan<int> tuple)
    {
        if (!IsDense || width > MaxPackedKeys) return -1;
        long part = 0, stride = 1;
        var set = 0;
        for (var j = 0; j < width; j++)
        {
            var i = _order[j];
            var id = tuple[i];
            var radix = _radix[i];
            if (id >= 0)
            {
                if (id >= radix) return -1;
                part += id * stride;
                set++;
            }
            stride *= radix;
        }
        return part << 8 | (long)set;
    }

    /// <summary>
    /// Adds <paramref name="count"/> to the group of the merged tuple whose two parts (<see cref="PackedCellPart"/>, this
    /// layout) are given, when that group exists already and the parts set every key between them; false (nothing done)
    /// otherwise: the caller adds the merged tuple (a new group is appended in order, or the cells grow).
    /// </summary>
    public bool TryAddToParts(long packed, long otherPacked, long count)
    {
        if (packed < 0 || otherPacked < 0 || count <= 0) return false;
        if ((int)(packed & 0xFF) + (int)(otherPacked & 0xFF) != width) return false;
        var cell = (packed >> 8) + (otherPacked >> 8);
        if (_narrow is { } narrow)
        {
            ref var c = ref narrow[cell];
            if (c == 0) return false;
            var sum = c + count;
            if (sum <= int.MaxValue) c = (int)sum;
            else Widen()[cell] += count;
            return true;
        }
        if (_wide is not { } wide || wide[cell] == 0) return false;
        wide[cell] += count;
        return true;
    }

    /// <summary>
    /// The int cells while the counts are in them (empty otherwise), for a caller's loop that adds to groups made already:
    /// it adds only to a nonzero cell (a group), and only while the sum stays an int (else it calls
    /// <see cref="TryAddToParts"/>). Valid until the next add through this table.
    /// </summary>
    public Span<int> NarrowCells => _narrow;

    /// <summary>True while the counts are in dense cells (tests and reasoning about memory).</summary>
    public bool IsDense => _narrow is not null || _wide is not null;

    /// <summary>True once a dense count passed the int range and the cells became longs (tests).</summary>
    public bool IsWide => _wide is not null;

    public void Add(int[] tuple, long count)
    {
        if (count <= 0) return; // a path counted no times makes no group (and a zero cell means "no group yet")
        if (IsDense)
        {
            var cell = CellOf(tuple);
            if (cell >= 0)
            {
                // counts only grow from zero: a zero cell is a group not seen yet
                if (_narrow is { } narrow)
                {
                    ref var c = ref narrow[cell];
                    if (c == 0) AppendGroup(tuple, cell);
                    var sum = c + count;
                    if (sum <= int.MaxValue) c = (int)sum;
                    else Widen()[cell] += count;
                    return;
                }
                var wide = _wide!;
                if (wide[cell] == 0) AppendGroup(tuple, cell);
                wide[cell] += count;
                return;
            }
            if (!Relayout(tuple)) ToHashed();
            if (IsDense)
            {
                Add(tuple, count);
                return;
            }
        }
        AddHashed(tuple, count);
    }

    /// <summary>
    /// The int cells copied into long cells of the same numbers (a count is about to pass the int range), for the rest of
    /// the run; the layout stays, so cell parts computed before stay valid.
    /// </summary>
    private long[] Widen()
    {
        var narrow = _narrow!;
        account.Reserve(8L * narrow.Length);
        var wide = GroupCellPool.RentCells(narrow.Length);
        for (var g = 0; g < _count; g++) wide[_groupCell[g]] = narrow[_groupCell[g]];
        GroupCellPool.ReturnNarrowCells(narrow, _groupCell.AsSpan(0, _count));
        _narrow = null;
        _wide = wide;
        account.Release(_cellBytes);
        _cellBytes = 8L * narrow.Length;
        return wide;
    }

    /// <summary>Group <paramref name="index"/>'s tuple (valid until the next <see cref="Add"/>).</summary>
    public ReadOnlySpan<int> TupleAt(int index) => _ids.AsSpan(index * width, width);

    public long CountAt(int index) => _narrow is { } narrow ? narrow[_groupCell[index]] : _wide is { } wide ? wide[_groupCell[index]] : _counts[index];

    /// <summary>The tuple's cell, or -1 when an id is outside the radices (or negative).</summary>
    private long CellOf(int[] tuple)
    {
        long cell = 0;
        for (var j = width - 1; j >= 0; j--)
        {
            var i = _order[j];
            var id = tuple[i];
            var radix = _radix[i];
            if ((uint)id >= (uint)radix) return -1;
            cell = cell * radix + id;
        }
        return cell;
    }

    private void AppendGroup(int[] tuple, long cell)
    {
        // (pooled arrays may be longer than asked for, and not a multiple of the width)
        if ((_count + 1) * width > _ids.Length || _count == _groupCell.Length) GrowGroups();
        account.Reserve(GroupBytes + 4L * width);
        tuple.AsSpan(0, width).CopyTo(_ids.AsSpan(_count * width));
        _groupCell[_count] = (int)cell;
        _count++;
    }

    /// <summary>
    /// Grows the radices so that <paramref name="tuple"/> has a cell and lays the counts out again; false when the cells
    /// would be too many (or an id is negative), and the caller hashes instead.
    /// </summary>
    private bool Relayout(int[] tuple)
    {
        var radix = (int[])_radix.Clone();
        long cells = 1;
        for (var i = 0; i < width; i++)
        {
            if (tuple[i] < 0) return false;
            // grown by half again at least, so an interner numbering values one by one costs few layouts
            if (tuple[i] >= radix[i]) radix[i] = (int)Math.Min(int.MaxValue, Math.Max(tuple[i] + 1L, radix[i] * 3L / 2 + 1));
            cells *= radix[i];
            if (cells > MaxCells) return false;
        }
        if (cells > SmallCells && cells > CellsPerGroup * (_count + 1)) return false;
        var cellBytes = (_narrow is not null ? 4 : 8) * cells;
        account.Reserve(cellBytes);
        radix.CopyTo(_radix, 0);
        if (_narrow is { } narrow)
        {
            var moved = GroupCellPool.RentNarrowCells(cells);
            for (var g = 0; g < _count; g++)
            {
                var cell = CellOf(TupleAt(g));
                moved[cell] = narrow[_groupCell[g]];
                narrow[_groupCell[g]] = 0; // the old array goes back to the pool all zero
                _groupCell[g] = (int)cell;
            }
            GroupCellPool.ReturnNarrowCells(narrow, []);
            _narrow = moved;
        }
        else
        {
            var old = _wide!;
            var moved = GroupCellPool.RentCells(cells);
            for (var g = 0; g < _count; g++)
            {
                var cell = CellOf(TupleAt(g));
                moved[cell] = old[_groupCell[g]];
                old[_groupCell[g]] = 0;
                _groupCell[g] = (int)cell;
            }
            GroupCellPool.ReturnCells(old, []);
            _wide = moved;
        }
        Layout++;
        account.Release(_cellBytes);
        _cellBytes = cellBytes;
        return true;
    }

    private long CellOf(ReadOnlySpan<int> tuple)
    {
        long cell = 0;
        for (var j = width - 1; j >= 0; j--) cell = cell * _radix[_order[j]] + tuple[_order[j]];
        return cell;
    }

    /// <summary>Moves the groups from the cells to the hashed table (for the rest of the run).</summary>
    private void ToHashed()
    {
        _counts = new long[Math.Max(16, _groupCell.Length)];
        for (var g = 0; g < _count; g++) _counts[g] = CountAt(g);
        ReturnDenseCells();
        GroupCellPool.ReturnInts(_groupCell);
        Layout++;
        _groupCell = [];
        account.Release(_cellBytes);
        _cellBytes = 0;
        var buckets = 32;
        while (_count * 2 > buckets) buckets *= 2;
        _buckets = new int[buckets];
        Rehash();
    }

    private void AddHashed(int[] tuple, long count)
    {
        var mask = _buckets.Length - 1;
        var b = Hash(tuple) & mask;
        while (true)
        {
            var at = _buckets[b] - 1;
            if (at < 0) break;
            if (SameAt(at, tuple))
            {
                _counts[at] += count;
                return;
            }
            b = (b + 1) & mask;
        }
        if (_count == _counts.Length || (_count + 1) * width > _ids.Length) GrowGroups();
        account.Reserve(GroupBytes + 4L * width);
        tuple.AsSpan(0, width).CopyTo(_ids.AsSpan(_count * width));
        _counts[_count] = count;
        _count++;
        if (_count * 2 > _buckets.Length)
        {
            _buckets = new int[_buckets.Length * 2];
            Rehash();
        }
        else _buckets[b] = _count;
    }

    private bool SameAt(int at, int[] tuple)
    {
        var start = at * width;
        for (var i = 0; i < width; i++)
            if (_ids[start + i] != tuple[i]) return false;
        return true;
    }

    private int Hash(ReadOnlySpan<int> tuple)
    {
        uint h = 2166136261;
        for (var i = 0; i < width; i++) h = (h ^ (uint)tuple[i]) * 16777619;
        return (int)(h ^ (h >> 15));
    }

    private void GrowGroups()
    {
        var groups = Math.Max(16, _count * 2);
        _ids = Regrown(_ids, groups * Math.Max(1, width), _count * width);
        if (IsDense) _groupCell = Regrown(_groupCell, groups, _count);
        else Array.Resize(ref _counts, groups);
    }

    /// <summary>A pooled array of at least <paramref name="length"/> holding <paramref name="array"/>'s first <paramref name="used"/> entries; the old one goes back.</summary>
    private static int[] Regrown(int[] array, int length, int used)
    {
        var grown = GroupCellPool.RentInts(length);
        array.AsSpan(0, used).CopyTo(grown);
        GroupCellPool.ReturnInts(array);
        return grown;
    }

    /// <summary>
    /// Gives the arrays back to <see cref="GroupCellPool"/> (the cells cleared where groups were) and leaves the table
    /// empty: called once the groups have been read (the run that counted them is over).
    /// </summary>
    public void Return()
    {
        ReturnDenseCells();
        if (_groupCell.Length > 0) GroupCellPool.ReturnInts(_groupCell);
        GroupCellPool.ReturnInts(_ids);
        _count = 0;
        _narrow = new int[1];
        _groupCell = new int[16];
        _ids = new int[Math.Max(1, width) * 16];
        _counts = [];
        _buckets = [];
        Array.Fill(_radix, 1);
        Layout++;
        account.Release(_cellBytes);
        _cellBytes = 0;
    }

    /// <summary>The dense cells back to their pool, cleared where the groups were (none is kept).</summary>
    private void ReturnDenseCells()
    {
        if (_narrow is { } narrow) GroupCellPool.ReturnNarrowCells(narrow, _groupCell.AsSpan(0, _count));
        if (_wide is { } wide) GroupCellPool.ReturnCells(wide, _groupCell.AsSpan(0, _count));
        _narrow = null;
        _wide = null;
    }

    private void Rehash()
    {
        var mask = _buckets.Length - 1;
        for (var g = 0; g < _count; g++)
        {
            var b = Hash(TupleAt(g)) & mask;
            while (_buckets[b] != 0) b = (b + 1) & mask;
            _buckets[b] = g + 1;
        }
    }
}
