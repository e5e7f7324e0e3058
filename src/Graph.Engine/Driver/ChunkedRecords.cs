using System.Collections;
using Graph.Client;

namespace Graph.Engine.Driver;

/// <summary>
/// A large result's records in chunks of <see cref="ChunkSize"/> (32 KB each, below the large object heap's threshold):
/// collected without a list grown by doubling and handed out without a copy into one large array.
/// </summary>
internal sealed class ChunkedRecords(Record[][] chunks, int count) : IReadOnlyList<Record>
{
    internal const int ChunkShift = 12;
    internal const int ChunkSize = 1 << ChunkShift;
    internal const int ChunkMask = ChunkSize - 1;

    public int Count => count;

    public Record this[int index] =>
        (uint)index < (uint)count ? chunks[index >> ChunkShift][index & ChunkMask] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<Record> GetEnumerator()
    {
        for (var i = 0; i < count; i++) yield return chunks[i >> ChunkShift][i & ChunkMask];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
