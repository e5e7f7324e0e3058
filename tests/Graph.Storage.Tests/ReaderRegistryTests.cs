using Graph.Storage.Records;
using Graph.Storage.Transactions;

namespace Graph.Storage.Tests;

/// <summary>
/// The lock-free reader registry: every open reader keeps the records of its version from being pruned or changed in
/// place by later commits and checkpoints, and a closed one keeps nothing.
/// </summary>
public class ReaderRegistryTests
{
    [Fact]
    public void The_oldest_open_reader_is_known_and_leaving_frees_its_version()
    {
        var registry = new ReaderRegistry(1, Schema.Empty);
        Assert.Equal(long.MaxValue, registry.OldestOpenReader());
        var first = registry.Enter();
        var second = registry.Enter();
        Assert.Equal(1, first.Version);
        Assert.Same(first, second);
        Assert.Equal(1, registry.StopAdmitting());
        registry.Admit(2, Schema.Empty);
        var third = registry.Enter();
        Assert.Equal(2, third.Version);
        Assert.Equal(1, registry.OldestOpenReader());
        ReaderRegistry.Leave(first);
        Assert.Equal(1, registry.OldestOpenReader()); // the other reader of version 1 is still open
        ReaderRegistry.Leave(second);
        Assert.Equal(2, registry.OldestOpenReader());
        Assert.Equal(2, registry.StopAdmitting());
        registry.Admit(3, Schema.Empty);
        ReaderRegistry.Leave(third);
        Assert.Equal(long.MaxValue, registry.StopAdmitting());
        registry.Admit(4, Schema.Empty);
        Assert.Equal(4, registry.Enter().Version);
    }

    [Fact]
    public void A_reader_opened_by_the_committing_thread_is_refused_instead_of_waiting_forever()
    {
        var registry = new ReaderRegistry(1, Schema.Empty);
        Exception? refused = null;
        // on a thread of its own (the registry's lock is per thread), which a regression would leave spinning
        var committer = new Thread(() =>
        {
            registry.StopAdmitting();
            refused = Record.Exception(() => registry.Enter());
            registry.Admit(2, Schema.Empty);
        }) { IsBackground = true };
        committer.Start();
        Assert.True(committer.Join(TimeSpan.FromSeconds(30)), "Enter on the committing thread did not return");
        Assert.Contains("applies a commit", Assert.IsType<InvalidOperationException>(refused).Message);
        Assert.Equal(2, registry.Enter().Version);
    }

    [Fact]
    public async Task A_reader_arriving_while_a_commit_applies_waits_and_reads_the_new_version()
    {
        var registry = new ReaderRegistry(1, Schema.Empty);
        Assert.Equal(long.MaxValue, registry.StopAdmitting());
        // However the threads interleave, no epoch is current until Admit: the reader cannot be counted at version 1,
        // which the commit (told no reader is open) may be changing in place.
        var reader = DedicatedThreads.Run(registry.Enter);
        Thread.Sleep(20);
        registry.Admit(2, Schema.Empty);
        var epoch = await reader;
        Assert.Equal(2, epoch.Version);
        Assert.Equal(2, registry.OldestOpenReader());
    }

    [Fact]
    public void Store_readers_and_snapshot_taking_writers_are_counted_until_they_close_or_write()
    {
        using var store = StoreTestExtensions.InMemory();
        var graph = (GraphStore)store;
        var a = store.Write(tx => tx.CreateNode(store, "N", ("v", 1L)));
        Assert.Equal(long.MaxValue, graph.OldestOpenReader);
        var reader = store.BeginTransaction(write: false);
        var version = ((Transaction)reader).SnapshotVersion;
        Assert.Equal(version, graph.OldestOpenReader);

        // a write transaction is counted from its first read until its first write
        var writer = store.BeginTransaction(write: true);
        reader.Dispose();
        Assert.Equal(long.MaxValue, graph.OldestOpenReader);
        Assert.Equal(1L, writer.NodeProperty(a, store.Key("v")));
        Assert.Equal(version, graph.OldestOpenReader);
        writer.SetNodeProperty(a, store.Key("v"), 2L);
        Assert.Equal(long.MaxValue, graph.OldestOpenReader);
        writer.Commit();
        writer.Dispose();
        Assert.Equal(long.MaxValue, graph.OldestOpenReader);

        // an outdated writer stays counted at its snapshot until it is disposed
        var outdated = store.BeginTransaction(write: true);
        Assert.Equal(2L, outdated.NodeProperty(a, store.Key("v")));
        store.Write(tx => { tx.SetNodeProperty(a, store.Key("v"), 3L); return 0; });
        Assert.Throws<TransactionOutdatedException>(() => outdated.SetNodeProperty(a, store.Key("v"), 4L));
        Assert.Equal(version + 1, graph.OldestOpenReader);
        outdated.Dispose();
        Assert.Equal(long.MaxValue, graph.OldestOpenReader);
    }

    [Fact]
    public void A_commit_changes_adjacency_in_place_only_when_no_reader_can_see_it()
    {
        using var store = StoreTestExtensions.InMemory();
        var type = store.Type("R");
        var (hub, others) = store.Write(tx =>
            (tx.CreateNode(store, "Hub"), Enumerable.Range(0, 4).Select(_ => tx.CreateNode(store, "N")).ToArray()));
        store.Write(tx => tx.CreateRelationship(type, others[0], hub, []));

        var reader = store.BeginTransaction(write: false);
        // adjacency-only changes of the hub, each of a kind a commit with no reader open would make in place
        store.Write(tx => tx.CreateRelationship(type, others[1], hub, []));
        store.Write(tx => tx.CreateRelationship(type, others[2], hub, []));
        Assert.Equal(1, reader.Degree(hub, Direction.Incoming, [type]));
        Assert.Equal([others[0]], reader.Relationships(hub, Direction.Incoming).Select(r => r.Start));
        Assert.Equal(3, store.Read(tx => tx.Degree(hub, Direction.Incoming, [type])));
        reader.Dispose();

        store.Write(tx => tx.CreateRelationship(type, others[3], hub, []));
        Assert.Equal(4, store.Read(tx => tx.Degree(hub, Direction.Incoming, [type])));
        store.Write(tx => tx.CreateNode(store, "N"));
        Assert.Null(((GraphStore)store).Data.NodeHead(hub)!.Older); // nobody reads the hub's older versions any more
    }

    [Fact]
    public async Task Readers_racing_commits_and_checkpoints_keep_their_snapshot_and_leave_nothing_counted()
    {
        using var directory = new TempDirectory();
        using var store = GraphStore.Open(new StoreOptions
        {
            Directory = directory.Path,
            SyncOnCommit = false,
            SnapshotThresholdBytes = 4096,
            WriteLockTimeout = TimeSpan.FromSeconds(30),
        });
        int type = store.Type("R"), count = store.Key("count");
        var (hub, tally, spokes) = store.Write(tx => (tx.CreateNode(store, "Hub"), tx.CreateNode(store, "Tally", ("count", 0L)),
            Enumerable.Range(0, 200).Select(_ => tx.CreateNode(store, "N")).ToArray()));
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var reads = 0L;
        var readers = Enumerable.Range(0, 3).Select(_ => DedicatedThreads.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var tx = store.BeginTransaction(write: false);
                // each commit links one more spoke to the hub (an adjacency-only change of the hub) and counts it on the tally
                var degree = tx.Degree(hub, Direction.Incoming, [type]);
                var counted = (long)tx.NodeProperty(tally, count)!;
                Thread.Yield(); // let commits happen while this snapshot is open
                var listed = tx.Relationships(hub, Direction.Incoming, [type]).Count();
                if (degree != counted || listed != degree || (long)tx.NodeProperty(tally, count)! != counted) Interlocked.Increment(ref failures);
                Interlocked.Increment(ref reads);
            }
        })).ToArray();
        for (var i = 0; i < spokes.Length; i++)
        {
            // the readers run meanwhile, however busy the machine (a few reads per batch of commits)
            if (i % 25 == 0)
                for (var wanted = Interlocked.Read(ref reads) + 3; Interlocked.Read(ref reads) < wanted && !readers.Any(r => r.IsCompleted);) await Task.Delay(1);
            var spoke = spokes[i];
            var next = i + 1L;
            store.Write(tx =>
            {
                tx.CreateRelationship(type, spoke, hub, []);
                tx.SetNodeProperty(tally, count, next);
                return 0;
            });
            if (i % 50 == 49) store.Checkpoint();
        }
        stop.Cancel();
        await Task.WhenAll(readers);

        Assert.Equal(0, failures);
        Assert.True(reads > 0);
        var graph = (GraphStore)store;
        Assert.Equal(long.MaxValue, graph.OldestOpenReader); // every reader that left is no longer counted
        store.Write(tx => tx.CreateNode(store, "N"));
        Assert.Null(graph.Data.NodeHead(hub)!.Older);
        Assert.Null(graph.Data.NodeHead(tally)!.Older);
        Assert.Equal(spokes.Length, store.Read(tx => tx.Degree(hub, Direction.Incoming, [type])));
    }
}
