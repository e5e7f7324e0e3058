namespace Graph.Storage.Tests;

public class PersistenceTests
{
    private static IGraphStore OpenAt(string directory, long threshold = 64L * 1024 * 1024) =>
        GraphStore.Open(new StoreOptions { Directory = directory, SyncOnCommit = false, SnapshotThresholdBytes = threshold, WriteLockTimeout = TimeSpan.FromSeconds(5) });

    /// <summary>What a crash leaves behind: the files as they are while the store is still open.</summary>
    internal static void CopyFilesOfOpenStore(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            if (Path.GetFileName(file) != "LOCK") File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
    }

    [Fact]
    public void Data_schema_and_id_counters_survive_close_and_reopen()
    {
        using var dir = new TempDirectory();
        long a, b, rel;
        using (var store = OpenAt(dir.Path))
        {
            store.Write(tx =>
            {
                tx.CreateUniqueConstraint(new ConstraintDefinition("expert_id", store.Label("Expert"), [store.Key("id")]));
                tx.CreateIndex(new IndexDefinition("claim_topic", store.Label("Claim"), [store.Key("topic")], false));
                return 0;
            });
            (a, b, rel) = store.Write(tx =>
            {
                var a = tx.CreateNode(store, "Expert", ("id", "ana"), ("roles", new object[] { "speaker", "author" }), ("weight", 0.5), ("n", 7L), ("ok", true));
                var b = tx.CreateNode(store, "Claim", ("topic", "rights"));
                var rel = tx.CreateRelationship(store.Type("ENDORSES"), a, b, store.Props(("quote", "“migration” – rights")));
                tx.CreateRelationship(store.Type("SELF"), a, a, []);
                var gone = tx.CreateNode(store, "Expert", ("id", "gone"));
                tx.DeleteNode(gone);
                return (a, b, rel);
            });
            store.Write(tx => tx.SetNodeProperty(b, store.Key("topic"), "human rights"));
        }
        using (var store = OpenAt(dir.Path))
        {
            Assert.False(store.Recovery.TornTailDiscarded);
            int expert = store.Tokens.LabelId("Expert"), id = store.Tokens.PropertyKeyId("id");
            store.Read(tx =>
            {
                Assert.Equal(new object[] { "speaker", "author" }, (object[])tx.NodeProperty(a, store.Key("roles"))!);
                Assert.Equal(0.5, tx.NodeProperty(a, store.Key("weight")));
                Assert.Equal(true, tx.NodeProperty(a, store.Key("ok")));
                Assert.Equal("“migration” – rights", tx.RelationshipProperty(rel, store.Key("quote")));
                Assert.Equal(new[] { a }, tx.NodesByProperty(expert, id, "ana"));
                Assert.True(tx.HasIndex(store.Label("Claim"), store.Key("topic")));
                Assert.Equal(new[] { b }, tx.NodesByProperty(store.Label("Claim"), store.Key("topic"), "human rights"));
                Assert.Equal(2, tx.Degree(a, Direction.Outgoing));
                Assert.Equal(2, tx.Degree(a, Direction.Both, [store.Type("SELF"), store.Type("ENDORSES")]));
                Assert.Equal(2, tx.AllNodes().Count());
                return 0;
            });
            Assert.Equal(2, store.NodeCount);
            Assert.Equal(2, store.RelationshipCount);
            Assert.Equal(1, store.CountNodesWithLabel(expert));
            using var write = store.BeginTransaction(write: true);
            Assert.Throws<ConstraintViolationException>(() => write.CreateNode(store, "Expert", ("id", "ana")));
            Assert.True(write.CreateNode([], []) > b + 1); // the deleted node's id is not handed out again
        }
    }

    [Fact]
    public void A_second_open_of_the_same_directory_fails_clearly()
    {
        using var dir = new TempDirectory();
        using var store = OpenAt(dir.Path);
        var error = Assert.Throws<IOException>(() => OpenAt(dir.Path));
        Assert.Contains("already open", error.Message);
        Assert.Contains(dir.Path, error.Message);
    }

    [Fact]
    public void The_log_is_replayed_over_the_snapshot_after_a_crash()
    {
        using var dir = new TempDirectory();
        using var crashed = new TempDirectory();
        using (var store = OpenAt(dir.Path))
        {
            for (var i = 0; i < 3; i++) store.Write(tx => tx.CreateNode(store, "Before", ("i", (long)i)));
            store.Checkpoint();
            // A new log holds only its header (which names the commit it continues from).
            Assert.Equal(Persistence.WriteAheadLog.FileHeaderSize, new FileInfo(Path.Combine(dir.Path, "graph.wal")).Length);
            for (var i = 0; i < 4; i++) store.Write(tx => tx.CreateNode(store, "After", ("i", (long)i)));
            CopyFilesOfOpenStore(dir.Path, crashed.Path);
        }
        using var reopened = OpenAt(crashed.Path);
        Assert.Equal(4, reopened.Recovery.CommittedTransactionsReplayed);
        Assert.False(reopened.Recovery.TornTailDiscarded);
        Assert.Equal(3, reopened.CountNodesWithLabel(reopened.Tokens.LabelId("Before")));
        Assert.Equal(4, reopened.CountNodesWithLabel(reopened.Tokens.LabelId("After")));
    }

    [Fact]
    public void Log_records_already_in_the_snapshot_are_skipped()
    {
        // A crash after the new snapshot was renamed into place but before the new log was: new snapshot, old log.
        using var dir = new TempDirectory();
        using var crashed = new TempDirectory();
        using (var store = OpenAt(dir.Path))
        {
            store.Write(tx => tx.CreateNode(store, "N"));
            store.Write(tx => tx.CreateNode(store, "N"));
            CopyFilesOfOpenStore(dir.Path, crashed.Path);
            store.Checkpoint();
            File.Copy(Path.Combine(dir.Path, "graph.snapshot"), Path.Combine(crashed.Path, "graph.snapshot"));
        }
        using (var reopened = OpenAt(crashed.Path))
        {
            Assert.Equal(2, reopened.NodeCount);
            Assert.Equal(0, reopened.Recovery.CommittedTransactionsReplayed);
            Assert.False(reopened.Recovery.TornTailDiscarded);
            reopened.Write(tx => tx.CreateNode(reopened, "N"));
        }
        using var again = OpenAt(crashed.Path);
        Assert.Equal(3, again.NodeCount);
    }

    [Fact]
    public void A_snapshot_is_taken_automatically_when_the_log_passes_the_threshold()
    {
        using var dir = new TempDirectory();
        using (var store = OpenAt(dir.Path, threshold: 2_000))
        {
            for (var i = 0; i < 200; i++) store.Write(tx => tx.CreateNode(store, "N", ("text", new string('x', 50))));
            Assert.True(File.Exists(Path.Combine(dir.Path, "graph.snapshot")));
            Assert.True(new FileInfo(Path.Combine(dir.Path, "graph.wal")).Length <= 2_000);
        }
        using var reopened = OpenAt(dir.Path);
        Assert.Equal(200, reopened.NodeCount);
    }

    [Fact]
    public async Task Readers_stay_consistent_while_commits_trigger_snapshots_and_everything_survives_reopen()
    {
        using var dir = new TempDirectory();
        using (var store = OpenAt(dir.Path, threshold: 8_000))
        {
            int label = store.Label("N"), type = store.Type("R");
            var hub = store.Write(tx => tx.CreateNode(store, "Hub"));
            using var stop = new CancellationTokenSource();
            var failures = 0;
            var readers = Enumerable.Range(0, 2).Select(_ => DedicatedThreads.Run(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    using var tx = store.BeginTransaction(write: false);
                    var nodes = tx.NodesWithLabel(label).Count();
                    if (nodes % 5 != 0 || tx.Degree(hub, Direction.Incoming, [type]) != nodes) Interlocked.Increment(ref failures);
                }
            })).ToArray();
            for (var batch = 0; batch < 60; batch++)
            {
                using var tx = store.BeginTransaction(write: true);
                for (var i = 0; i < 5; i++)
                    tx.CreateRelationship(type, tx.CreateNode(store.Labels("N"), store.Props(("text", new string('t', 40)))), hub, []);
                tx.Commit();
                if (batch == 30) store.Checkpoint();
            }
            stop.Cancel();
            await Task.WhenAll(readers);
            Assert.Equal(0, failures);
            Assert.True(File.Exists(Path.Combine(dir.Path, "graph.snapshot")));
        }
        using var reopened = OpenAt(dir.Path);
        Assert.Equal(301, reopened.NodeCount);
        Assert.Equal(300, reopened.RelationshipCount);
        reopened.Read(tx => { Assert.Equal(300, tx.Degree(0, Direction.Incoming)); return 0; });
    }

    [Fact]
    public void A_damaged_snapshot_is_reported_not_silently_loaded()
    {
        using var dir = new TempDirectory();
        using (var store = OpenAt(dir.Path)) store.Write(tx => tx.CreateNode(store, "N", ("v", "some text")));
        var snapshot = Path.Combine(dir.Path, "graph.snapshot");
        var original = File.ReadAllBytes(snapshot);
        var damaged = (byte[])original.Clone();
        damaged[damaged.Length / 2] ^= 0x40;
        File.WriteAllBytes(snapshot, damaged);
        var error = Assert.Throws<StorageCorruptedException>(() => OpenAt(dir.Path));
        Assert.Contains("graph.snapshot", error.Message);
        // The failed open released the lock: with the snapshot repaired the database opens again.
        File.WriteAllBytes(snapshot, original);
        using var reopened = OpenAt(dir.Path);
        Assert.Equal(1, reopened.NodeCount);
    }
}

public class RecoveryTests
{
    private static IGraphStore OpenAt(string directory) =>
        GraphStore.Open(new StoreOptions { Directory = directory, SyncOnCommit = false });

    /// <summary>Three commits in the log; returns the log bytes and where the last record starts.</summary>
    private static (byte[] Log, long LastRecordStart) ThreeCommits(string directory)
    {
        using var scratch = new TempDirectory();
        using var store = OpenAt(scratch.Path);
        store.Write(tx => tx.CreateNode(store, "N", ("i", 1L)));
        store.Write(tx => tx.CreateNode(store, "N", ("i", 2L)));
        var lastStart = new FileInfo(Path.Combine(scratch.Path, "graph.wal")).Length;
        store.Write(tx =>
        {
            var n = tx.CreateNode(store, "N", ("i", 3L), ("text", "the third commit"));
            tx.CreateRelationship(store.Type("R"), 0, n, []);
            tx.SetNodeProperty(0, store.Key("i"), 100L);
            return 0;
        });
        PersistenceTests.CopyFilesOfOpenStore(scratch.Path, directory);
        return (File.ReadAllBytes(Path.Combine(directory, "graph.wal")), lastStart);
    }

    private static void AssertFirstTwoCommitsOnly(IGraphStore store)
    {
        Assert.Equal(2, store.NodeCount);
        Assert.Equal(0, store.RelationshipCount);
        store.Read(tx =>
        {
            Assert.Equal(1L, tx.NodeProperty(0, store.Key("i")));
            Assert.Equal(2L, tx.NodeProperty(1, store.Key("i")));
            return 0;
        });
    }

    [Fact]
    public void A_log_cut_at_any_byte_of_the_last_record_recovers_the_earlier_commits()
    {
        using var dir = new TempDirectory();
        var (log, lastStart) = ThreeCommits(dir.Path);
        var logPath = Path.Combine(dir.Path, "graph.wal");
        for (var cut = lastStart; cut < log.Length; cut++)
        {
            File.WriteAllBytes(logPath, log.AsSpan(0, (int)cut).ToArray());
            using (var store = OpenAt(dir.Path))
            {
                AssertFirstTwoCommitsOnly(store);
                Assert.Equal(2, store.Recovery.CommittedTransactionsReplayed);
                Assert.Equal(cut > lastStart, store.Recovery.TornTailDiscarded);
                if (cut > lastStart) Assert.Contains($"byte {lastStart}", store.Recovery.Message);
                // Dispose writes a snapshot; remove it so every cut starts from the log alone.
            }
            File.Delete(Path.Combine(dir.Path, "graph.snapshot"));
        }
        File.WriteAllBytes(logPath, log);
        using var whole = OpenAt(dir.Path);
        Assert.Equal(3, whole.NodeCount);
        Assert.Equal(1, whole.RelationshipCount);
        Assert.False(whole.Recovery.TornTailDiscarded);
    }

    [Fact]
    public void A_flipped_byte_in_the_last_record_is_damage_refused_without_touching_the_files()
    {
        using var dir = new TempDirectory();
        var (log, lastStart) = ThreeCommits(dir.Path);
        var logPath = Path.Combine(dir.Path, "graph.wal");
        for (var position = lastStart; position < log.Length; position += 3)
        {
            var damaged = (byte[])log.Clone();
            damaged[position] ^= 0x10;
            File.WriteAllBytes(logPath, damaged);
            var error = Assert.Throws<StorageCorruptedException>(() => OpenAt(dir.Path));
            Assert.Contains($"{logPath} is damaged at byte {lastStart}", error.Message);
            Assert.Contains("The last good commit is 2", error.Message);
            Assert.Contains($"graph repair --db {dir.Path}", error.Message);
            Assert.Equal(damaged, File.ReadAllBytes(logPath)); // nothing cut, nothing rewritten
            Assert.False(File.Exists(Path.Combine(dir.Path, "graph.snapshot")));
        }
    }

    [Fact]
    public void After_cutting_a_torn_tail_new_commits_append_and_survive()
    {
        using var dir = new TempDirectory();
        var (log, lastStart) = ThreeCommits(dir.Path);
        File.WriteAllBytes(Path.Combine(dir.Path, "graph.wal"), log.AsSpan(0, (int)lastStart + 7).ToArray());
        using (var store = OpenAt(dir.Path))
        {
            Assert.True(store.Recovery.TornTailDiscarded);
            store.Write(tx => tx.CreateNode(store, "N", ("i", 4L)));
            PersistenceTests.CopyFilesOfOpenStore(dir.Path, dir.Path + "-copy");
        }
        try
        {
            using var reopened = OpenAt(dir.Path + "-copy");
            Assert.Equal(3, reopened.NodeCount);
            Assert.False(reopened.Recovery.TornTailDiscarded);
        }
        finally
        {
            Directory.Delete(dir.Path + "-copy", recursive: true);
        }
    }
}
