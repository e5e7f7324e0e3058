namespace Graph.Storage.Tests;

/// <summary>
/// <see cref="StorageTransaction.ReadNeighbourNodes"/> gives the other ends of what <see cref="StorageTransaction.Relationships"/>
/// enumerates, in the same order (a self-loop's end is the node itself): packed and appended groups, parallel
/// relationships, an older reader's version, a writer's own uncommitted creates and deletes (a deleted node has none).
/// </summary>
public class NeighbourNodesTests
{
    private const int Nodes = 50;

    [Fact]
    public void The_far_nodes_are_those_of_the_enumeration_in_every_version()
    {
        using var store = StoreTestExtensions.InMemory();
        var types = Enumerable.Range(0, 3).Select(t => store.Type($"T{t}")).ToArray();
        var random = new Random(11);
        store.Write(tx =>
        {
            for (var i = 0; i < Nodes; i++) tx.CreateNode(store.Labels("N"), []);
            return 0;
        });
        var rels = store.Write(tx => Enumerable.Range(0, 2000).Select(_ => Create(tx, random, types)).ToList());
        store.Write(tx =>
        {
            // a parallel pair and a self-loop besides the random ones
            tx.CreateRelationship(types[0], 1, 2, []);
            tx.CreateRelationship(types[0], 1, 2, []);
            tx.CreateRelationship(types[1], 3, 3, []);
            return 0;
        });
        using var old = store.BeginTransaction(write: false);
        AssertSame(old, types);
        store.Write(tx =>
        {
            for (var i = 0; i < 30; i++) Create(tx, random, types);
            foreach (var id in rels.Where((_, i) => i % 17 == 0)) tx.DeleteRelationship(id);
            return 0;
        });
        store.Read(tx =>
        {
            AssertSame(tx, types);
            return 0;
        });
        AssertSame(old, types);

        using var writer = store.BeginTransaction(write: true);
        for (var i = 0; i < 20; i++) Create(writer, random, types);
        writer.CreateRelationship(types[2], 4, 4, []);
        foreach (var id in writer.Relationships(9, Direction.Both).Select(r => r.Id).ToList()) writer.DeleteRelationship(id);
        writer.DeleteNode(9);
        AssertSame(writer, types);
        Assert.Empty(Read(writer, 9, Direction.Both, null));
        writer.Rollback();
    }

    private static long Create(StorageTransaction tx, Random random, int[] types)
    {
        long a = random.Next(Nodes), b = random.Next(12) == 0 ? a : random.Next(Nodes);
        return tx.CreateRelationship(types[random.Next(types.Length)], a, b, []);
    }

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
        for (long node = 0; node < Nodes + 2; node++)
            foreach (var direction in new[] { Direction.Outgoing, Direction.Incoming, Direction.Both })
                foreach (var filter in filters)
                {
                    var expected = tx.Relationships(node, direction, filter is int[] array ? array.ToList() : filter).Select(r => r.OtherEnd(node)).ToList();
                    Assert.Equal(expected, Read(tx, node, direction, filter));
                }
    }
}
