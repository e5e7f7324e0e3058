namespace Graph.Storage.Tests;

public class TransactionTests
{
    [Fact]
    public void Readers_see_no_uncommitted_changes_and_keep_their_snapshot_after_commit()
    {
        using var store = StoreTestExtensions.InMemory();
        int label = store.Label("N"), key = store.Key("v"), type = store.Type("R");
        store.Write(tx => { tx.CreateIndex(new IndexDefinition("n_v", label, [key], false)); return 0; });
        var a = store.Write(tx => tx.CreateNode(store, "N", ("v", 1L)));

        using var before = store.BeginTransaction(write: false);
        using var writer = store.BeginTransaction(write: true);
        var b = writer.CreateNode(store, "N", ("v", 2L));
        writer.SetNodeProperty(a, key, 10L);
        writer.CreateRelationship(type, a, b, []);
        using var during = store.BeginTransaction(write: false);

        foreach (var reader in new[] { before, during })
            AssertOldState(reader);
        writer.Commit();
        // Snapshot isolation: both readers still see the state from when they began.
        foreach (var reader in new[] { before, during })
            AssertOldState(reader);

        using var after = store.BeginTransaction(write: false);
        Assert.Equal(10L, after.NodeProperty(a, key));
        Assert.Equal(2, after.AllNodes().Count());
        Assert.Equal(new[] { a }, after.NodesByProperty(label, key, 10L));
        Assert.Equal(1, after.Degree(a, Direction.Outgoing));

        void AssertOldState(StorageTransaction reader)
        {
            Assert.Equal(1L, reader.NodeProperty(a, key));
            Assert.False(reader.NodeExists(b));
            Assert.Equal(new[] { a }, reader.AllNodes());
            Assert.Equal(new[] { a }, reader.NodesWithLabel(label));
            Assert.Equal(new[] { a }, reader.NodesByProperty(label, key, 1L));
            Assert.Empty(reader.NodesByProperty(label, key, 10L));
            Assert.Empty(reader.Relationships(a, Direction.Both));
        }
    }

    [Fact]
    public void Old_snapshots_survive_several_later_commits()
    {
        using var store = StoreTestExtensions.InMemory();
        int label = store.Label("N"), key = store.Key("v");
        store.Write(tx => { tx.CreateIndex(new IndexDefinition("n_v", label, [key], false)); return 0; });
        var a = store.Write(tx => tx.CreateNode(store, "N", ("v", 0L)));
        var readers = new List<(StorageTransaction Tx, long Value)>();
        for (var i = 1; i <= 5; i++)
        {
            readers.Add((store.BeginTransaction(write: false), i - 1));
            var value = (long)i;
            store.Write(tx => tx.SetNodeProperty(a, key, value));
        }
        foreach (var (tx, value) in readers)
        {
            Assert.Equal(value, tx.NodeProperty(a, key));
            Assert.Equal(new[] { a }, tx.NodesByProperty(label, key, value));
            tx.Dispose();
        }
        Assert.NotNull(((GraphStore)store).Data.NodeHead(a)!.Older); // history kept for the readers
        store.Write(tx => tx.CreateNode([], [])); // a later commit prunes the now unneeded history
        Assert.Null(((GraphStore)store).Data.NodeHead(a)!.Older);
        store.Read(tx => { Assert.Empty(tx.NodesByProperty(label, key, 0L)); Assert.Single(tx.NodesByProperty(label, key, 5L)); return 0; });
    }

    [Fact]
    public async Task Concurrent_readers_run_while_a_writer_commits_and_never_see_partial_commits()
    {
        using var store = StoreTestExtensions.InMemory();
        int label = store.Label("N"), type = store.Type("R"), key = store.Key("batch");
        var hub = store.Write(tx => tx.CreateNode(store, "Hub"));
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var readers = Enumerable.Range(0, 3).Select(_ => DedicatedThreads.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var tx = store.BeginTransaction(write: false);
                // Each commit adds 10 nodes and links each to the hub: counts must always match in a snapshot.
                var nodes = tx.NodesWithLabel(label).Count();
                var degree = tx.Degree(hub, Direction.Incoming, [type]);
                if (nodes % 10 != 0 || degree != nodes) Interlocked.Increment(ref failures);
            }
        })).ToArray();
        for (var batch = 0; batch < 50; batch++)
        {
            using var tx = store.BeginTransaction(write: true);
            for (var i = 0; i < 10; i++)
            {
                var n = tx.CreateNode(store.Labels("N"), store.Props(("batch", (long)batch)));
                tx.CreateRelationship(type, n, hub, []);
            }
            tx.Commit();
        }
        stop.Cancel();
        await Task.WhenAll(readers);
        Assert.Equal(0, failures);
        Assert.Equal(501, store.NodeCount);
        Assert.Equal(500, store.RelationshipCount);
        store.Read(tx => { Assert.Equal(10, tx.NodesByProperty(label, key, 49L).Count()); return 0; });
    }

    [Fact]
    public void Rollback_and_dispose_discard_everything()
    {
        using var store = StoreTestExtensions.InMemory();
        var a = store.Write(tx => tx.CreateNode(store, "N", ("v", 1L)));
        using (var tx = store.BeginTransaction(write: true))
        {
            tx.SetNodeProperty(a, store.Key("v"), 2L);
            tx.CreateNode(store, "N");
            tx.CreateUniqueConstraint(new ConstraintDefinition("c", store.Label("N"), [store.Key("v")]));
            tx.Rollback();
            Assert.False(tx.IsOpen);
            Assert.Throws<InvalidOperationException>(() => tx.NodeExists(a));
        }
        using (var tx = store.BeginTransaction(write: true))
            tx.DeleteNode(a); // disposed without commit
        store.Read(tx =>
        {
            Assert.Equal(1L, tx.NodeProperty(a, store.Key("v")));
            Assert.Single(tx.AllNodes());
            Assert.Empty(tx.Constraints);
            return 0;
        });
    }

    [Fact]
    public void Rolling_back_to_a_savepoint_undoes_only_the_later_statements()
    {
        using var store = StoreTestExtensions.InMemory();
        int type = store.Type("R"), key = store.Key("v"), label = store.Label("N");
        var (a, b, ab) = store.Write(tx =>
        {
            var a = tx.CreateNode(store, "N", ("v", 1L));
            var b = tx.CreateNode(store, "N", ("v", 2L));
            return (a, b, tx.CreateRelationship(type, a, b, []));
        });
        using var tx = store.BeginTransaction(write: true);
        tx.CreateSavepoint();
        var c = tx.CreateNode(store, "N", ("v", 3L));                 // statement 1 (kept)
        var ac = tx.CreateRelationship(type, a, c, []);
        var second = tx.CreateSavepoint();
        tx.SetNodeProperty(a, key, 100L);                             // statement 2 (undone)
        tx.RemoveLabel(b, label);
        tx.DeleteRelationship(ab);
        tx.DeleteRelationship(ac);
        var d = tx.CreateNode(store, "N", ("v", 4L));
        tx.CreateRelationship(type, c, d, []);
        tx.CreateRelationship(type, a, a, []);
        tx.CreateIndex(new IndexDefinition("n_v", label, [key], false));
        tx.RollbackToSavepoint(second);

        AssertAfterSavepoint(tx);
        tx.SetNodeProperty(c, key, 30L);                              // statement 3 (kept)
        tx.Commit();
        using var read = store.BeginTransaction(write: false);
        AssertAfterSavepoint(read, cValue: 30L);

        void AssertAfterSavepoint(StorageTransaction t, long cValue = 3L)
        {
            Assert.Equal(1L, t.NodeProperty(a, key));
            Assert.True(t.NodeHasLabel(b, label));
            Assert.False(t.NodeExists(d));
            Assert.Equal(cValue, t.NodeProperty(c, key));
            Assert.Equal(new[] { ab, ac }.Order(), t.Relationships(a, Direction.Outgoing).Select(r => r.Id).Order());
            Assert.Equal(1, t.Degree(c, Direction.Both));
            Assert.Empty(t.Indexes);
            Assert.Equal(3, t.AllNodes().Count());
            Assert.Equal(2, t.AllRelationships().Count());
        }
    }
}
