using System.Diagnostics;
using Graph.Client;
using Graph.Neo4j.Wire;

namespace Graph.Neo4j;

/// <summary>
/// An explicit transaction: <c>POST /tx/{id}</c> runs, <c>POST /tx/{id}/commit</c> commits,
/// <c>DELETE /tx/{id}</c> rolls back. Every request echoes the <c>neo4j-cluster-affinity</c> header
/// the server sent, so that a cluster routes it to the member holding the transaction.
/// </summary>
internal sealed class Neo4jTransaction : IAsyncTransaction
{
    private readonly Neo4jSession _session;
    private readonly TimeSpan? _timeout;
    private string? _affinity;

    public Neo4jTransaction(Neo4jSession session, TransactionInfo info, string? affinity, TimeSpan? timeout)
    {
        _session = session;
        Id = info.Id;
        Expires = info.Expires;
        _affinity = affinity;
        _timeout = timeout;
    }

    public string Id { get; }

    /// <summary>When the server rolls the transaction back if no request arrives before.</summary>
    public DateTimeOffset? Expires { get; private set; }

    public bool IsOpen { get; private set; } = true;

    public async Task<QueryResult> RunAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null,
        CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        var request = new QueryRequest
        {
            Statement = query,
            Parameters = Values.NormalizeParameters(parameters),
            IncludeCounters = true,
        };
        var stopwatch = Stopwatch.StartNew();
        var reply = await SendAsync(HttpMethod.Post, $"/tx/{Uri.EscapeDataString(Id)}", request, cancellationToken).ConfigureAwait(false);
        Expires = reply.Body.Transaction?.Expires ?? Expires;
        return ResultMapper.ToQueryResult(query, reply.Body, stopwatch.Elapsed, autoCommit: false);
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        try
        {
            var reply = await SendAsync(HttpMethod.Post, $"/tx/{Uri.EscapeDataString(Id)}/commit", new QueryRequest(), cancellationToken)
                .ConfigureAwait(false);
            Close(reply.Body.Bookmarks);
        }
        finally
        {
            // Whatever the outcome, a commit ends the transaction on the server.
            Close(null);
        }
    }

    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        if (!IsOpen) return;
        try
        {
            await SendAsync(HttpMethod.Delete, $"/tx/{Uri.EscapeDataString(Id)}", null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Close(null);
        }
    }

    private async Task<Http.ApiReply> SendAsync(HttpMethod method, string suffix, QueryRequest? body, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await _session.Client.SendAsync(method, _session.Route(suffix), body, _affinity, _timeout, cancellationToken)
                .ConfigureAwait(false);
            _affinity = reply.Affinity ?? _affinity;
            return reply;
        }
        catch (GraphException e) when (ServerClosedTransaction(e))
        {
            // Neo4j rolls a transaction back when a statement in it fails (its response has no
            // "transaction" key any more); a client-side timeout leaves the state unknown, so we keep it.
            Close(null);
            throw;
        }
    }

    private static bool ServerClosedTransaction(GraphException e) =>
        e is not (ServiceUnavailableException or Http.RequestTimeoutException or AuthenticationException);

    private void Close(IReadOnlyList<string>? bookmarks)
    {
        if (!IsOpen && bookmarks is null) return;
        IsOpen = false;
        _session.OnTransactionClosed(this, bookmarks);
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
            throw new ClientException(Neo4jStatus.TransactionNotFound,
                $"Transaction {Id} is closed (committed, rolled back, or ended by an earlier error); begin a new one.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!IsOpen) return;
        try
        {
            await RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (GraphException)
        {
            // The server rolls an abandoned transaction back when it expires anyway.
        }
    }
}
