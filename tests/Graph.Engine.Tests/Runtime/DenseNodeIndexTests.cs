using Graph.Engine.Execution;

namespace Graph.Engine.Tests.Runtime;

/// <summary>The int per node a counted chain keeps: a dictionary while the nodes are few or sparse, then an array by id.</summary>
public class DenseNodeIndexTests
{
    [Fact]
    public void Sparse_nodes_stay_in_the_dictionary_and_dense_ones_move_to_the_array_with_their_values()
    {
        var index = new DenseNodeIndex();
        // far-apart ids, as an anchored walk reaches them: more than the limit, but one per 37 ids
        const int sparse = 3 * DenseNodeIndex.SparseLimit;
        for (var i = 0; i < sparse; i++) Assert.True(index.Set(1_000_000L + 37L * i, i + 1));
        Assert.False(index.IsDense);
        Assert.True(index.Bytes < 4L * 1_000_000);
        Assert.True(index.Set(1_000_000L, 99)); // an existing node
        // every id below: the nodes are dense now
        for (var node = 0L; node < 200_000; node++) Assert.True(index.Set(node, (int)(node % 1000) + 1));
        Assert.True(index.IsDense);
        Assert.Equal(99, index.Get(1_000_000L));
        for (var i = 1; i < sparse; i++) Assert.Equal(i + 1, index.Get(1_000_000L + 37L * i));
        Assert.Equal(8, index.Get(7));
        Assert.Equal(0, index.Get(999_999));
        Assert.Equal(0, index.Get(-1));
        Assert.False(index.Set(-1, 1));
        Assert.False(index.Set(DenseNodeIndex.MaxNode, 1));
        Assert.True(index.Bytes >= 4L * (1_000_000L + 37L * (sparse - 1)));
    }

    /// <summary>
    /// A label whose nodes lie in one block of ids far from 0 (the claims of a graph imported after a million experts):
    /// dense over the block, an array the size of the block, not of the largest id; a node below the block extends it
    /// downward and keeps every value.
    /// </summary>
    [Fact]
    public void A_dense_block_of_ids_far_from_zero_takes_an_array_the_size_of_the_block()
    {
        var index = new DenseNodeIndex();
        const long first = 1_000_000;
        const int block = 10_000;
        for (var i = 0; i < block; i++) Assert.True(index.Set(first + i, i + 1));
        Assert.True(index.IsDense);
        Assert.True(index.Bytes < 4L * 4 * block, $"{index.Bytes} bytes");
        Assert.Equal(0, index.Get(first - 1));
        Assert.Equal(0, index.Get(first + 10L * block));
        Assert.Equal(0, index.Get(0));
        // below the block, then far above it
        Assert.True(index.Set(first - 5_000, 77));
        Assert.True(index.Set(first + 3L * block, 88));
        Assert.Equal(77, index.Get(first - 5_000));
        Assert.Equal(88, index.Get(first + 3L * block));
        for (var i = 0; i < block; i++) Assert.Equal(i + 1, index.Get(first + i));
        Assert.Equal(0, index.Get(first - 4_999));
        Assert.True(index.Set(0, 5));
        Assert.Equal(5, index.Get(0));
        Assert.Equal(block, index.Get(first + block - 1));
    }
}
