using Graph.Storage.Records;

namespace Graph.Storage.Tests;

/// <summary>The commit's relationships added per node, filed in one reused array instead of a delta object per node.</summary>
public class AddedByNodeTests
{
    private static List<(long Node, long[] Rels)> Untaken(AddedByNode added)
    {
        var result = new List<(long, long[])>();
        for (var cursor = 0; added.NextUntaken(ref cursor, out var node, out var rels);) result.Add((node, rels.ToArray()));
        return result;
    }

    [Fact]
    public void Each_node_gets_its_relationships_in_id_order_whatever_order_they_were_added_in()
    {
        var added = new AddedByNode();
        added.Add(7, 30);
        added.Add(2, 31);
        added.Add(7, 12);
        added.Add(int.MaxValue - 1, int.MaxValue - 2); // the largest ids fit the packed pair
        added.Add(2, 5);
        added.Seal();

        Assert.Equal([12L, 30L], added.Take(7).ToArray());
        Assert.Empty(added.Take(3).ToArray());
        var rest = Untaken(added);
        Assert.Equal([2L, int.MaxValue - 1L], rest.Select(r => r.Node));
        Assert.Equal([5L, 31L], rest[0].Rels);
        Assert.Equal([int.MaxValue - 2L], rest[1].Rels);
    }

    [Fact]
    public void Taken_nodes_are_skipped_by_the_walk_over_the_rest_and_a_cleared_one_starts_empty()
    {
        var added = new AddedByNode();
        for (var node = 0L; node < 1000; node++)
            for (var k = 0L; k < node % 4; k++) added.Add(node, node * 10 + k);
        added.Seal();
        Assert.Equal([990L, 991L, 992L], added.Take(99).ToArray());
        Assert.Equal([10L], added.Take(1).ToArray());

        var rest = Untaken(added);
        Assert.Equal(Enumerable.Range(0, 1000).Where(n => n % 4 != 0 && n != 99 && n != 1).Select(n => (long)n), rest.Select(r => r.Node));
        Assert.All(rest, r => Assert.Equal(Enumerable.Range(0, (int)(r.Node % 4)).Select(k => r.Node * 10 + k), r.Rels));

        added.Clear();
        Assert.True(added.IsEmpty);
        added.Add(4, 1);
        added.Seal();
        var after = Assert.Single(Untaken(added));
        Assert.Equal(4L, after.Node);
        Assert.Equal([1L], after.Rels);
    }
}
