using System.Diagnostics;
using Graph.Client;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Errors;
using Graph.Engine.Planning;
using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Driver;

/// <summary>A session: auto-commit statements, or one explicit transaction at a time.</summary>
internal sealed class EmbeddedSession(EmbeddedDriver driver, SessionConfig config) : IAsyncSession
{
    private static long _bookmarkCounter;
    private EmbeddedTransaction? _transaction;
    private EmbeddedResultCursor? _cursor;
    private IReadOnlyList<string> _lastBookmarks = [];

    public SessionConfig Config { get; } = config;

    public IReadOnlyList<string> LastBookmarks => _lastBookmarks;

    internal EmbeddedDriver Driver => driver;

    /// <summary>The statements this session ran last (explicit transactions' included): a repeated one is not looked up in the shared cache.</summary>
    internal RecentStatements Recent { get; } = new();

    // Where RunAsync collects a result's records (its explicit transactions' too), kept for the next statement: taken
    // and given back atomically, so a session misused from two threads at once never collects two results in one.
    private ResultRecordBuffer? _resultRecords = new();

    /// <summary>Runs <paramref name="cursor"/>'s statement to its end and returns its whole result (RunAsync).</summary>
    internal QueryResult Collect(EmbeddedResultCursor cursor)
    {
        var buffer = Interlocked.Exchange(ref _resultRecords, null) ?? new ResultRecordBuffer();
        try
        {
            return cursor.ToResult(buffer);
        }
        finally
        {
            Volatile.Write(ref _resultRecords, buffer);
        }
    }

    // The owner (and through it the cursor and context) of this session's last finished RunAsync statement, for the next
    // one to reuse: taken and given back atomically, so a session misused from two threads never shares one.
    private AutoCommit? _spareRun;

    public Task<QueryResult> RunAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default)
    {
        var cursor = Start(query, parameters, cancellationToken, toEnd: true);
        try
        {
            return Task.FromResult(Collect(cursor));
        }
        finally
        {
            // ToResult ran the statement to its end (or its failure): the cursor is closed, and it was never handed out
            if (cursor.Owner is AutoCommit owner && cursor.CanRestart)
            {
                cursor.Release();
                owner.Release();
                Volatile.Write(ref _spareRun, owner);
            }
        }
    }

    public Task<IResultCursor> StreamAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IResultCursor>(Start(query, parameters, cancellationToken, toEnd: false));

    /// <summary>
    /// Runs an auto-commit statement under PROFILE and returns, besides its result, the plan it ran and what each of
    /// its operators did in this execution (tests read per-execution counters such as index seeks there).
    /// </summary>
    internal ProfiledRun RunProfiled(string query, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        var cursor = Start("PROFILE " + query, parameters, CancellationToken.None, toEnd: true);
        var result = Collect(cursor);
        return new ProfiledRun(result, cursor.Statement, cursor.Profile!);
    }

    /// <summary>Starts an auto-commit statement in a transaction of its own, committed when the statement ends.</summary>
    /// <param name="toEnd">The caller runs the statement to its end before it returns (RunAsync).</param>
    private EmbeddedResultCursor Start(string query, IReadOnlyDictionary<string, object?>? parameters, CancellationToken cancellationToken, bool toEnd)
    {
        driver.ThrowIfDisposed();
        if (_transaction is { IsOpen: true })
            throw new ClientException(Neo4jStatus.InvalidRequest,
                "This session has an open transaction; run the statement in it (or commit/roll it back first).");
        _cursor?.BufferRemaining();
        cancellationToken.ThrowIfCancellationRequested();
        var statement = driver.Compile(query, Recent);
        CheckAccess(statement, Config.AccessMode);
        var started = Stopwatch.GetTimestamp();
        var deadline = Deadline.Start(null, driver.Options, started);
        // An auto-commit write takes the write lock before it reads: concurrent ones then wait in line instead of
        // failing as outdated (their reads are never older than the latest commit).
        var write = statement.IsWrite || statement.IsSchema;
        var tx = Begin(write, lockNow: write, cancellationToken);
        // only RunAsync's cursor is reused: it is never handed out (a streamed one is the caller's)
        if (toEnd && statement.Mode != ExecutionMode.Profile && Interlocked.Exchange(ref _spareRun, null) is { Cursor: { } spare } owner)
        {
            owner.Tx = tx;
            _cursor = spare;
            spare.Restart(statement, tx, driver.Store.Tokens, parameters, driver.Options, owner, cancellationToken, deadline, Config, started, borrowParameters: true);
            return spare;
        }
        var newOwner = new AutoCommit(this) { Tx = tx };
        return newOwner.Cursor = _cursor = new EmbeddedResultCursor(statement, tx, driver.Store.Tokens, parameters, driver.Options,
            newOwner, cancellationToken, deadline, Config, started, borrowParameters: toEnd);
    }

    private StorageTransaction Begin(bool write, bool lockNow, CancellationToken cancellationToken)
    {
        StorageTransaction? tx = null;
        try
        {
            tx = driver.Store.BeginTransaction(write, cancellationToken);
            if (lockNow) tx.LockForWriting();
            return tx;
        }
        catch (Exception e)
        {
            tx?.Dispose();
            throw EngineErrors.ToGraphException(e);
        }
    }

    /// <summary>Read sessions reject statements that write, before anything runs.</summary>
    internal static void CheckAccess(CompiledStatement statement, AccessMode mode)
    {
        if (mode == AccessMode.Read && (statement.IsWrite || statement.IsSchema))
            throw new ClientException(Neo4jStatus.AccessMode,
                "Writing in a read access mode session is not allowed: the statement creates, updates or deletes data or schema. Use a write session.")
            { Phase = ErrorPhase.CompileTime };
    }

    public Task<IAsyncTransaction> BeginTransactionAsync(TransactionConfig? config = null, CancellationToken cancellationToken = default)
    {
        driver.ThrowIfDisposed();
        if (_transaction is { IsOpen: true })
            throw new ClientException(Neo4jStatus.InvalidRequest, "This session already has an open transaction; commit or roll it back first.");
        _cursor?.BufferRemaining();
        // Takes no lock and no snapshot: the snapshot comes with the first read, the write lock with the first write.
        var tx = Begin(Config.AccessMode == AccessMode.Write, lockNow: false, CancellationToken.None);
        Runtime.Temporal.TemporalClock.TransactionStarted(tx); // datetime.transaction() reads when the transaction began
        _transaction = new EmbeddedTransaction(this, tx, Deadline.Start(config?.Timeout, driver.Options));
        return Task.FromResult<IAsyncTransaction>(_transaction);
    }

    internal void Committed(bool wrote)
    {
        if (wrote) _lastBookmarks = ["embedded:" + Interlocked.Increment(ref _bookmarkCounter)];
    }

    public async ValueTask DisposeAsync()
    {
        if (_cursor is { } cursor) await cursor.DisposeAsync().ConfigureAwait(false);
        if (_transaction is { IsOpen: true }) await _transaction.RollbackAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// One auto-commit statement: commits when it ends, rolls back when it fails. Owns its cursor, for the session's
    /// next RunAsync statement to reuse both once this one is closed.
    /// </summary>
    private sealed class AutoCommit(EmbeddedSession session) : ICursorOwner
    {
        /// <summary>The statement's transaction (null while the owner is kept for reuse).</summary>
        public StorageTransaction Tx { get; set; } = null!;

        public EmbeddedResultCursor? Cursor { get; set; }

        public void Release() => Tx = null!;

        public string? OnCompleted(CompiledStatement statement)
        {
            var tx = Tx;
            tx.Commit();
            if (statement.IsSchema) session.Driver.SchemaChanged();
            if (!statement.IsWrite && !statement.IsSchema) return null;
            session.Committed(wrote: true);
            return session._lastBookmarks[0];
        }

        public void OnFailed(Exception error)
        {
            if (Tx.IsOpen) Tx.Rollback();
        }

        public void OnClosed(EmbeddedResultCursor cursor)
        {
            Tx.Dispose();
            if (ReferenceEquals(session._cursor, cursor)) session._cursor = null;
        }
    }
}
