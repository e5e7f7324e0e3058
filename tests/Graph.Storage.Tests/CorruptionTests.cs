using System.Buffers.Binary;
using Graph.Storage.Persistence;

namespace Graph.Storage.Tests;

/// <summary>
/// Damage to the files of a small store, byte by byte: a snapshot holding commits 1-3 and a log holding commits 4-8
/// (the files as a crash leaves them). Every case must end in one of two ways: the store opens with every commit, or
/// it refuses with a message naming the file and the offset and changes no file. Never fewer commits, silently.
/// Every byte of both files is under a checksum before anything is decoded, so these opens run in the test process.
/// </summary>
public sealed class CorruptionTests : IDisposable
{
    private const int Commits = 8;
    private const int InSnapshot = 3;

    private readonly TempDirectory _source = new();
    private readonly TempDirectory _work = new();
    private readonly byte[] _log;
    private readonly byte[] _snapshot;

    public CorruptionTests()
    {
        using (var store = Open(_source.Path))
        {
            store.Write(tx =>
            {
                tx.CreateUniqueConstraint(new ConstraintDefinition("n_commit", store.Label("N"), [store.Key("commit")]));
                tx.CreateIndex(new IndexDefinition("n_text", store.Label("N"), [store.Key("text")], false));
                return 0;
            });
            for (var commit = 2; commit <= Commits; commit++)
            {
                var k = (long)commit;
                store.Write(tx => Commit(store, tx, k));
                if (commit == InSnapshot) store.Checkpoint();
            }
            PersistenceTests.CopyFilesOfOpenStore(_source.Path, _source.Path + "-image");
        }
        _log = File.ReadAllBytes(Path.Combine(_source.Path + "-image", "graph.wal"));
        _snapshot = File.ReadAllBytes(Path.Combine(_source.Path + "-image", "graph.snapshot"));
        Directory.Delete(_source.Path + "-image", recursive: true);
    }

    public void Dispose()
    {
        _source.Dispose();
        _work.Dispose();
    }

    /// <summary>Commit k creates node {commit: k} linked from the previous one, and records k on the first node.</summary>
    private static int Commit(IGraphStore store, StorageTransaction tx, long k)
    {
        var node = tx.CreateNode(store.Labels("N"), store.Props(("commit", k), ("text", $"commit number {k}")));
        var previous = tx.NodesByProperty(store.Label("N"), store.Key("commit"), k - 1).FirstOrDefault(-1);
        if (previous >= 0) tx.CreateRelationship(store.Type("NEXT"), previous, node, store.Props(("k", k)));
        var first = tx.NodesByProperty(store.Label("N"), store.Key("commit"), 2L).First();
        tx.SetNodeProperty(first, store.Key("last"), k);
        return 0;
    }

    private static IGraphStore Open(string directory) =>
        GraphStore.Open(new StoreOptions { Directory = directory, SyncOnCommit = false, WriteLockTimeout = TimeSpan.FromSeconds(5) });

    /// <summary>The commits a store holds, checked for consistency: nodes 2..m, their chain, and "last" = m.</summary>
    private static long CommitsIn(IGraphStore store) => store.Read(tx =>
    {
        int label = store.Tokens.LabelId("N"), commitKey = store.Tokens.PropertyKeyId("commit");
        var commits = tx.NodesWithLabel(label).Select(n => (long)tx.NodeProperty(n, commitKey)!).Order().ToList();
        if (commits.Count == 0) return 1L; // commit 1 made only the schema
        Assert.Equal(Enumerable.Range(2, commits.Count).Select(i => (long)i), commits);
        var last = commits[^1];
        Assert.Equal(last - 2, tx.AllRelationships().Count());
        var first = tx.NodesByProperty(label, commitKey, 2L).Single();
        Assert.Equal(last, tx.NodeProperty(first, store.Tokens.PropertyKeyId("last")));
        return last;
    });

    private string Place(byte[]? log, byte[]? snapshot)
    {
        var directory = Path.Combine(_work.Path, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        if (log is not null) File.WriteAllBytes(Path.Combine(directory, "graph.wal"), log);
        if (snapshot is not null) File.WriteAllBytes(Path.Combine(directory, "graph.snapshot"), snapshot);
        return directory;
    }

    /// <summary>Opens with every commit, or refuses naming the file and an offset without changing a file. Returns the refusal.</summary>
    private static StorageCorruptedException? OpensWholeOrRefuses(string directory, string damagedFile, string what)
    {
        var before = Files(directory);
        try
        {
            using var store = Open(directory);
            Assert.False(store.Recovery.TornTailDiscarded, $"{what}: opened after cutting a tail: {store.Recovery.Message}");
            Assert.True(CommitsIn(store) == Commits, $"{what}: opened with {CommitsIn(store)} of {Commits} commits");
            return null;
        }
        catch (StorageCorruptedException e)
        {
            Assert.True(e.Message.Contains(Path.Combine(directory, damagedFile), StringComparison.Ordinal), $"{what}: the message does not name {damagedFile}: {e.Message}");
            Assert.Matches(@"\bbytes? \d+", e.Message);
            Assert.Equal(before, Files(directory));
            return e;
        }
    }

    private static Dictionary<string, string> Files(string directory) =>
        Directory.GetFiles(directory).Where(f => Path.GetFileName(f) != "LOCK")
            .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    /// <summary>Record offsets of the intact log (after its 24-byte file header).</summary>
    private List<(long Start, int Length)> Records()
    {
        var records = new List<(long, int)>();
        for (long at = WriteAheadLog.FileHeaderSize; at < _log.Length;)
        {
            var length = WriteAheadLog.RecordHeaderSize + (int)BinaryPrimitives.ReadUInt32LittleEndian(_log.AsSpan((int)at + 4)) + WriteAheadLog.TrailerSize;
            records.Add((at, length));
            at += length;
        }
        return records;
    }

    /// <summary>Bytes of the log to damage: its whole header, and in every record each header byte, payload bytes and the end marker.</summary>
    private List<long> LogPositions()
    {
        var positions = Enumerable.Range(0, WriteAheadLog.FileHeaderSize).Select(i => (long)i).ToList();
        foreach (var (start, length) in Records())
        {
            for (var i = 0; i < WriteAheadLog.RecordHeaderSize; i++) positions.Add(start + i);
            var payload = start + WriteAheadLog.RecordHeaderSize;
            var payloadLength = length - WriteAheadLog.RecordHeaderSize - WriteAheadLog.TrailerSize;
            foreach (var offset in new[] { 0, 1, 8, payloadLength / 2, payloadLength - 1 }) positions.Add(payload + offset);
            for (var i = 0; i < WriteAheadLog.TrailerSize; i++) positions.Add(start + length - WriteAheadLog.TrailerSize + i);
        }
        return positions;
    }

    private static byte[] Flip(byte[] bytes, long position, int round)
    {
        var damaged = (byte[])bytes.Clone();
        damaged[position] ^= (byte)((round % 3) switch { 0 => 0x01, 1 => 0x80, _ => 0xFF });
        return damaged;
    }

    [Fact]
    public void The_intact_files_open_with_every_commit()
    {
        Assert.Equal(5, Records().Count);
        using var store = Open(Place(_log, _snapshot));
        Assert.Equal(Commits, CommitsIn(store));
        Assert.Equal(Commits - InSnapshot, store.Recovery.CommittedTransactionsReplayed);
    }

    [Fact]
    public void A_flipped_byte_anywhere_in_the_log_opens_whole_or_is_refused_and_repair_cuts_exactly_at_the_damage()
    {
        var positions = LogPositions();
        Assert.InRange(positions.Count, 100, 200); // bounded
        var refused = 0;
        for (var i = 0; i < positions.Count; i++)
        {
            var damaged = Flip(_log, positions[i], i);
            var directory = Place(damaged, _snapshot);
            var what = $"log byte {positions[i]}";
            if (OpensWholeOrRefuses(directory, "graph.wal", what) is null) continue;
            refused++;

            // Repair keeps the damaged files and cuts at the last good commit; what it says it lost is what is gone.
            var report = StoreRepair.Run(directory, new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc));
            Assert.True(report.Outcome == RepairOutcome.Repaired, $"{what}: {string.Join(" ", report.Lines)}");
            Assert.Equal(damaged, File.ReadAllBytes(Path.Combine(report.BackupDirectory!, "graph.wal")));
            Assert.Equal(_snapshot, File.ReadAllBytes(Path.Combine(report.BackupDirectory!, "graph.snapshot")));
            using var store = Open(directory);
            Assert.False(store.Recovery.TornTailDiscarded);
            Assert.True(Commits - report.LostCommits == CommitsIn(store), $"{what}: {string.Join(" ", report.Lines)}");
        }
        // Every byte of the log is under a checksum: no flip goes unnoticed.
        Assert.Equal(positions.Count, refused);
    }

    [Fact]
    public void A_flipped_byte_anywhere_in_the_snapshot_is_refused_and_repair_refuses_too()
    {
        var end = _snapshot.Length;
        var positions = new List<long> { 0, 1, 2, 3 };                                // magic
        for (var i = 4; i < 4 + BlockWriteStream.BlockHeaderSize; i++) positions.Add(i); // first block's header
        foreach (var fraction in new[] { 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9 }) positions.Add((long)(12 + (end - 20) * fraction));
        for (var i = end - BlockWriteStream.BlockHeaderSize - 3; i < end; i++) positions.Add(i); // last content bytes, end block
        for (var i = 0; i < positions.Count; i++)
        {
            var damaged = Flip(_snapshot, positions[i], i);
            var directory = Place(_log, damaged);
            var error = OpensWholeOrRefuses(directory, "graph.snapshot", $"snapshot byte {positions[i]}");
            Assert.True(error is not null, $"snapshot byte {positions[i]} of {end}");
            Assert.Contains("Restore graph.snapshot", error.Message); // the log starts at commit 3: it cannot rebuild it
            var before = Files(directory);
            var report = StoreRepair.Run(directory, DateTime.UtcNow);
            Assert.Equal(RepairOutcome.CannotRepair, report.Outcome);
            Assert.Equal(before, Files(directory));
        }
    }

    [Fact]
    public void A_deleted_snapshot_beside_a_log_that_continues_from_it_is_refused()
    {
        foreach (var log in new[] { _log, _log[..WriteAheadLog.FileHeaderSize] }) // with records, and with its header only
        {
            var directory = Place(log, snapshot: null);
            var error = OpensWholeOrRefuses(directory, "graph.wal", "no snapshot");
            Assert.NotNull(error);
            Assert.Contains($"{Path.Combine(directory, "graph.snapshot")} is missing, but {Path.Combine(directory, "graph.wal")} continues from commit {InSnapshot}", error.Message);
            Assert.False(File.Exists(Path.Combine(directory, "graph.snapshot")));
            Assert.Equal(RepairOutcome.CannotRepair, StoreRepair.Run(directory, DateTime.UtcNow).Outcome);
        }
    }

    [Fact]
    public void An_older_snapshot_put_back_beside_a_newer_log_is_refused()
    {
        using var old = new TempDirectory();
        using (var store = Open(old.Path))
        {
            store.Write(tx => { tx.CreateUniqueConstraint(new ConstraintDefinition("n_commit", store.Label("N"), [store.Key("commit")])); return 0; });
            store.Write(tx => Commit(store, tx, 2));
        } // a snapshot at commit 2, where the log continues from commit 3
        var directory = Place(_log, File.ReadAllBytes(Path.Combine(old.Path, "graph.snapshot")));
        var error = OpensWholeOrRefuses(directory, "graph.wal", "old snapshot");
        Assert.Contains("holds commits up to 2 only: commit 3 is in no file here", error!.Message);
    }

    [Fact]
    public void A_log_cut_at_every_record_boundary_opens_with_the_commits_before_it_and_a_cut_inside_a_record_is_reported()
    {
        var records = Records();
        for (var r = 0; r <= records.Count; r++)
        {
            var boundary = r < records.Count ? records[r].Start : _log.Length;
            // At the boundary the log simply ends there (a shorter log is indistinguishable from fewer commits).
            using (var store = Open(Place(_log[..(int)boundary], _snapshot)))
            {
                Assert.Equal(InSnapshot + r, CommitsIn(store));
                Assert.False(store.Recovery.TornTailDiscarded);
            }
            if (r == records.Count) break;
            // Inside the next record: an interrupted write, cut and reported, never acknowledged.
            foreach (var into in new[] { 1, WriteAheadLog.RecordHeaderSize - 1, WriteAheadLog.RecordHeaderSize, records[r].Length - 1 })
            {
                using var store = Open(Place(_log[..(int)(boundary + into)], _snapshot));
                Assert.Equal(InSnapshot + r, CommitsIn(store));
                Assert.True(store.Recovery.TornTailDiscarded);
                Assert.Contains($"{into} bytes from byte {boundary}", store.Recovery.Message);
                Assert.Equal(into, store.Recovery.DiscardedBytes);
            }
        }
    }

    [Fact]
    public void A_record_whose_header_was_never_written_is_an_interrupted_write_at_the_end_but_damage_before_a_valid_record()
    {
        var records = Records();
        var (lastStart, lastLength) = records[^1];
        // The append protocol writes the header last: a crash can leave the payload with a zero header.
        var torn = (byte[])_log.Clone();
        Array.Clear(torn, (int)lastStart, WriteAheadLog.RecordHeaderSize);
        using (var store = Open(Place(torn, _snapshot)))
        {
            Assert.Equal(Commits - 1, CommitsIn(store));
            Assert.True(store.Recovery.TornTailDiscarded);
            Assert.Contains("never written", store.Recovery.Message);
            Assert.Equal(lastLength, store.Recovery.DiscardedBytes);
        }
        // The same zeros in the middle, with valid records after them, cannot come from a crash.
        var (middleStart, _) = records[2];
        var middle = (byte[])_log.Clone();
        Array.Clear(middle, (int)middleStart, WriteAheadLog.RecordHeaderSize);
        var error = OpensWholeOrRefuses(Place(middle, _snapshot), "graph.wal", "zeroed middle header");
        Assert.Contains($"damaged at byte {middleStart}", error!.Message);
        Assert.Contains($"a valid record (commit {InSnapshot + 4}) follows at byte {records[3].Start}", error.Message);
        Assert.Contains($"The last good commit is {InSnapshot + 2}", error.Message);
        Assert.Contains($"commits {InSnapshot + 3}-{Commits} (3 commits)", error.Message);
    }

    [Fact]
    public void Check_reports_damage_without_changing_a_file_and_is_clean_on_intact_files()
    {
        var intact = Place(_log, _snapshot);
        var healthy = StoreCheck.Run(intact);
        Assert.True(healthy.Healthy, string.Join("\n", healthy.Findings));
        Assert.Contains(healthy.Facts, f => f.Contains("store at commit 8", StringComparison.Ordinal));

        var (start, _) = Records()[1];
        var damaged = Place(Flip(_log, start + 20, 0), _snapshot);
        var before = Files(damaged);
        var report = StoreCheck.Run(damaged);
        Assert.False(report.Healthy);
        Assert.Contains(report.Findings, f => f.Contains($"damaged at byte {start}", StringComparison.Ordinal));
        Assert.Equal(before, Files(damaged));

        var torn = Place(_log[..^3], _snapshot);
        var tornReport = StoreCheck.Run(torn);
        Assert.Contains(tornReport.Findings, f => f.Contains("interrupted write", StringComparison.Ordinal));
        Assert.Equal(_log.Length - 3, new FileInfo(Path.Combine(torn, "graph.wal")).Length); // check cuts nothing
    }

    [Fact]
    public void Check_finds_records_that_disagree_with_the_indexes_and_adjacency()
    {
        var directory = Place(_log, _snapshot);
        using (var store = (GraphStore)Open(directory))
        {
            var data = store.Data;
            // Break the in-memory image the way a bug would, then verify it.
            var problems = new List<string>();
            var node = data.NodeHead(0)!;
            node.Groups = [];                                  // node 0 forgets its relationships
            node.Properties = [new(store.Tokens.PropertyKeyId("commit"), 3L)]; // now shares commit 3 with another node
            data.Verify(store.Tokens, problems.Add);
            Assert.Contains(problems, p => p.Contains("missing from the adjacency of its start node 0", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("constraint 'n_commit' is violated", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("index 'n_commit' does not list node 0", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_damaged_snapshot_is_rebuilt_from_a_log_that_holds_the_whole_history()
    {
        using var dir = new TempDirectory();
        using (var store = Open(dir.Path))
        {
            store.Write(tx => { tx.CreateUniqueConstraint(new ConstraintDefinition("n_commit", store.Label("N"), [store.Key("commit")])); return 0; });
            for (var k = 2L; k <= 4; k++) store.Write(tx => Commit(store, tx, k));
            PersistenceTests.CopyFilesOfOpenStore(dir.Path, dir.Path + "-image");
        }
        try
        {
            var image = dir.Path + "-image";
            var log = File.ReadAllBytes(Path.Combine(image, "graph.wal")); // base 0: every commit since the beginning
            var snapshot = File.ReadAllBytes(Path.Combine(dir.Path, "graph.snapshot"));
            var directory = Place(log, Flip(snapshot, snapshot.Length / 2, 0));
            var error = OpensWholeOrRefuses(directory, "graph.snapshot", "snapshot with whole log");
            Assert.Contains("rebuild the store from the log, losing nothing", error!.Message);
            var report = StoreRepair.Run(directory, DateTime.UtcNow);
            Assert.Equal(RepairOutcome.Repaired, report.Outcome);
            Assert.Equal(0, report.LostCommits);
            Assert.False(File.Exists(Path.Combine(directory, "graph.snapshot")));
            using var store = Open(directory);
            Assert.Equal(4, CommitsIn(store));
        }
        finally
        {
            Directory.Delete(dir.Path + "-image", recursive: true);
        }
    }

    [Fact]
    public void Files_of_format_1_are_read_and_rewritten_in_format_2()
    {
        // Format 1: no log file header, 12-byte record headers; a snapshot with one CRC over the whole file.
        var legacyLog = new List<byte>();
        foreach (var (start, length) in Records())
        {
            var payload = _log.AsSpan((int)start + WriteAheadLog.RecordHeaderSize, length - WriteAheadLog.RecordHeaderSize - WriteAheadLog.TrailerSize);
            var header = new byte[WriteAheadLog.LegacyRecordHeaderSize];
            BinaryPrimitives.WriteUInt32LittleEndian(header, WriteAheadLog.LegacyRecordMagic);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)payload.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), Crc32C.Compute(payload));
            legacyLog.AddRange(header);
            legacyLog.AddRange(payload.ToArray());
            legacyLog.AddRange(BitConverter.GetBytes(WriteAheadLog.EndMarker));
        }
        var content = new MemoryStream();
        using (var blocks = new BlockReadStream(new MemoryStream(_snapshot[4..]))) blocks.CopyTo(content);
        var legacySnapshot = BitConverter.GetBytes(0x314E5347u).Concat(content.ToArray()).ToList(); // "GSN1"
        legacySnapshot.AddRange(BitConverter.GetBytes(Crc32C.Compute(legacySnapshot.ToArray())));

        var directory = Place(legacyLog.ToArray(), legacySnapshot.ToArray());
        using (var store = Open(directory)) Assert.Equal(Commits, CommitsIn(store));
        var log = File.ReadAllBytes(Path.Combine(directory, "graph.wal"));
        Assert.Equal(WriteAheadLog.FileMagic, BinaryPrimitives.ReadUInt32LittleEndian(log));
        using var again = Open(directory);
        Assert.Equal(Commits, CommitsIn(again));
    }
}
