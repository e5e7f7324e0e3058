using Graph.Storage.Persistence;
using Graph.Storage.Records;
using Graph.Storage.Transactions;

namespace Graph.Storage;

/// <summary>
/// The embedded store. Isolation is multi-version: each commit publishes new immutable record versions
/// stamped with its version number; a read transaction sees the versions up to the one current when it
/// began, so it never observes uncommitted or half-applied changes and never blocks a writer.
/// Writers are serialized by one write lock and work on an overlay that is applied at commit.
/// With a directory, every commit is first appended to the write-ahead log (see <see cref="WriteAheadLog"/>);
/// snapshots (<see cref="SnapshotFile"/>) bound the log, and recovery replays the log over the last snapshot.
/// </summary>
public sealed class GraphStore : IGraphStore
{
    internal const string SnapshotFileName = "graph.snapshot";
    internal const string LogFileName = "graph.wal";
    internal const string LockFileName = "LOCK";

    private readonly StoreOptions _options;
    private readonly GraphData _data = new();
    private readonly Tokens _tokens = new();
    private readonly WriteLock _writeLock = new();
    // The versions open read transactions read (replaced once the directory's state is loaded, before anyone reads).
    private ReaderRegistry _readers = new(0, Schema.Empty);
    private FileStream? _lockFile;
    private WriteAheadLog? _log;
    private bool _disposed;

    private GraphStore(StoreOptions options)
    {
        _options = options;
        Recovery = new RecoveryReport(0, false, null);
    }

    /// <summary>How many writers wait for the write lock now (tests use it to know a waiter has queued).</summary>
    internal int WritersWaiting => _writeLock.Waiting;

    /// <summary>Opens the database in options.Directory (created when missing), or an empty in-memory one when it is null.</summary>
    public static IGraphStore Open(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var store = new GraphStore(options);
        if (options.Directory is null) return store;
        try
        {
            store.OpenDirectory(options.Directory);
            store._readers = new ReaderRegistry(store._data.Version, store._data.Schema);
            return store;
        }
        catch
        {
            store.CloseFiles();
            throw;
        }
    }

    public TokenRegistry Tokens => _tokens;
    public RecoveryReport Recovery { get; private set; }
    public long NodeCount => Interlocked.Read(ref _data.NodeCount);
    public long RelationshipCount => Interlocked.Read(ref _data.RelationshipCount);
    public long CountNodesWithLabel(int label) => _data.CountNodesWithLabel(label);

    /// <summary>The committed state, for tests that look at index internals.</summary>
    internal GraphData Data => _data;

    private string SnapshotPath => Path.Combine(_options.Directory!, SnapshotFileName);
    private string LogPath => Path.Combine(_options.Directory!, LogFileName);

    // ------------------------------------------------------------------ transactions

    public StorageTransaction BeginTransaction(bool write, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // A write transaction takes its snapshot at its first read and the write lock at its first write
        // (see Transaction), so an idle or abandoned one holds nothing.
        if (write) return new Transaction(this, _data, write: true, null) { WriteLockCancellation = cancellationToken };
        return new Transaction(this, _data, write: false, _readers.Enter());
    }

    /// <summary>A write transaction's first read: it reads the latest committed version from now on, until it writes.</summary>
    internal void TakeSnapshot(Transaction transaction) => transaction.ReadAt(_readers.Enter());

    /// <summary>The oldest version an open transaction reads, long.MaxValue when none (for tests).</summary>
    internal long OldestOpenReader => _readers.OldestOpenReader();

    private void AcquireWriteLock(CancellationToken cancellationToken)
    {
        if (!_writeLock.TryEnter(_options.WriteLockTimeout, cancellationToken))
            throw new TransientStorageException(
                $"Another write transaction kept the write lock for longer than {_options.WriteLockTimeout.TotalSeconds:0.###} s; retry later.");
    }

    /// <summary>
    /// A write transaction's first write: waits in line for the write lock. If the transaction read an older version
    /// than the latest, it is refused (its reads may be stale); otherwise it stops being a reader of its snapshot.
    /// </summary>
    internal void EnterWriteLock(Transaction transaction)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        AcquireWriteLock(transaction.WriteLockCancellation);
        if (_disposed)
        {
            _writeLock.Exit();
            throw new ObjectDisposedException(nameof(GraphStore), "The store was closed while this transaction waited to write.");
        }
        if (transaction.Epoch is not { } epoch) return;
        if (transaction.SnapshotVersion != _data.Version)
        {
            var read = transaction.SnapshotVersion;
            _writeLock.Exit();
            throw new TransactionOutdatedException(
                $"This transaction read the database as of commit {read}, and {_data.Version - read} newer commit(s) were made before its first write; " +
                "writing on what it read could undo them. Roll it back and run it again (read-modify-write transactions are retried like this).");
        }
        ReaderRegistry.Leave(epoch);
    }

    /// <summary>A write transaction undid everything it wrote: it reads the latest version and gives the lock to the next writer.</summary>
    internal void ExitWriteLock(Transaction transaction, bool keepSnapshot)
    {
        // What it read (under the lock or before) is current now; a later commit makes it stale, which its next first
        // write must notice. A transaction that never read takes a fresh snapshot at its next read instead.
        if (keepSnapshot) TakeSnapshot(transaction);
        _writeLock.Exit();
    }

    /// <summary>Called once when a transaction commits, rolls back or is disposed.</summary>
    internal void TransactionClosed(Transaction transaction)
    {
        if (transaction.HoldsWriteLock)
        {
            _writeLock.Exit();
            return;
        }
        if (transaction.Epoch is { } epoch) ReaderRegistry.Leave(epoch);
    }

    /// <summary>Makes a batch durable, then visible. Called by the write transaction, which holds the write lock.</summary>
    internal void Commit(Transaction transaction, CommitBatch batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!batch.HasDataOrSchema) return;
        batch.Version = _data.Version + 1;
        batch.Tokens = _tokens.Unlogged(out var tokensUpTo);
        // Durable first: if the log write fails, nothing becomes visible and the commit fails.
        var log = _log;
        if (_options.Directory is not null && log is null)
            throw new ObjectDisposedException(nameof(GraphStore), "The store was closed before this transaction could commit.");
        log?.Append(batch);
        _tokens.MarkLogged(tokensUpTo);
        // No reader registers while the batch is applied (a commit may change records in place when none is open).
        var oldest = _readers.StopAdmitting();
        try
        {
            _data.Apply(batch, oldest);
        }
        finally
        {
            _readers.Admit(_data.Version, _data.Schema);
        }
        if (log is not null && log.Length > _options.SnapshotThresholdBytes)
        {
            try
            {
                WriteSnapshot();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The commit is already durable in the log; the next checkpoint tries again.
            }
        }
    }

    // ------------------------------------------------------------------ persistence

    private void OpenDirectory(string directory)
    {
        Directory.CreateDirectory(directory);
        _lockFile = LockDirectory(directory);
        // Leftovers of an interrupted checkpoint: the renames that would have used them never happened.
        foreach (var temp in new[] { SnapshotPath + ".tmp", LogPath + ".tmp" })
            if (File.Exists(temp)) File.Delete(temp);

        var diagnosis = StoreDiagnosis.Load(directory, _data, _tokens);
        if (diagnosis.Refusal() is { } refusal) throw new StorageCorruptedException(refusal);
        string? message = null;
        long discarded = 0;
        if (diagnosis.Log is not { IsEmpty: false } log)
        {
            _log = WriteAheadLog.Create(LogPath, _data.Version, _options.SyncOnCommit);
        }
        else
        {
            if (diagnosis.TornTail() is { } torn)
            {
                using (var cut = WriteAheadLog.Open(LogPath, syncOnCommit: true)) cut.Truncate(torn.CutAt);
                message = torn.Message;
                discarded = torn.Bytes;
            }
            if (log.Legacy) WriteSnapshot(); // rewrites the log in the current format
            else _log = WriteAheadLog.Open(LogPath, _options.SyncOnCommit);
        }
        Recovery = new RecoveryReport(diagnosis.Replayed, message is not null, message)
        {
            LastCommit = _data.Version,
            DiscardedBytes = discarded,
        };
    }

    /// <summary>Holds the directory's LOCK file open exclusively: a second process (or store) gets a clear error.</summary>
    internal static FileStream LockDirectory(string directory)
    {
        var lockPath = Path.Combine(directory, LockFileName);
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException(
                $"The database '{Path.GetFullPath(directory)}' is already open in another process (or another store in this one); close it first. Lock file: {lockPath}", e);
        }
    }

    public void Checkpoint()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_log is null) return;
        AcquireWriteLock(CancellationToken.None);
        try
        {
            WriteSnapshot();
        }
        finally
        {
            _writeLock.Exit();
        }
    }

    /// <summary>
    /// Snapshot of the committed head, then a new empty log continuing from it. The caller holds the write lock (or
    /// is opening the store), so no commit interleaves. Both files are replaced by rename: a crash leaves the old
    /// snapshot with the old log, or the new snapshot with the old log (whose records it already holds, so recovery
    /// skips them), or both new.
    /// </summary>
    private void WriteSnapshot()
    {
        var tokens = SnapshotFile.Write(SnapshotPath, _data, _tokens);
        _tokens.MarkLogged(tokens);
        var log = WriteAheadLog.Create(LogPath, _data.Version, _options.SyncOnCommit);
        _log?.Dispose();
        _log = log;
    }

    public void Dispose()
    {
        if (_disposed) return;
        // A write transaction left open must not hang shutdown for long: without the lock we skip the
        // snapshot (the log already holds every commit) and close the files.
        var wait = _options.WriteLockTimeout < TimeSpan.FromSeconds(5) ? _options.WriteLockTimeout : TimeSpan.FromSeconds(5);
        if (_log is not null && _writeLock.TryEnter(wait, CancellationToken.None))
        {
            try
            {
                if (_log.Length > WriteAheadLog.FileHeaderSize || !File.Exists(SnapshotPath)) WriteSnapshot();
            }
            catch (IOException)
            {
                // The log still holds every commit; the next open replays it.
            }
            finally
            {
                _disposed = true;
                _writeLock.Exit();
            }
        }
        _disposed = true;
        CloseFiles();
    }

    private void CloseFiles()
    {
        _log?.Dispose();
        _log = null;
        _lockFile?.Dispose();
        _lockFile = null;
    }
}
