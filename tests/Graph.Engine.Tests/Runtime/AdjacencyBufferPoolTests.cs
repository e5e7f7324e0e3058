using Graph.Engine.Execution;
using Graph.Storage;

namespace Graph.Engine.Tests.Runtime;

/// <summary>Adjacency buffers hand their small lists to the next buffer of the same thread: never shared, never stale.</summary>
public class AdjacencyBufferPoolTests
{
    private static RelationshipRef Rel(long id) => new(id, 1, id, id + 1);

    [Fact]
    public void A_buffer_made_after_another_was_disposed_starts_empty()
    {
        var first = new AdjacencyBuffer();
        for (var i = 0; i < 13; i++) first.Add(Rel(i));
        first.Dispose();
        using var second = new AdjacencyBuffer();
        Assert.Equal(0, second.Count);
        second.Add(Rel(99));
        Assert.Equal([Rel(99)], second.AsSpan().ToArray());
    }

    [Fact]
    public void A_buffer_disposed_twice_gives_its_list_to_one_later_buffer_only()
    {
        var first = new AdjacencyBuffer();
        first.Add(Rel(1));
        first.Dispose();
        first.Dispose();
        Assert.Throws<ObjectDisposedException>(() => first.Count);
        using var a = new AdjacencyBuffer();
        using var b = new AdjacencyBuffer();
        a.Add(Rel(2));
        Assert.Equal(0, b.Count);
        b.Add(Rel(3));
        Assert.Equal([Rel(2)], a.AsSpan().ToArray());
        Assert.Equal([Rel(3)], b.AsSpan().ToArray());
    }

    [Fact]
    public void Buffers_in_use_at_once_never_share_a_list()
    {
        var buffers = Enumerable.Range(0, 6).Select(_ => new AdjacencyBuffer()).ToList();
        foreach (var buffer in buffers) buffer.Dispose();
        var reused = Enumerable.Range(0, 6).Select(_ => new AdjacencyBuffer()).ToList();
        for (var i = 0; i < reused.Count; i++) reused[i].Add(Rel(i));
        for (var i = 0; i < reused.Count; i++) Assert.Equal([Rel(i)], reused[i].AsSpan().ToArray());
        foreach (var buffer in reused) buffer.Dispose();
    }
}
