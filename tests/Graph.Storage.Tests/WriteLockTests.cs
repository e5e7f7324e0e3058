using Graph.Storage.Transactions;

namespace Graph.Storage.Tests;

/// <summary>
/// The single write lock: taken at a write transaction's first write (not when it begins), granted in arrival order,
/// bounded by WriteLockTimeout. Waiting is observed through the store's waiter count, never through sleeps.
/// </summary>
public class WriteLockTests
{
    private static GraphStore Open(TimeSpan? timeout = null) =>
        (GraphStore)GraphStore.Open(new StoreOptions { WriteLockTimeout = timeout ?? TimeSpan.FromSeconds(30) });

    /// <summary>Waits (bounded) until <paramref name="count"/> writers are queued for the lock.</summary>
    private static void UntilWaiting(GraphStore store, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (store.WritersWaiting < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{store.WritersWaiting} writers queued, expected {count}");
            Thread.Sleep(1);
        }
    }

    [Fact]
    public void An_open_write_transaction_that_has_not_written_blocks_no_other_writer()
    {
        using var store = Open(TimeSpan.FromMilliseconds(200));
        var a = store.Write(tx => tx.CreateNode(store, "N", ("v", 1L)));
        using var idle = store.BeginTransaction(write: true);      // BEGIN, nothing yet
        using var reader = store.BeginTransaction(write: true);    // BEGIN, then only reads
        Assert.Equal(1L, reader.NodeProperty(a, store.Key("v")));
        var savepoint = reader.CreateSavepoint();                  // the engine's per-statement savepoint takes no lock either
        reader.RollbackToSavepoint(savepoint);

        // Another writer commits at once, twice, without waiting for either.
        store.Write(tx => tx.SetNodeProperty(a, store.Key("v"), 2L));
        store.Write(tx => tx.CreateNode(store, "N"));
        Assert.Equal(0, store.WritersWaiting);
        idle.Commit(); // nothing written: nothing logged, no lock to release
        Assert.Equal(2, store.NodeCount);
    }

    [Fact]
    public void The_first_write_takes_the_lock_and_a_second_writer_times_out_with_a_transient_error()
    {
        using var store = Open(TimeSpan.FromMilliseconds(100));
        using var first = store.BeginTransaction(write: true);
        using var second = store.BeginTransaction(write: true);
        first.CreateNode([], []);
        var error = Assert.Throws<TransientStorageException>(() => second.CreateNode([], []));
        Assert.Contains("write lock", error.Message);
        Assert.True(second.IsOpen); // the statement failed, the transaction did not
        first.Commit();
        second.CreateNode([], []);
        second.Commit();
        Assert.Equal(2, store.NodeCount);
    }

    [Fact]
    public void A_write_transaction_reads_the_state_of_its_first_read_and_is_refused_as_outdated_if_it_changed_before_its_first_write()
    {
        using var store = Open();
        int key = store.Key("v");
        var a = store.Write(tx => tx.CreateNode(store, "N", ("v", 1L)));
        using var tx = store.BeginTransaction(write: true);
        store.Write(w => { w.SetNodeProperty(a, key, 2L); return 0; });
        Assert.Equal(2L, tx.NodeProperty(a, key));                 // the snapshot is taken at the first read, not at BEGIN
        store.Write(w => { w.SetNodeProperty(a, key, 3L); return 0; });
        Assert.Equal(2L, tx.NodeProperty(a, key));                 // then kept: it holds no lock

        // Writing 2 + 1 now would undo the commit that wrote 3 (a lost update): refused, the lock is not kept.
        var error = Assert.Throws<TransactionOutdatedException>(() => tx.SetNodeProperty(a, key, 2L + 1));
        Assert.Contains("as of commit 2, and 1 newer commit(s)", error.Message);
        Assert.Equal(0, store.WritersWaiting);
        store.Write(w => w.CreateNode([], []));                    // nobody holds the lock
        tx.Rollback();
        Assert.Equal(3L, store.Read(r => r.NodeProperty(a, key)));
    }

    [Fact]
    public void A_write_transaction_that_wrote_before_reading_sees_the_latest_state()
    {
        using var store = Open();
        int key = store.Key("v");
        var a = store.Write(tx => tx.CreateNode(store, "N", ("v", 1L)));
        using var tx = store.BeginTransaction(write: true);
        var b = store.Write(w => w.CreateNode(store, "N", ("v", 2L)));
        store.Write(w => { w.SetNodeProperty(a, key, 10L); return 0; });
        tx.CreateNode(store, "N", ("v", 3L));                      // no read before: nothing it read can be stale
        Assert.Equal(10L, tx.NodeProperty(a, key));
        Assert.True(tx.NodeExists(b));
        Assert.Single(tx.NodesByProperty(store.Label("N"), key, 2L));
        tx.Commit();
        Assert.Equal(3, store.NodeCount);
    }

    [Fact]
    public void Rolling_back_to_a_savepoint_from_before_the_first_write_gives_the_lock_back()
    {
        using var store = Open(TimeSpan.FromMilliseconds(100));
        using var tx = store.BeginTransaction(write: true);
        var statement = tx.CreateSavepoint();
        tx.CreateNode(store, "N");                                 // a statement that writes, then fails
        Assert.Throws<TransientStorageException>(() => store.Write(w => w.CreateNode([], [])));
        tx.RollbackToSavepoint(statement);

        var next = tx.CreateSavepoint();
        tx.CreateNode(store, "N");                                  // writing again takes the lock again
        tx.RollbackToSavepoint(next);
        store.Write(w => w.CreateNode(store, "Other"));            // the lock is free again
        Assert.Single(tx.AllNodes());                               // it had read nothing: its first read is of the latest state
        store.Write(w => w.CreateNode(store, "Other"));
        // What it read is now older than the latest commit: writing is refused as outdated.
        Assert.Throws<TransactionOutdatedException>(() => tx.CreateNode(store, "N"));
        tx.Rollback();
        Assert.Equal(2, store.NodeCount);
    }

    [Fact]
    public async Task Waiters_get_the_lock_in_the_order_they_asked_for_it()
    {
        using var store = Open();
        var holder = store.BeginTransaction(write: true);
        holder.CreateNode([], []);
        var order = new List<int>();
        var waiters = new List<Task>();
        for (var i = 0; i < 5; i++)
        {
            var me = i;
            waiters.Add(DedicatedThreads.Run(() =>
            {
                using var tx = store.BeginTransaction(write: true);
                tx.CreateNode([], []);                              // waits in line here
                lock (order) order.Add(me);
                tx.Commit();
            }));
            UntilWaiting(store, i + 1);                             // queued before the next one starts
        }
        holder.Commit();
        await Task.WhenAll(waiters);
        Assert.Equal([0, 1, 2, 3, 4], order);
    }

    [Fact]
    public async Task A_writer_committing_back_to_back_cannot_starve_a_waiter_or_a_checkpoint()
    {
        using var dir = new TempDirectory();
        using var store = (GraphStore)GraphStore.Open(new StoreOptions { Directory = dir.Path, SyncOnCommit = false });
        var busy = store.BeginTransaction(write: true);
        busy.CreateNode([], []);
        var waiter = DedicatedThreads.Run(() => store.Write(tx => tx.CreateNode(store, "Waiter")));
        UntilWaiting(store, 1);
        var checkpoint = DedicatedThreads.Run(store.Checkpoint);
        UntilWaiting(store, 2);

        // The busy writer commits and at once writes again: it queues behind both, so by the time it holds the lock
        // the waiter has committed (its node is in the latest state) and the checkpoint has written the snapshot.
        busy.Commit();
        using var again = store.BeginTransaction(write: true);
        again.CreateNode([], []);
        Assert.Single(again.NodesWithLabel(store.Label("Waiter")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "graph.snapshot")), "the checkpoint queued earlier has not run yet");
        await waiter;
        await checkpoint;
        Assert.Equal(1, store.Read(tx => tx.NodesWithLabel(store.Label("Waiter")).Count()));
        again.Commit();
    }

    [Fact]
    public void A_cancelled_wait_leaves_the_queue_and_the_lock_passes_on()
    {
        using var store = Open();
        var holder = store.BeginTransaction(write: true);
        holder.CreateNode([], []);
        using var cancel = new CancellationTokenSource();
        using var cancelled = store.BeginTransaction(write: true, cancel.Token);
        var waiting = DedicatedThreads.Run(() => cancelled.CreateNode([], []));
        UntilWaiting(store, 1);
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => waiting.GetAwaiter().GetResult());
        Assert.Equal(0, store.WritersWaiting);
        holder.Commit();
        store.Write(tx => tx.CreateNode([], []));                  // nobody holds it
        Assert.Equal(2, store.NodeCount);
    }

    [Fact]
    public void The_lock_hands_over_directly_so_a_timeout_racing_the_release_still_owns_it()
    {
        // Many short timeouts against releases: every TryEnter that returns true must hold the lock alone.
        var writeLock = new WriteLock();
        var inside = 0;
        var violations = 0;
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                if (!writeLock.TryEnter(TimeSpan.FromTicks(i % 50), CancellationToken.None)) continue;
                if (Interlocked.Increment(ref inside) != 1) Interlocked.Increment(ref violations);
                Interlocked.Decrement(ref inside);
                writeLock.Exit();
            }
        });
        Assert.Equal(0, violations);
        Assert.True(writeLock.TryEnter(TimeSpan.Zero, CancellationToken.None)); // released as often as taken
        Assert.Equal(0, writeLock.Waiting);
    }
}
