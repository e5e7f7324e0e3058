using System.Diagnostics;
using Graph.Client;

namespace Graph.Engine.Driver;

/// <summary>
/// Collects a whole result's records (RunAsync) with few allocations: a result's records are views of one array of
/// cells (a <see cref="Record"/> is a struct), so a result costs its cells and one list, not an object per record. A
/// result's first record is written into an array of exactly its cells, which a one-record result keeps as it is (no
/// copy, nothing to clear). From the second record on, a small result's cells are gathered in a scratch array the
/// session keeps (cleared after use: no value stays reachable from the session), then copied into one array of exactly
/// their number (<see cref="SharedCellsRecords"/>). A result that outgrows the scratch goes on in chunks of cells that
/// stay below the large object heap's threshold, handed out as a <see cref="ChunkedRecords"/>: no list grown by
/// doubling, no final copy, no large array (which would count toward a full collection).
/// Cells are handed out as spans: a store through a span needs no array covariance check per value.
/// Taken and given back atomically by the session: a session misused from two threads at once makes the second collect
/// in a buffer of its own, never into the first's.
/// </summary>
internal sealed class ResultRecordBuffer
{
    /// <summary>Cells gathered before a result goes on in chunks (8 KB of references, kept by the session).</summary>
    internal const int ScratchCells = 1024;

    /// <summary>Cells in one chunk of a large result (32 KB of references; more only when one record is wider).</summary>
    internal const int ChunkCells = 4096;

    private readonly object?[] _scratch = new object?[ScratchCells];
    private IReadOnlyList<string> _keys = [];
    private int _width;
    private int _count;
    // the first record's own cells, until a second record moves them to the scratch
    private object?[]? _first;
    // the scratch's cells handed out so far (what Clear must null)
    private int _scratchUsed;
    // a small result's cells when its count was expected (Expect): written where they stay, handed over without a copy
    // when the count was right; null otherwise
    private object?[]? _expected;
    // a large result's chunks of cells (null until the result outgrows the scratch), each of 2^_shift records
    private List<object?[]>? _chunks;
    private int _shift;

    /// <summary>The scratch the session keeps (for tests: all null between results).</summary>
    internal ReadOnlySpan<object?> Scratch => _scratch;

    /// <summary>Records collected so far.</summary>
    public int Count => _count;

    /// <summary>
    /// Starts collecting records of <paramref name="keys"/>.Count values each, in a buffer that <see cref="Finish"/> or
    /// <see cref="Clear"/> left empty (or a new one).
    /// </summary>
    public void Start(IReadOnlyList<string> keys)
    {
        Debug.Assert(_count == 0 && _chunks is null && _first is null && _expected is null && _scratchUsed == 0, "Start after Finish or Clear.");
        _keys = keys;
        _width = keys.Count;
    }

    /// <summary>
    /// Where the next record's cells go (<see cref="Start"/>'s key count of them, all null). Written by the caller, then
    /// made a record by <see cref="Add"/> (or dropped by <see cref="Clear"/> when the statement fails).
    /// </summary>
    public Span<object?> Next()
    {
        var width = _width;
        if (_expected is { } expected)
        {
            var at = _count * width;
            if (at + width <= expected.Length) return new Span<object?>(expected, at, width);
            ExpectedToScratch();
        }
        if (_chunks is null)
        {
            if (_count == 0) return _first = new object?[width];
            if ((long)(_count + 1) * width <= ScratchCells)
            {
                if (_first is not null) FirstToScratch();
                var at = _count * width;
                _scratchUsed = at + width;
                return new Span<object?>(_scratch, at, width);
            }
            MoveToChunks();
        }
        return NextInChunk();
    }

    /// <summary>
    /// A hint that about <paramref name="records"/> records come next. Before the first record of a small result of two
    /// or more (within the scratch's size), their cells are written from the start into one array of exactly that many
    /// records, which <see cref="Finish"/> hands over as it is when that many came: no first record's own array, no
    /// copy through the scratch. More records go on through the scratch; fewer are copied to an exact array.
    /// </summary>
    public void Expect(int records)
    {
        if (_count != 0 || _chunks is not null || _first is not null || _expected is not null) return;
        if (records < 2 || _width == 0 || (long)records * _width > ScratchCells) return;
        _expected = new object?[records * _width];
    }

    /// <summary>The cells last handed out by <see cref="Next"/> are a record.</summary>
    public void Add() => _count++;

    /// <summary>The records collected, as views of one array of their exact cells (a small result) or of chunks; the buffer is cleared.</summary>
    public IReadOnlyList<Record> Finish()
    {
        IReadOnlyList<Record> result;
        if (_expected is { } expected)
        {
            var used = _count * _width;
            if (_count == 0) result = Array.Empty<Record>();
            else if (used == expected.Length) result = new SharedCellsRecords(_keys, _width, expected, _count);
            else result = new SharedCellsRecords(_keys, _width, expected.AsSpan(0, used).ToArray(), _count);
        }
        else if (_chunks is null)
        {
            if (_count == 0) result = Array.Empty<Record>();
            else if (_count == 1 && _first is not null) result = new SharedCellsRecords(_keys, _width, _first, 1);
            else
            {
                var used = _count * _width;
                var cells = used == 0 ? [] : new object?[used];
                _scratch.AsSpan(0, used).CopyTo(cells);
                result = new SharedCellsRecords(_keys, _width, cells, _count);
            }
        }
        else result = new ChunkedRecords(_keys, _width, _chunks.ToArray(), _shift, _count);
        Clear();
        return result;
    }

    /// <summary>Drops what was collected (after <see cref="Finish"/>, or when the statement failed).</summary>
    public void Clear()
    {
        if (_scratchUsed > 0) _scratch.AsSpan(0, _scratchUsed).Clear();
        _scratchUsed = 0;
        _first = null;
        _expected = null;
        _keys = [];
        _count = 0;
        _chunks = null;
    }

    /// <summary>More records come than expected: those written so far move to the scratch's start, where the others follow as without <see cref="Expect"/>.</summary>
    private void ExpectedToScratch()
    {
        var used = _count * _width;
        _expected.AsSpan(0, used).CopyTo(_scratch);
        _scratchUsed = used;
        _expected = null;
    }

    /// <summary>A second record comes: the first one's cells move to the scratch's start, where the others follow.</summary>
    private void FirstToScratch()
    {
        _first.AsSpan().CopyTo(_scratch);
        _first = null;
    }

    /// <summary>The next record's cells in the chunk it falls in (a new chunk when the last one is full).</summary>
    private Span<object?> NextInChunk()
    {
        var chunk = _count >> _shift;
        // a record handed out but never added (its statement failed) may have made this chunk already
        if (chunk == _chunks!.Count) _chunks.Add(new object?[(1 << _shift) * _width]);
        return new Span<object?>(_chunks[chunk], (_count & ((1 << _shift) - 1)) * _width, _width);
    }

    /// <summary>
    /// The scratch is full (or the second record would not fit): the records so far (in the scratch, or the first
    /// one's own cells) move to the first chunk(s), and every record from now on is written into a chunk.
    /// </summary>
    private void MoveToChunks()
    {
        var first = _first;
        _first = null;
        _shift = ChunkedRecords.ShiftFor(_width);
        _chunks = new List<object?[]>(4);
        var gathered = _count;
        _count = 0;
        for (var i = 0; i < gathered; i++)
        {
            var source = first is not null ? first.AsSpan() : _scratch.AsSpan(i * _width, _width);
            source.CopyTo(NextInChunk());
            Add();
        }
        _scratch.AsSpan(0, _scratchUsed).Clear();
        _scratchUsed = 0;
    }
}
