using Graph.Storage.Records;
using Graph.Storage.Transactions;

namespace Graph.Storage;

/// <summary>
/// The embedded store. Isolation is multi-version: each commit publishes new immutable record versions
/// stamped with its version number; a read transaction sees the versions up to the one current when it
/// began, so it never observes uncommitted or half-applied changes and never blocks a writer.
/// Writers are serialized by one write lock and work on an overlay that is applied at commit.
/// </summary>
public sealed class GraphStore : IGraphStore
{
    private readonly StoreOptions _options;
    private readonly GraphData _data = new();
    private readonly Tokens _tokens = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    // Snapshot versions of open read transactions (version -> count), guarded by _registryLock.
    private readonly object _registryLock = new();
    private readonly Dictionary<long, int> _readers = new();
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
        return new GraphStore(options);
    }

    public TokenRegistry Tokens => _tokens;
    internal Tokens TokenTable => _tokens;
    public RecoveryReport Recovery { get; private set; }
    public long NodeCount => Interlocked.Read(ref _data.NodeCount);
    public long RelationshipCount => Interlocked.Read(ref _data.RelationshipCount);
    public long CountNodesWithLabel(int label) => _data.CountNodesWithLabel(label);

    public StorageTransaction BeginTransaction(bool write, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (write)
        {
            if (!_writeLock.Wait(_options.WriteLockTimeout, cancellationToken))
                throw new TransientStorageException(
                    $"Another write transaction kept the write lock for longer than {_options.WriteLockTimeout.TotalSeconds:0.#} s; retry later.");
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
        if (!batch.HasDataOrSchema) return;
        batch.Version = _data.Version + 1;
        batch.Tokens = _tokens.Unlogged(out var tokensUpTo);
        _tokens.MarkLogged(tokensUpTo);
        lock (_registryLock)
        {
            var oldest = long.MaxValue;
            foreach (var version in _readers.Keys)
                if (version < oldest) oldest = version;
            _data.Apply(batch, oldest);
        }
    }

    public void Checkpoint()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
    }
}
