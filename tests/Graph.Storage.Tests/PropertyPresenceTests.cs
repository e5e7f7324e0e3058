namespace Graph.Storage.Tests;

/// <summary>
/// The nodes having a value for a key as a bitmap (<see cref="StorageTransaction.KnownPropertyPresence"/>), made from the
/// key's column once enough nodes were reported: exactly the nodes whose value the records give (any type; missing,
/// deleted and created nodes without it not in it), dropped with the column by a commit that changes the key, never given
/// to a reader older than the column's last change or to a transaction that has written. And
/// <see cref="LabelBits.Filter(ReadOnlySpan{long}, Span{long})"/>'s compaction against the bitmap's answers.
/// </summary>
public class PropertyPresenceTests
{
    private const int Nodes = 300;

    private static IGraphStore Build()
    {
        var store = StoreTestExtensions.InMemory();
        store.Write(tx =>
        {
            for (var i = 0; i < Nodes; i++)
                tx.CreateNode(store.Labels("N"), i % 5 == 0
                    ? store.Props(("other", (long)i))
                    : store.Props(("id", i % 3 == 0 ? (long)i : "n" + i), ("other", (long)i)));
            tx.DeleteNode(7);
            return 0;
        });
        return store;
    }

    private static Records.GraphData Data(IGraphStore store) => ((GraphStore)store).Data;

    /// <summary>Reads the key until the store makes its column, then reports nodes until it makes the bitmap; the bitmap.</summary>
    private static LabelBits Presence(IGraphStore store, StorageTransaction tx, int key)
    {
        for (var reads = 0; reads < 4096 && !Data(store).HasColumn(key); reads++) tx.NodeProperty(reads % Nodes, key);
        Assert.True(Data(store).HasColumn(key));
        for (var asks = 0; asks < 100; asks++)
            if (tx.KnownPropertyPresence(key, 64) is { } bits) return bits;
        Assert.Fail("no presence bitmap after 6,400 nodes reported");
        return null!;
    }

    private static void AssertPresence(StorageTransaction tx, int key, LabelBits bits)
    {
        var ids = Enumerable.Range(-2, Nodes + 10).Select(i => (long)i).Append(1L << 40).ToArray();
        foreach (var id in ids) Assert.Equal(tx.NodeProperty(id, key) is not null, bits.Contains(id));
        Assert.Equal(ids.Count(id => tx.NodeProperty(id, key) is not null), bits.Count);
    }

    [Fact]
    public void The_bitmap_is_made_only_after_enough_reports_and_holds_the_nodes_with_a_value()
    {
        using var store = Build();
        var id = store.Key("id");
        store.Read(tx =>
        {
            // no column yet: nothing, however many are reported
            Assert.Null(tx.KnownPropertyPresence(id, 1 << 20));
            var bits = Presence(store, tx, id);
            Assert.True(Data(store).HasPresence(id));
            AssertPresence(tx, id, bits);
            Assert.Same(bits, tx.KnownPropertyPresence(id, 0));
            return 0;
        });
    }

    [Fact]
    public void A_commit_that_changes_the_key_drops_the_bitmap_and_one_that_does_not_keeps_it()
    {
        using var store = Build();
        var id = store.Key("id");
        var other = store.Key("other");
        var first = store.Read(tx => Presence(store, tx, id));
        using var before = store.BeginTransaction(write: false);
        // a change of another key, and a created node without the key: the bitmap stays
        store.Write(tx =>
        {
            tx.SetNodeProperty(3, other, 1L);
            tx.CreateNode(store.Labels("N"), store.Props(("other", 0L)));
            return 0;
        });
        store.Read(tx =>
        {
            Assert.Same(first, tx.KnownPropertyPresence(id, 0));
            AssertPresence(tx, id, first);
            return 0;
        });
        // the key removed from one node, given to another, a node with it deleted, a node created with it
        store.Write(tx =>
        {
            tx.SetNodeProperty(1, id, null);
            tx.SetNodeProperty(5, id, "now");
            tx.DeleteNode(8);
            tx.CreateNode(store.Labels("N"), store.Props(("id", "new")));
            return 0;
        });
        Assert.False(Data(store).HasPresence(id));
        store.Read(tx =>
        {
            Assert.NotSame(first, tx.KnownPropertyPresence(id, 0));
            var rebuilt = Presence(store, tx, id);
            AssertPresence(tx, id, rebuilt);
            Assert.False(rebuilt.Contains(1));
            Assert.True(rebuilt.Contains(5));
            Assert.False(rebuilt.Contains(8));
            return 0;
        });
        // the reader older than the change gets no bitmap (the column is newer than its snapshot)
        Assert.Null(before.KnownPropertyPresence(id, 1 << 20));
    }

    [Fact]
    public void A_transaction_that_has_written_gets_no_bitmap()
    {
        using var store = Build();
        var id = store.Key("id");
        store.Read(tx => Presence(store, tx, id));
        using var writer = store.BeginTransaction(write: true);
        writer.SetNodeProperty(2, id, null);
        Assert.Null(writer.KnownPropertyPresence(id, 1 << 20));
        writer.Rollback();
    }

    [Fact]
    public void Filter_keeps_the_members_in_order_and_takes_out_the_exception()
    {
        using var store = Build();
        var id = store.Key("id");
        var label = store.Label("N");
        store.Read(tx =>
        {
            var presence = Presence(store, tx, id);
            LabelBits? members = null;
            for (var asks = 0; asks < 100 && members is null; asks++) members = tx.LabelMembers(label, 1 << 12);
            Assert.NotNull(members);
            var nodes = Enumerable.Range(0, 2 * Nodes).Select(i => (long)((i * 7919) % (Nodes + 40)) - 3).Append(1L << 40).Append(-1).ToArray();
            var into = new long[nodes.Length];
            var kept = presence.Filter(nodes, into);
            Assert.Equal(nodes.Where(presence.Contains), into[..kept]);
            kept = members!.Filter(nodes, into, presence, except: 11);
            Assert.Equal(nodes.Where(n => members.Contains(n) && presence.Contains(n) && n != 11), into[..kept]);
            // in place, as a second label's pass does
            var again = members.Filter(into.AsSpan(0, kept), into);
            Assert.Equal(kept, again);
            Assert.Throws<ArgumentException>(() => presence.Filter(nodes, new long[1]));
            return 0;
        });
    }
}
