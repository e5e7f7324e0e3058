using Graph.Client;
using Graph.Engine.Planning;
using Graph.Storage;

namespace Graph.Engine.Driver;

/// <summary>A session: auto-commit statements, or one explicit transaction at a time.</summary>
internal sealed class EmbeddedSession(EmbeddedDriver driver, SessionConfig config) : IAsyncSession
{
    private static long _bookmarkCounter;
    private EmbeddedTransaction? _transaction;
    private IReadOnlyList<string> _lastBookmarks = [];

    public SessionConfig Config { get; } = config;

    public IReadOnlyList<string> LastBookmarks => _lastBookmarks;

    internal EmbeddedDriver Driver => driver;

    public Task<QueryResult> RunAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default)
    {
        driver.ThrowIfDisposed();
        if (_transaction is { IsOpen: true })
            throw new ClientException(StatusCodes.InvalidRequest,
                "This session has an open transaction; run the statement in it (or commit/roll it back first).");
        cancellationToken.ThrowIfCancellationRequested();
        var statement = driver.Compile(query);
        CheckAccess(statement, Config.AccessMode);
        var write = statement.IsWrite || statement.IsSchema;
        var deadline = driver.Options.QueryTimeout is { } t ? DateTime.UtcNow + t : (DateTime?)null;
        var tx = Begin(write, cancellationToken);
        try
        {
            var result = StatementRunner.Run(statement, tx, driver.Store.Tokens, parameters, driver.Options, cancellationToken, deadline);
            tx.Commit();
            if (statement.IsSchema) driver.SchemaChanged();
            var bookmark = write ? "embedded:" + Interlocked.Increment(ref _bookmarkCounter) : null;
            if (bookmark is not null) _lastBookmarks = [bookmark];
            return Task.FromResult(bookmark is null ? result : WithBookmark(result, bookmark));
        }
        catch (Exception e)
        {
            if (tx.IsOpen) tx.Rollback();
            throw StatementRunner.Translate(e);
        }
        finally
        {
            tx.Dispose();
        }
    }

    private static QueryResult WithBookmark(QueryResult r, string bookmark) => new(r.Keys, r.Records, new ResultSummary
    {
        Query = r.Summary.Query,
        Counters = r.Summary.Counters,
        QueryType = r.Summary.QueryType,
        Notifications = r.Summary.Notifications,
        ResultAvailableAfter = r.Summary.ResultAvailableAfter,
        Bookmark = bookmark,
    });

    internal StorageTransaction Begin(bool write, CancellationToken cancellationToken)
    {
        try
        {
            return driver.Store.BeginTransaction(write, cancellationToken);
        }
        catch (Exception e)
        {
            throw StatementRunner.Translate(e);
        }
    }

    /// <summary>Read sessions reject statements that write, before anything runs.</summary>
    internal static void CheckAccess(CompiledStatement statement, AccessMode mode)
    {
        if (mode == AccessMode.Read && (statement.IsWrite || statement.IsSchema))
            throw new ClientException(StatusCodes.AccessMode,
                "Writing in a read access mode session is not allowed: the statement creates, updates or deletes data or schema. Use a write session.")
            { Phase = ErrorPhase.CompileTime };
    }

    public Task<IAsyncTransaction> BeginTransactionAsync(TransactionConfig? config = null, CancellationToken cancellationToken = default)
    {
        driver.ThrowIfDisposed();
        if (_transaction is { IsOpen: true })
            throw new ClientException(StatusCodes.InvalidRequest, "This session already has an open transaction; commit or roll it back first.");
        var timeout = config?.Timeout ?? driver.Options.QueryTimeout;
        var tx = Begin(Config.AccessMode == AccessMode.Write, cancellationToken);
        _transaction = new EmbeddedTransaction(this, tx, timeout is { } t ? DateTime.UtcNow + t : null);
        return Task.FromResult<IAsyncTransaction>(_transaction);
    }

    internal void Committed(bool wrote)
    {
        if (wrote) _lastBookmarks = ["embedded:" + Interlocked.Increment(ref _bookmarkCounter)];
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is { IsOpen: true }) await _transaction.RollbackAsync().ConfigureAwait(false);
    }
}

/// <summary>An explicit transaction: every statement is atomic (savepoint before, rollback to it on failure).</summary>
internal sealed class EmbeddedTransaction(EmbeddedSession session, StorageTransaction tx, DateTime? deadline) : IAsyncTransaction
{
    private bool _open = true;
    private bool _wrote;
    private bool _schemaChanged;

    public bool IsOpen => _open;

    public Task<QueryResult> RunAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        cancellationToken.ThrowIfCancellationRequested();
        var driver = session.Driver;
        var statement = driver.Compile(query);
        EmbeddedSession.CheckAccess(statement, session.Config.AccessMode);
        var savepoint = tx.IsWrite ? tx.CreateSavepoint() : -1;
        try
        {
            var result = StatementRunner.Run(statement, tx, driver.Store.Tokens, parameters, driver.Options, cancellationToken, deadline);
            _wrote |= statement.IsWrite || statement.IsSchema;
            _schemaChanged |= statement.IsSchema;
            return Task.FromResult(result);
        }
        catch (Exception e)
        {
            if (savepoint >= 0 && tx.IsOpen)
            {
                try { tx.RollbackToSavepoint(savepoint); }
                catch (Exception inner) { throw StatementRunner.Translate(new AggregateException(e, inner)); }
            }
            throw StatementRunner.Translate(e);
        }
    }

    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        _open = false;
        try
        {
            tx.Commit();
            session.Committed(_wrote);
            if (_schemaChanged) session.Driver.SchemaChanged();
        }
        catch (Exception e)
        {
            if (tx.IsOpen) tx.Rollback();
            throw StatementRunner.Translate(e);
        }
        finally
        {
            tx.Dispose();
        }
        return Task.CompletedTask;
    }

    public Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        if (!_open) return Task.CompletedTask;
        _open = false;
        try
        {
            if (tx.IsOpen) tx.Rollback();
        }
        finally
        {
            tx.Dispose();
        }
        return Task.CompletedTask;
    }

    private void EnsureOpen()
    {
        if (!_open)
            throw new ClientException(StatusCodes.TransactionNotFound, "The transaction was already committed or rolled back; begin a new one.");
    }

    public async ValueTask DisposeAsync() => await RollbackAsync().ConfigureAwait(false);
}
