namespace Graph.Engine.Import;

/// <summary>
/// Resolves the from/to ids of a relationship file's rows to nodes a window of rows at a time, on the reading thread.
/// Each id is prefetched from its label's id map when its row is read and looked up when the window is full (or its
/// batch is handed over): at a million ids every lookup misses the cache, and with the lookups of up to
/// <see cref="Window"/> rows in flight their waits overlap instead of adding up row after row.
/// Errors keep the order of a row-at-a-time reader: the first row (and in it, from before to) whose id names no node is
/// the one reported, the batch is cut before it, and an unresolved id comes before a later error of its own or a later row.
/// </summary>
internal sealed class RelationshipEnds(string path, EndColumn starts, EndColumn ends)
{
    /// <summary>Rows whose lookups are in flight together; each prefetch has the rows read after it to arrive.</summary>
    public const int Window = 64;

    private readonly int[] _rows = new int[Window];
    private readonly int[] _lines = new int[Window];
    private int _count;

    public bool IsFull => _count == Window;

    /// <summary>Takes the current row's two ids (the row will be row <paramref name="row"/> of its batch) and prefetches them.</summary>
    public void Defer(CsvRowReader reader, int row)
    {
        _rows[_count] = row;
        _lines[_count] = reader.Line;
        starts.Defer(reader, _count);
        ends.Defer(reader, _count);
        _count++;
    }

    /// <summary>
    /// Writes the nodes of every deferred row into the batch's <see cref="RowBatch.Starts"/> and <see cref="RowBatch.Ends"/>.
    /// A deferred row at or past the batch's count (the row that was being read when it failed) is only checked.
    /// On an id that names no node, the batch keeps only the rows before it and the error is thrown.
    /// </summary>
    public void ResolveInto(RowBatch batch)
    {
        var count = _count;
        _count = 0;
        for (var i = 0; i < count; i++)
        {
            var start = starts.Resolve(i);
            var end = start < 0 ? start : ends.Resolve(i);
            if (start < 0 || end < 0)
            {
                batch.Truncate(_rows[i]);
                throw (start < 0 ? starts : ends).Unresolved($"{path}:{_lines[i]}", i, start < 0 ? start : end);
            }
            var row = _rows[i];
            if (row >= batch.Count) continue;
            batch.Starts[row] = start;
            batch.Ends[row] = end;
        }
    }
}
