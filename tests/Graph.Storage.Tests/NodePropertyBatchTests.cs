namespace Graph.Storage.Tests;

/// <summary>
/// <see cref="StorageTransaction.ReadNodeProperty"/> gives for each node what <see cref="StorageTransaction.NodeProperty"/>
/// gives: present, missing and changed properties, deleted nodes, ids that never existed or are out of range, an older
/// reader's version, and a writer's own uncommitted changes.
/// </summary>
public class NodePropertyBatchTests
{
    private const int Nodes = 200;

    [Fact]
    public void A_batched_property_read_matches_the_single_reads_in_every_version()
    {
        using var store = StoreTestExtensions.InMemory();
        var id = store.Key("id");
        var other = store.Key("other");
        store.Write(tx =>
        {
            // every third node without the property; values of several kinds
            for (var i = 0; i < Nodes; i++)
                tx.CreateNode(store.Labels("N"), i % 3 == 0 ? store.Props(("other", i)) : store.Props(("id", Value(i)), ("other", i)));
            return 0;
        });
        using var old = store.BeginTransaction(write: false);
        AssertSame(old, id, other);
        store.Write(tx =>
        {
            for (var i = 0; i < Nodes; i += 7) tx.SetNodeProperty(i, id, "changed " + i);
            for (var i = 1; i < Nodes; i += 11) tx.SetNodeProperty(i, id, null);
            tx.DeleteNode(5);
            tx.CreateNode(store.Labels("N"), store.Props(("id", "new")));
            return 0;
        });
        store.Read(tx =>
        {
            AssertSame(tx, id, other);
            return 0;
        });
        AssertSame(old, id, other); // the older reader still sees its version
        Assert.Equal(Value(7), Read(old, [7], id)[0]);

        using var writer = store.BeginTransaction(write: true);
        writer.SetNodeProperty(8, id, "uncommitted");
        writer.DeleteNode(10);
        writer.CreateNode(store.Labels("N"), store.Props(("id", "mine")));
        AssertSame(writer, id, other);
        Assert.Equal("uncommitted", Read(writer, [8], id)[0]);
        writer.Rollback();
    }

    private static object Value(int i) => (i % 4) switch
    {
        0 => "expert-" + i,
        1 => (long)i,
        2 => i + 0.5,
        _ => new object[] { (long)i, "x" },
    };

    private static object?[] Read(StorageTransaction tx, long[] nodes, int key)
    {
        var values = new object?[nodes.Length];
        tx.ReadNodeProperty(nodes, key, values);
        return values;
    }

    private static void AssertSame(StorageTransaction tx, int id, int other)
    {
        // in order, shuffled, repeated, and with ids that do not exist (negative, past the last node, far out of range)
        var ordered = Enumerable.Range(-2, Nodes + 6).Select(i => (long)i).Append(1L << 40).ToArray();
        var shuffled = ordered.OrderBy(n => (n * 7919) % 101).Concat(ordered.Take(9)).ToArray();
        foreach (var nodes in new[] { ordered, shuffled, [], [3L] })
        foreach (var key in new[] { id, other, 12345 })
            Assert.Equal(nodes.Select(n => tx.NodeProperty(n, key)), Read(tx, nodes, key));
    }
}
