using Graph.Storage.Records;

namespace Graph.Storage.Tests;

/// <summary>The transaction's list of created relationships: chunks, references into them, and freeing behind a reader.</summary>
public class ChunkedListTests
{
    [Fact]
    public void Entries_survive_growth_across_chunks_and_freed_chunks_cannot_be_read()
    {
        var list = new ChunkedList<long>();
        for (var i = 0; i < 200_000; i++) list.Add(i * 3L);
        Assert.Equal(200_000, list.Count);
        Assert.Equal(0L, list[0]);
        Assert.Equal(65_535 * 3L, list[65_535]);
        Assert.Equal(65_536 * 3L, list[65_536]);
        list[131_072] = -1;
        Assert.Equal(-1L, list[131_072]);

        list.ReleaseChunksBelow(131_071); // only the first chunk is wholly behind
        Assert.Throws<ArgumentOutOfRangeException>(() => list[65_535]);
        Assert.Equal(65_536 * 3L, list[65_536]);
        list.ReleaseChunksBelow(list.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[131_072]);
        Assert.Equal(199_999 * 3L, list[199_999]); // the last, partial chunk stays
        Assert.Throws<ArgumentOutOfRangeException>(() => list[200_000]);
    }
}
