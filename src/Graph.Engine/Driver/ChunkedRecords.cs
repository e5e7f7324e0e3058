using System.Collections;
using Graph.Client;

namespace Graph.Engine.Driver;

/// <summary>
/// A large result's records in chunks of cells, each holding 2^<paramref name="shift"/> records of
/// <paramref name="width"/> cells (at most <see cref="ResultRecordBuffer.ChunkCells"/> cells, 32 KB, below the large
/// object heap's threshold, unless one record is wider): collected without a list grown by doubling and handed out
/// without a copy into one large array. A record is a view made when read (a <see cref="Record"/> is a struct).
/// </summary>
internal sealed class ChunkedRecords(IReadOnlyList<string> keys, int width, object?[][] chunks, int shift, int count) : IReadOnlyList<Record>
{
    private readonly int _mask = (1 << shift) - 1;

    public int Count => count;

    public Record this[int index] =>
        (uint)index < (uint)count ? At(index) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<Record> GetEnumerator()
    {
        for (var i = 0; i < count; i++) yield return At(i);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Record At(int index) => Record.Shared(keys, width, chunks[index >> shift], (index & _mask) * width);

    /// <summary>The shift of a chunk's record count for records of <paramref name="width"/> cells: as many as fit in <see cref="ResultRecordBuffer.ChunkCells"/>, a power of two, at least one.</summary>
    internal static int ShiftFor(int width)
    {
        var shift = 0;
        while (shift < 30 && (2L << shift) * Math.Max(1, width) <= ResultRecordBuffer.ChunkCells) shift++;
        return shift;
    }
}
