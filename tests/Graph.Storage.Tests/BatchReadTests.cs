namespace Graph.Storage.Tests;

/// <summary>
/// <see cref="StorageTransaction.ReadRelationships"/> gives exactly what <see cref="StorageTransaction.Relationships"/>
/// enumerates, in the same order, and <see cref="StorageTransaction.ReadNeighbours"/> the same as ids (two sides of a
/// node read at once as two calls), and <see cref="StorageTransaction.ReadNodesWithLabel"/> what
/// <see cref="StorageTransaction.NodesWithLabel"/> enumerates: packed and appended groups, an older reader's version, and
/// a writer's own uncommitted creates, deletes and label changes.
/// </summary>
public class BatchReadTests
{
    private const int Nodes = 60;

    [Fact]
    public void A_batched_read_matches_the_enumeration_in_every_version()
    {
        using var store = StoreTestExtensions.InMemory();
        var types = Enumerable.Range(0, 4).Select(t => store.Type($"T{t}")).ToArray();
        int[] labels = [.. store.Labels("N", "M"), 12345]; // and a label no node has
        var random = new Random(3);
        store.Write(tx =>
        {
            for (var i = 0; i < Nodes; i++) tx.CreateNode(store.Labels("N"), []);
            return 0;
        });
        // one large commit (packed groups), then small ones that append to and remove from them
        var rels = store.Write(tx => Enumerable.Range(0, 3000).Select(_ => Create(tx, random, types)).ToList());
        store.Write(tx =>
        {
            for (long node = 0; node < Nodes; node += 3) tx.AddLabel(node, store.Labels("M")[0]);
            return 0;
        });
        using var old = store.BeginTransaction(write: false);
        AssertSame(old, types, labels);
        store.Write(tx =>
        {
            for (var i = 0; i < 40; i++) Create(tx, random, types);
            foreach (var id in rels.Where((_, i) => i % 29 == 0)) tx.DeleteRelationship(id);
            return 0;
        });
        store.Read(tx =>
        {
            AssertSame(tx, types, labels);
            return 0;
        });
        AssertSame(old, types, labels);

        using var writer = store.BeginTransaction(write: true);
        for (var i = 0; i < 30; i++) Create(writer, random, types);
        foreach (var id in rels.Where((_, i) => i % 31 == 1 && i % 29 != 0)) writer.DeleteRelationship(id);
        var detached = writer.Relationships(7, Direction.Both).Select(r => r.Id).ToList();
        foreach (var id in detached) writer.DeleteRelationship(id);
        writer.DeleteNode(7);
        // a writer's own label changes and new nodes
        writer.RemoveLabel(0, store.Labels("N")[0]);
        writer.AddLabel(1, store.Labels("M")[0]);
        writer.CreateNode(store.Labels("M"), []);
        AssertSame(writer, types, labels);
        writer.Rollback();
    }

    private static long Create(StorageTransaction tx, Random random, int[] types)
    {
        long a = random.Next(Nodes), b = random.Next(10) == 0 ? a : random.Next(Nodes);
        return tx.CreateRelationship(types[random.Next(types.Length)], a, b, []);
    }

    private static void AssertSame(StorageTransaction tx, int[] types, int[] labels)
    {
        // arrays too (the engine's resolved type lists): searched by their own loop, expected as the same types in a list
        IReadOnlyList<int>?[] filters = [null, [types[0]], [types[1], types[3]], [], [12345],
            new[] { types[0] }, new[] { types[1], types[3] }, new[] { 12345, types[2] }, Array.Empty<int>()];
        var into = new List<RelationshipRef> { new(-1, 0, 0, 0) }; // appended to, not cleared
        var neighbours = new NeighbourList();
        for (long node = 0; node < Nodes + 2; node++)
        {
            foreach (var direction in new[] { Direction.Outgoing, Direction.Incoming, Direction.Both })
            {
                foreach (var filter in filters)
                {
                    into.RemoveRange(1, into.Count - 1);
                    tx.ReadRelationships(node, direction, filter, into);
                    var expected = tx.Relationships(node, direction, filter is int[] array ? array.ToList() : filter).ToList();
                    Assert.Equal(expected, into.Skip(1));
                    // the ids-only read: the same relationships in the same order, each with its type and other end
                    neighbours.Clear();
                    neighbours.Add(-1, 0, 0); // appended to, not cleared
                    tx.ReadNeighbours(node, direction, filter, neighbours);
                    Assert.Equal(expected.Select(r => (r.Id, r.Type, r.OtherEnd(node))),
                        Enumerable.Range(1, neighbours.Count - 1).Select(i => (neighbours.Relationships[i], neighbours.Types[i], neighbours.Others[i])));
                }
            }
            AssertSameTwoSides(tx, node, filters);
        }
        AssertSameLabelScan(tx, labels);
    }

    /// <summary>Two sides of a node read at once fill each list as its own <see cref="StorageTransaction.ReadNeighbours"/> call does.</summary>
    private static void AssertSameTwoSides(StorageTransaction tx, long node, IReadOnlyList<int>?[] filters)
    {
        var first = new NeighbourList();
        var second = new NeighbourList();
        var alone = new NeighbourList();
        var directions = new[] { Direction.Outgoing, Direction.Incoming, Direction.Both };
        foreach (var (firstDirection, secondDirection) in directions.SelectMany(d => directions.Select(e => (d, e))))
        foreach (var firstFilter in filters)
        foreach (var secondFilter in filters)
        {
            first.Clear();
            second.Clear();
            first.Add(-1, 0, 0); // appended to, not cleared
            second.Add(-2, 0, 0);
            tx.ReadNeighbours(node, firstDirection, firstFilter, first, secondDirection, secondFilter, second);
            alone.Clear();
            alone.Add(-1, 0, 0);
            tx.ReadNeighbours(node, firstDirection, firstFilter, alone);
            Assert.Equal(Entries(alone), Entries(first));
            alone.Clear();
            alone.Add(-2, 0, 0);
            tx.ReadNeighbours(node, secondDirection, secondFilter, alone);
            Assert.Equal(Entries(alone), Entries(second));
        }
    }

    private static List<(long, int, long)> Entries(NeighbourList list) =>
        Enumerable.Range(0, list.Count).Select(i => (list.Relationships[i], list.Types[i], list.Others[i])).ToList();

    /// <summary>A label's nodes read into a list are those <see cref="StorageTransaction.NodesWithLabel"/> enumerates, in its order.</summary>
    private static void AssertSameLabelScan(StorageTransaction tx, int[] labels)
    {
        foreach (var id in labels)
        {
            var into = new List<long> { -1 }; // appended to, not cleared
            tx.ReadNodesWithLabel(id, into);
            Assert.Equal(new long[] { -1 }.Concat(tx.NodesWithLabel(id)), into);
        }
    }
}
