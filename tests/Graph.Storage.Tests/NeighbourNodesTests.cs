namespace Graph.Storage.Tests;

/// <summary>
/// <see cref="StorageTransaction.ReadNeighbourNodes"/> gives the other ends of what <see cref="StorageTransaction.Relationships"/>
/// enumerates, in the same order (a self-loop's end is the node itself): packed and appended groups, parallel
/// relationships, an older reader's version, a writer's own uncommitted creates and deletes (a deleted node has none).
/// </summary>
public class NeighbourNodesTests
{
    [Fact]
    public void The_far_nodes_are_those_of_the_enumeration_in_every_version() =>
        AdjacencyViews.CheckEvery(new Random(11), AssertSame, writer => Assert.Empty(Read(writer, 9, Direction.Both, null)));

    private static List<long> Read(StorageTransaction tx, long node, Direction direction, IReadOnlyList<int>? types)
    {
        var into = new NeighbourNodes();
        into.Add(-1); // appended to, not cleared
        tx.ReadNeighbourNodes(node, direction, types, into);
        Assert.Equal(-1, into.Nodes[0]);
        return into.Nodes[1..].ToArray().ToList();
    }

    private static void AssertSame(StorageTransaction tx, int[] types)
    {
        IReadOnlyList<int>?[] filters = [null, [types[0]], new[] { types[1], types[2] }, [], [12345]];
        for (long node = 0; node < AdjacencyViews.Nodes + 2; node++)
            foreach (var direction in new[] { Direction.Outgoing, Direction.Incoming, Direction.Both })
                foreach (var filter in filters)
                {
                    var expected = tx.Relationships(node, direction, filter is int[] array ? array.ToList() : filter).Select(r => r.OtherEnd(node)).ToList();
                    Assert.Equal(expected, Read(tx, node, direction, filter));
                }
    }
}
