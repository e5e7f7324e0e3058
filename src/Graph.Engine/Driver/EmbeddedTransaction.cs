using System.Diagnostics;
using Graph.Client;
using Graph.Engine.Errors;
using Graph.Engine.Planning;
using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Driver;

/// <summary>
/// An explicit transaction: every statement is atomic (savepoint before, rollback to it on failure). It holds the
/// store's write lock only from its first write (possibly in the middle of fetching a statement's rows) until it ends;
/// a statement that fails undoes its writes, and if nothing written remains the lock is given back.
/// </summary>
internal sealed class EmbeddedTransaction(EmbeddedSession session, StorageTransaction tx, Deadline? deadline) : IAsyncTransaction
{
    private bool _open = true;
    private bool _wrote;
    private bool _schemaChanged;
    private EmbeddedResultCursor? _cursor;

    public bool IsOpen => _open;

    public Task<QueryResult> RunAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(session.Collect(Start(query, parameters, cancellationToken, toEnd: true)));

    public Task<IResultCursor> StreamAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IResultCursor>(Start(query, parameters, cancellationToken, toEnd: false));

    /// <param name="toEnd">The caller runs the statement to its end before it returns (RunAsync).</param>
    private EmbeddedResultCursor Start(string query, IReadOnlyDictionary<string, object?>? parameters, CancellationToken cancellationToken, bool toEnd)
    {
        EnsureOpen();
        _cursor?.BufferRemaining();
        cancellationToken.ThrowIfCancellationRequested();
        var driver = session.Driver;
        var statement = driver.Compile(query, session.Recent);
        EmbeddedSession.CheckAccess(statement, session.Config.AccessMode);
        tx.WriteLockCancellation = cancellationToken; // if this statement writes first, its wait for the lock ends with it
        var owner = new Statement(this, tx, tx.IsWrite ? tx.CreateSavepoint() : -1);
        return _cursor = new EmbeddedResultCursor(statement, tx, driver.Store.Tokens, parameters, driver.Options, owner, cancellationToken, deadline,
            session.Config, Stopwatch.GetTimestamp(), borrowParameters: toEnd);
    }

    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        _cursor?.BufferRemaining();
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
            throw EngineErrors.ToGraphException(e);
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
        _cursor?.Abandon();
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
            throw new ClientException(Neo4jStatus.TransactionNotFound, "The transaction was already committed or rolled back; begin a new one.");
    }

    public async ValueTask DisposeAsync() => await RollbackAsync().ConfigureAwait(false);

    /// <summary>One statement of the transaction, undone alone (back to its savepoint) when it fails.</summary>
    private sealed class Statement(EmbeddedTransaction transaction, StorageTransaction tx, int savepoint) : ICursorOwner
    {
        public string? OnCompleted(CompiledStatement statement)
        {
            transaction._wrote |= statement.IsWrite || statement.IsSchema;
            transaction._schemaChanged |= statement.IsSchema;
            return null; // committed (and bookmarked) with the transaction
        }

        public void OnFailed(Exception error)
        {
            if (savepoint >= 0 && tx.IsOpen) tx.RollbackToSavepoint(savepoint);
        }

        public void OnClosed(EmbeddedResultCursor cursor)
        {
            if (ReferenceEquals(transaction._cursor, cursor)) transaction._cursor = null;
        }
    }
}
