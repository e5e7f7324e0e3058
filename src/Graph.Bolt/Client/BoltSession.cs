using System.Diagnostics;
using Graph.Bolt.Protocol;
using Graph.Client;

namespace Graph.Bolt.Client;

/// <summary>
/// A session over Bolt: auto-commit statements (RUN and the first PULL pipelined) and explicit transactions
/// (BEGIN ... COMMIT), each on a pooled connection held only while it runs. Bookmarks flow from each committed
/// unit of work to the next. Starting a statement or a transaction is retried after transient errors.
/// </summary>
internal sealed class BoltSession(BoltDriver driver, SessionConfig config) : IAsyncSession
{
    private IReadOnlyList<string> _bookmarks = config.Bookmarks;
    private BoltResultCursor? _cursor;
    private BoltTransaction? _transaction;

    public SessionConfig Config { get; } = config;

    public IReadOnlyList<string> LastBookmarks => _bookmarks;

    internal BoltDriver Driver => driver;

    private string? Database => Config.Database ?? driver.Options.Database;

    public Task<QueryResult> RunAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default) =>
        WithRetriesAsync(async () =>
        {
            var cursor = await StartAsync(query, parameters, -1, cancellationToken).ConfigureAwait(false);
            return await ReadAllAsync(cursor, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public async Task<IResultCursor> StreamAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default) =>
        await WithRetriesAsync(() => StartAsync(query, parameters, driver.Options.FetchSize, cancellationToken), cancellationToken).ConfigureAwait(false);

    internal static async Task<QueryResult> ReadAllAsync(IResultCursor cursor, CancellationToken cancellationToken)
    {
        var records = new List<Record>();
        while (await cursor.FetchAsync(cancellationToken).ConfigureAwait(false)) records.Add(cursor.Current);
        var summary = await cursor.ConsumeAsync(cancellationToken).ConfigureAwait(false);
        return new QueryResult(cursor.Keys, records, summary);
    }

    private async Task<BoltResultCursor> StartAsync(string query, IReadOnlyDictionary<string, object?>? parameters, int fetchSize, CancellationToken cancellationToken)
    {
        EnsureNoOpenTransaction();
        var normalized = Values.NormalizeParameters(parameters);
        if (_cursor is { IsEnded: false } open) await open.BufferRemainingAsync(cancellationToken).ConfigureAwait(false);
        var connection = await driver.AcquireAsync(Config.AccessMode, Database, cancellationToken).ConfigureAwait(false);
        try
        {
            var started = Stopwatch.GetTimestamp();
            connection.Send(BoltMessages.Run, query, normalized, TransactionExtra(null));
            connection.Send(BoltMessages.Pull, new Dictionary<string, object?> { ["n"] = (long)fetchSize });
            await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            var keys = await RunReplyAsync(connection, cancellationToken).ConfigureAwait(false);
            var cursor = new BoltResultCursor(connection, query, keys, -1, fetchSize, Stopwatch.GetElapsedTime(started), pullSent: true,
                async (_, summary) =>
                {
                    if (summary?.Bookmark is { } bookmark) _bookmarks = [bookmark];
                    await driver.ReleaseAsync(connection).ConfigureAwait(false);
                });
            _cursor = cursor;
            return cursor;
        }
        catch
        {
            await driver.ReleaseAsync(connection).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>RUN's reply: the keys; on FAILURE, the pipelined PULL's IGNORED is read too before the error is thrown.</summary>
    internal static async Task<IReadOnlyList<string>> RunReplyAsync(BoltClientConnection connection, CancellationToken cancellationToken)
    {
        var reply = await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        if (reply.Signature == BoltMessages.Failure)
        {
            var error = connection.Failed(reply.Metadata!);
            await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            throw error;
        }
        if (reply.Signature != BoltMessages.Success)
            throw new ClientException(Neo4jStatus.InvalidRequest, $"The server answered RUN with {BoltMessages.Name(reply.Signature)}.");
        return (reply.Metadata!.GetValueOrDefault("fields") as IReadOnlyList<object?> ?? []).OfType<string>().ToList();
    }

    /// <summary>RUN's and BEGIN's extra: bookmarks, access mode, database, and the transaction's timeout and metadata.</summary>
    private Dictionary<string, object?> TransactionExtra(TransactionConfig? transaction)
    {
        var extra = new Dictionary<string, object?>();
        if (_bookmarks.Count > 0) extra["bookmarks"] = _bookmarks.ToList<object?>();
        if (Config.AccessMode == AccessMode.Read) extra["mode"] = "r";
        if (Database is { } db) extra["db"] = db;
        if (transaction?.Timeout is { } timeout) extra["tx_timeout"] = (long)Math.Max(1, timeout.TotalMilliseconds);
        if (transaction?.Metadata is { Count: > 0 } metadata) extra["tx_metadata"] = Values.NormalizeParameters(metadata);
        return extra;
    }

    public async Task<IAsyncTransaction> BeginTransactionAsync(TransactionConfig? config = null, CancellationToken cancellationToken = default)
    {
        EnsureNoOpenTransaction();
        if (_cursor is { IsEnded: false } open) await open.BufferRemainingAsync(cancellationToken).ConfigureAwait(false);
        return await WithRetriesAsync(async () =>
        {
            var connection = await driver.AcquireAsync(Config.AccessMode, Database, cancellationToken).ConfigureAwait(false);
            try
            {
                connection.Send(BoltMessages.Begin, TransactionExtra(config));
                await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                await connection.ExpectSuccessAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await driver.ReleaseAsync(connection).ConfigureAwait(false);
                throw;
            }
            _transaction = new BoltTransaction(this, connection);
            return (IAsyncTransaction)_transaction;
        }, cancellationToken).ConfigureAwait(false);
    }

    internal void Committed(string? bookmark)
    {
        if (bookmark is not null) _bookmarks = [bookmark];
    }

    private void EnsureNoOpenTransaction()
    {
        if (_transaction is { IsOpen: true })
            throw new ClientException(Neo4jStatus.InvalidRequest, "This session has an open transaction: run the statement in it, or commit or roll it back first.");
    }

    /// <summary>Retries work that failed with a transient error or a lost connection, with exponential backoff.</summary>
    private async Task<T> WithRetriesAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await work().ConfigureAwait(false);
            }
            catch (GraphException e) when (attempt < driver.Options.MaxRetries && IsRetriable(e))
            {
                await Task.Delay(driver.Options.RetryDelay * Math.Pow(2, attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>As the official drivers decide: transient errors and lost connections, except a terminated transaction.</summary>
    internal static bool IsRetriable(GraphException e) =>
        e is ServiceUnavailableException ||
        (e.IsTransient && e.Code is not ("Neo.TransientError.Transaction.Terminated" or "Neo.TransientError.Transaction.LockClientStopped"));

    public async ValueTask DisposeAsync()
    {
        if (_cursor is { IsEnded: false } cursor) await cursor.DisposeAsync().ConfigureAwait(false);
        if (_transaction is { IsOpen: true } transaction) await transaction.DisposeAsync().ConfigureAwait(false);
    }
}
