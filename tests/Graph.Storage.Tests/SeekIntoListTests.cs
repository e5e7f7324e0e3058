namespace Graph.Storage.Tests;

/// <summary>
/// <see cref="StorageTransaction.ReadNodesByProperty"/> gives what <see cref="StorageTransaction.NodesByProperty"/> gives,
/// in the same order, into the caller's list (its content replaced), for committed nodes and a writer's own changes.
/// </summary>
public class SeekIntoListTests
{
    [Fact]
    public void The_list_holds_the_lookup_s_nodes_in_its_order_for_readers_and_writers()
    {
        using var store = StoreTestExtensions.InMemory();
        int label = store.Label("P"), k = store.Key("k"), other = store.Label("Q");
        store.Write(tx =>
        {
            tx.CreateIndex(new IndexDefinition("p_k", label, [k], false));
            for (var i = 0; i < 1500; i++) tx.CreateNode(store, "P", ("k", 1L));
            tx.CreateNode(store, "P", ("k", "a"));
            tx.CreateNode(store, "Q", ("k", "a")); // no index: found by the label's nodes
            return tx.CreateNode(store, "P", ("k", 1.0));
        });
        using var read = store.BeginTransaction(write: false);
        using var write = store.BeginTransaction(write: true);
        var created = write.CreateNode(store, "P", ("k", "a"));
        var deleted = read.NodesByProperty(label, k, 1L).First();
        write.DeleteNode(deleted);
        var list = new List<long> { -5, -6 }; // replaced, not appended to
        foreach (var tx in new[] { read, write })
            foreach (var (l, value) in new (int, object)[] { (label, 1L), (label, 1.0), (label, "a"), (other, "a"), (label, 2L), (label, "b"),
                         (label, new Dictionary<string, object?>()), (label, new object[] { 1L }) })
            {
                tx.ReadNodesByProperty(l, k, value, list);
                Assert.Equal(tx.NodesByProperty(l, k, value), list);
            }
        write.ReadNodesByProperty(label, k, "a", list);
        Assert.Contains(created, list);
        write.ReadNodesByProperty(label, k, 1L, list);
        Assert.Equal(1500, list.Count); // node 0 deleted, the 1.0 one found
        Assert.DoesNotContain(deleted, list);
    }

    [Fact]
    public void A_seek_into_a_kept_list_allocates_no_result_array()
    {
        using var store = StoreTestExtensions.InMemory();
        int label = store.Label("Expert"), id = store.Key("id");
        store.Write(tx => { tx.CreateIndex(new IndexDefinition("expert_id", label, [id], true)); return 0; });
        store.Write(tx => tx.CreateNode(store, "Expert", ("id", "e1")));
        var list = new List<long>(4);
        store.Read(tx => { tx.ReadNodesByProperty(label, id, "e1", list); return tx.NodesByProperty(label, id, "e1").Count(); }); // the thread's buffers exist from here on
        var (intoList, asArray) = store.Read(tx =>
        {
            _ = tx.NodeExists(0);
            var before = GC.GetAllocatedBytesForCurrentThread();
            tx.ReadNodesByProperty(label, id, "e1", list);
            var between = GC.GetAllocatedBytesForCurrentThread();
            Assert.Single(tx.NodesByProperty(label, id, "e1"));
            return (between - before, GC.GetAllocatedBytesForCurrentThread() - between);
        });
        Assert.Single(list);
        // the one-element array NodesByProperty hands out: 32 bytes
        Assert.True(intoList <= asArray - 32, $"into the list {intoList} bytes, as an array {asArray}");
    }
}
