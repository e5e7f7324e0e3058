using Graph.Engine.Runtime;

namespace Graph.Engine.Tests.Runtime;

/// <summary>The id set behind distinct ends and count(DISTINCT entity), checked against a plain hash set.</summary>
public class EntityIdSetTests
{
    [Fact]
    public void Adds_and_finds_the_same_ids_as_a_hash_set_while_sparse_and_once_dense()
    {
        var set = new EntityIdSet();
        var plain = new HashSet<long>();
        var random = new Random(18);
        // sparse first (few ids spread over a large range), then dense (many ids below 5,000), then ids the bitmap does not cover
        var ids = Enumerable.Range(0, 40).Select(_ => (long)random.Next(0, 100_000))
            .Concat(Enumerable.Range(0, 6_000).Select(_ => (long)random.Next(0, 5_000)))
            .Concat([-1, -1, 1L << 40, 1L << 40, 2_000_000, 4_999, 0]);
        foreach (var id in ids)
        {
            Assert.Equal(plain.Add(id), set.Add(id));
            Assert.Equal(plain.Count, set.Count);
        }
        Assert.True(set.IsDense);
        foreach (var id in Enumerable.Range(-5, 2_100_000).Select(i => (long)i).Concat([1L << 40, (1L << 40) + 1, long.MaxValue, long.MinValue]))
            Assert.Equal(plain.Contains(id), set.Contains(id));
    }

    [Fact]
    public void Stays_hashed_for_a_few_ids_far_apart()
    {
        var set = new EntityIdSet();
        for (long i = 0; i < 1_000; i++) Assert.True(set.Add(i * 1_000_003));
        Assert.False(set.IsDense);
        Assert.Equal(1_000, set.Count);
        Assert.False(set.Add(999 * 1_000_003L));
    }

    [Fact]
    public void Clear_forgets_every_id_and_the_bitmap()
    {
        var set = new EntityIdSet();
        for (long i = 0; i < 500; i++) set.Add(i);
        set.Add(-7);
        Assert.True(set.IsDense);
        set.Clear();
        Assert.False(set.IsDense);
        Assert.Equal(0, set.Count);
        Assert.False(set.Contains(3));
        Assert.False(set.Contains(-7));
        Assert.True(set.Add(3));
        Assert.True(set.Add(-7));
        Assert.Equal(2, set.Count);
    }
}
