using System.Diagnostics;
using Graph.Bolt.Protocol;
using Graph.Client;

namespace Graph.Bolt.Client;

/// <summary>
/// An explicit transaction on one connection: RUN and PULL by qid, COMMIT (whose bookmark the session keeps) or
/// ROLLBACK. A failing statement ends the transaction, as Neo4j does: the server rolls it back.
/// </summary>
internal sealed class BoltTransaction(BoltSession session, BoltClientConnection connection) : IAsyncTransaction
{
    private BoltResultCursor? _cursor;
    private bool _open = true;
    private bool _released;

    public bool IsOpen => _open;

    public async Task<QueryResult> RunAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default)
    {
        var cursor = await StartAsync(query, parameters, -1, cancellationToken).ConfigureAwait(false);
        return await BoltSession.ReadAllAsync(cursor, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IResultCursor> StreamAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default) =>
        await StartAsync(query, parameters, session.Driver.Options.FetchSize, cancellationToken).ConfigureAwait(false);

    private async Task<BoltResultCursor> StartAsync(string query, IReadOnlyDictionary<string, object?>? parameters, int fetchSize, CancellationToken cancellationToken)
    {
        EnsureOpen();
        var normalized = Values.NormalizeParameters(parameters);
        if (_cursor is { IsEnded: false } open) await open.BufferRemainingAsync(cancellationToken).ConfigureAwait(false);
        EnsureOpen();
        var started = Stopwatch.GetTimestamp();
        IReadOnlyList<string> keys;
        long qid;
        try
        {
            connection.Send(BoltMessages.Run, query, normalized, new Dictionary<string, object?>());
            connection.Send(BoltMessages.Pull, new Dictionary<string, object?> { ["n"] = (long)fetchSize, ["qid"] = -1L });
            await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            var reply = await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (reply.Signature != BoltMessages.Success)
            {
                var error = reply.Signature == BoltMessages.Failure
                    ? connection.Failed(reply.Metadata!)
                    : new ClientException(Neo4jStatus.InvalidRequest, $"The server answered RUN with {BoltMessages.Name(reply.Signature)}.");
                await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false); // the PULL's IGNORED
                throw error;
            }
            keys = (reply.Metadata!.GetValueOrDefault("fields") as IReadOnlyList<object?> ?? []).OfType<string>().ToList();
            qid = reply.Metadata!.GetValueOrDefault("qid") as long? ?? -1;
        }
        catch (GraphException)
        {
            await EndAsync().ConfigureAwait(false);
            throw;
        }
        _cursor = new BoltResultCursor(connection, query, keys, qid, fetchSize, Stopwatch.GetElapsedTime(started), pullSent: true,
            async (_, summary) =>
            {
                if (summary is null) await EndAsync().ConfigureAwait(false); // the statement failed: the server rolled the transaction back
            });
        return _cursor;
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        if (_cursor is { IsEnded: false } open) await open.BufferRemainingAsync(cancellationToken).ConfigureAwait(false);
        EnsureOpen();
        try
        {
            connection.Send(BoltMessages.Commit);
            await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            var reply = await connection.ExpectSuccessAsync(cancellationToken).ConfigureAwait(false);
            session.Committed(reply.GetValueOrDefault("bookmark") as string);
        }
        finally
        {
            await EndAsync().ConfigureAwait(false);
        }
    }

    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        if (!_open) return;
        try
        {
            if (_cursor is { IsEnded: false })
            {
                // Records may still be on their way: RESET rolls back and skips them.
                connection.NeedsReset = true;
            }
            else
            {
                connection.Send(BoltMessages.Rollback);
                await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                await connection.ExpectSuccessAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await EndAsync().ConfigureAwait(false);
        }
    }

    private void EnsureOpen()
    {
        if (!_open)
            throw new ClientException(Neo4jStatus.TransactionNotFound, "The transaction was committed, rolled back or ended by a failure; begin a new one.");
    }

    private async Task EndAsync()
    {
        _open = false;
        if (_released) return;
        _released = true;
        await session.Driver.ReleaseAsync(connection).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RollbackAsync().ConfigureAwait(false);
        }
        catch (GraphException)
        {
            // Disposing never throws; the connection is reset or dropped.
        }
    }
}
