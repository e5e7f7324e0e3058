namespace Graph.Storage.Tests;

/// <summary>
/// A property lookup's scratch buffers are the thread's, not the transaction's: a statement seeking one node does not
/// allocate them anew, and lookups in transactions interleaved on one thread, large and small, stay exact.
/// </summary>
public class SeekScratchTests
{
    [Fact]
    public void A_lookup_in_a_new_transaction_allocates_only_its_result()
    {
        using var store = StoreTestExtensions.InMemory();
        int label = store.Label("Expert"), id = store.Key("id");
        store.Write(tx => { tx.CreateIndex(new IndexDefinition("expert_id", label, [id], true)); return 0; });
        store.Write(tx => tx.CreateNode(store, "Expert", ("id", "e1")));
        store.Read(tx => tx.NodesByProperty(label, id, "e1").Count()); // the thread's buffers exist from here on
        var bytes = store.Read(tx =>
        {
            _ = tx.NodeExists(0); // the transaction's first read (its snapshot) before the measured one
            var before = GC.GetAllocatedBytesForCurrentThread();
            var found = tx.NodesByProperty(label, id, "e1");
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Single(found);
            return allocated;
        });
        // 128 bytes here (the one-element result and the index's key for the value); with buffers per transaction the
        // lookup also made a key array, a value array, a list and its first array: 280 bytes
        Assert.True(bytes < 200, $"the lookup allocated {bytes} bytes");
    }

    [Fact]
    public void Lookups_in_interleaved_transactions_on_one_thread_stay_exact()
    {
        using var store = StoreTestExtensions.InMemory();
        int label = store.Label("P"), k = store.Key("k");
        // 3,000 nodes share k = 1 (the list grows past what a thread keeps), one has k = 2 and one k = 1.0
        store.Write(tx =>
        {
            tx.CreateIndex(new IndexDefinition("p_k", label, [k], false));
            for (var i = 0; i < 3000; i++) tx.CreateNode(store, "P", ("k", 1L));
            tx.CreateNode(store, "P", ("k", 2L));
            return tx.CreateNode(store, "P", ("k", 1.0));
        });
        using var read = store.BeginTransaction(write: false);
        using var write = store.BeginTransaction(write: true);
        var created = write.CreateNode(store, "P", ("k", 2L));
        Assert.Equal(3001, read.NodesByProperty(label, k, 1L).Count());
        Assert.Equal(2, write.NodesByProperty(label, k, 2L).Count());
        Assert.Single(read.NodesByProperty(label, k, 2L));
        Assert.Contains(created, write.NodesByProperty(label, k, 2.0));
        Assert.Equal(3001, write.NodesByProperty(label, k, 1.0).Count());
        Assert.Empty(read.NodesByProperty(label, k, 3L));
        Assert.Empty(read.NodesByProperty(label, k, new Dictionary<string, object?>()));
        // the earlier results are arrays of their own, not views of the thread's buffer
        var first = read.NodesByProperty(label, k, 2L).ToArray();
        _ = read.NodesByProperty(label, k, 1L);
        Assert.Equal(read.NodesByProperty(label, k, 2L), first);
    }
}
