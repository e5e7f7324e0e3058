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
}
