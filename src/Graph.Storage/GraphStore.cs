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
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    // Snapshot versions of open read transactions (version -> count), guarded by _registryLock.
    private readonly object _registryLock = new();
    private readonly Dictionary<long, int> _readers = new();
    private FileStream? _lockFile;
    private WriteAheadLog? _log;
    private bool _disposed;

    private GraphStore(StoreOptions options)
    {
        _options = options;
        Recovery = new RecoveryReport(0, false, null);
    }

    /// <summary>Opens the database in options.Directory (created when missing), or an empty in-memory one when it is null.</summary>
    public static IGraphStore Open(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var store = new GraphStore(options);
        if (options.Directory is null) return store;
        try
        {
            store.OpenDirectory(options.Directory);
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

    // ------------------------------------------------------------------ transactions

    public StorageTransaction BeginTransaction(bool write, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (write)
        {
            AcquireWriteLock(cancellationToken);
            try
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return new Transaction(this, _data, write: true, _data.Version, _data.Schema);
            }
            catch
            {
                _writeLock.Release();
                throw;
            }
        }
        lock (_registryLock)
        {
            var version = _data.Version;
            _readers[version] = _readers.TryGetValue(version, out var count) ? count + 1 : 1;
            return new Transaction(this, _data, write: false, version, _data.Schema);
        }
    }

    private void AcquireWriteLock(CancellationToken cancellationToken)
    {
        if (!_writeLock.Wait(_options.WriteLockTimeout, cancellationToken))
            throw new TransientStorageException(
                $"Another write transaction kept the write lock for longer than {_options.WriteLockTimeout.TotalSeconds:0.###} s; retry later.");
    }

    /// <summary>Called once when a transaction commits, rolls back or is disposed.</summary>
    internal void TransactionClosed(Transaction transaction)
    {
        if (transaction.IsWrite)
        {
            _writeLock.Release();
            return;
        }
        lock (_registryLock)
        {
            var version = transaction.SnapshotVersion;
            if (_readers[version] == 1) _readers.Remove(version);
            else _readers[version]--;
        }
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
        lock (_registryLock)
        {
            var oldest = long.MaxValue;
            foreach (var version in _readers.Keys)
                if (version < oldest) oldest = version;
            _data.Apply(batch, oldest);
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
        var lockPath = Path.Combine(directory, LockFileName);
        try
        {
            _lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException(
                $"The database '{Path.GetFullPath(directory)}' is already open in another process (or another store in this one); close it first. Lock file: {lockPath}", e);
        }

        if (File.Exists(SnapshotPath)) SnapshotFile.Read(SnapshotPath, _data, _tokens);
        if (File.Exists(SnapshotPath + ".tmp")) File.Delete(SnapshotPath + ".tmp"); // an interrupted checkpoint

        var logPath = Path.Combine(directory, LogFileName);
        var newLog = !File.Exists(logPath);
        _log = WriteAheadLog.Open(logPath, _options.SyncOnCommit);
        if (newLog) DirectorySync.Flush(directory); // the log's directory entry must survive a crash too
        long replayed = 0;
        var (validLength, problem) = _log.Replay(batch =>
        {
            if (batch.Version <= _data.Version) return null; // already in the snapshot
            if (batch.Version != _data.Version + 1)
                return $"a record for commit {batch.Version} where commit {_data.Version + 1} was expected";
            foreach (var token in batch.Tokens) _tokens.Restore(token);
            _data.Apply(batch, long.MaxValue);
            replayed++;
            return null;
        });
        string? message = null;
        if (problem is not null)
        {
            var discarded = _log.Length - validLength;
            _log.Truncate(validLength);
            message = $"Recovery found {problem} at byte {validLength} of {logPath} and discarded the last {discarded} bytes of the log: " +
                      $"normally a commit interrupted by a crash before it was acknowledged. {replayed} committed transactions were replayed.";
        }
        Recovery = new RecoveryReport(replayed, problem is not null, message);
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
            _writeLock.Release();
        }
    }

    /// <summary>Snapshot of the committed head, then an empty log. Caller holds the write lock, so no commit interleaves.</summary>
    private void WriteSnapshot()
    {
        var tokens = SnapshotFile.Write(SnapshotPath, _data, _tokens);
        _tokens.MarkLogged(tokens);
        // If we crash before this, recovery skips the log records the snapshot already contains.
        _log!.Truncate();
    }

    public void Dispose()
    {
        if (_disposed) return;
        // A write transaction left open must not hang shutdown for long: without the lock we skip the
        // snapshot (the log already holds every commit) and close the files.
        var wait = _options.WriteLockTimeout < TimeSpan.FromSeconds(5) ? _options.WriteLockTimeout : TimeSpan.FromSeconds(5);
        if (_log is not null && _writeLock.Wait(wait))
        {
            try
            {
                if (_log.Length > 0 || !File.Exists(SnapshotPath)) WriteSnapshot();
            }
            catch (IOException)
            {
                // The log still holds every commit; the next open replays it.
            }
            finally
            {
                _disposed = true;
                _writeLock.Release();
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
