using System.Diagnostics;
using Graph.Client;
using Graph.Neo4j.Http;
using Graph.Neo4j.Wire;

namespace Graph.Neo4j;

/// <summary>
/// A session: auto-commit queries go to <c>POST /db/{db}/query/v2</c>, explicit transactions to
/// <c>/query/v2/tx</c>. The session carries bookmarks from one committed unit of work to the next
/// (causal consistency) and sends its access mode with every request.
/// </summary>
internal sealed class Neo4jSession : IAsyncSession
{
    private readonly QueryApiClient _client;
    private readonly string _database;
    private IReadOnlyList<string> _bookmarks;
    private Neo4jTransaction? _open;

    public Neo4jSession(QueryApiClient client, SessionConfig config, string defaultDatabase)
    {
        _client = client;
        Config = config;
        _database = config.Database ?? defaultDatabase;
        _bookmarks = config.Bookmarks;
    }

    public SessionConfig Config { get; }

    public IReadOnlyList<string> LastBookmarks => _bookmarks;

    internal QueryApiClient Client => _client;

    internal Uri Route(string suffix = "") => _client.RouteFor(_database, suffix);

    public async Task<QueryResult> RunAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null,
        CancellationToken cancellationToken = default)
    {
        EnsureNoOpenTransaction();
        var request = new QueryRequest
        {
            Statement = query,
            Parameters = Values.NormalizeParameters(parameters),
            IncludeCounters = true,
            Bookmarks = _bookmarks,
            AccessMode = Config.AccessMode,
        };
        var stopwatch = Stopwatch.StartNew();
        var reply = await _client.WithRetriesAsync(
            () => _client.SendAsync(HttpMethod.Post, Route(), request, null, null, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        if (reply.Body.Bookmarks.Count > 0) _bookmarks = reply.Body.Bookmarks;
        return ResultMapper.ToQueryResult(query, reply.Body, stopwatch.Elapsed, autoCommit: true);
    }

    public async Task<IAsyncTransaction> BeginTransactionAsync(TransactionConfig? config = null, CancellationToken cancellationToken = default)
    {
        EnsureNoOpenTransaction();
        var request = new QueryRequest
        {
            Bookmarks = _bookmarks,
            AccessMode = Config.AccessMode,
            MaxExecutionTimeSeconds = config?.Timeout?.TotalSeconds,
            TxMetadata = Values.NormalizeParameters(config?.Metadata),
        };
        var reply = await _client.WithRetriesAsync(
            () => _client.SendAsync(HttpMethod.Post, Route("/tx"), request, null, config?.Timeout, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        var info = reply.Body.Transaction
                   ?? throw new DatabaseException(Neo4jStatus.UnknownError,
                       $"{Route("/tx")} opened no transaction (the response has no \"transaction\" key).");
        _open = new Neo4jTransaction(this, info, reply.Affinity, config?.Timeout);
        return _open;
    }

    internal void OnTransactionClosed(Neo4jTransaction transaction, IReadOnlyList<string>? bookmarks)
    {
        if (bookmarks is { Count: > 0 }) _bookmarks = bookmarks;
        if (ReferenceEquals(_open, transaction)) _open = null;
    }

    private void EnsureNoOpenTransaction()
    {
        if (_open is { IsOpen: true })
            throw new ClientException(Neo4jStatus.InvalidRequest,
                "This session has an open transaction: run the query inside it, or commit or roll it back first.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_open is { IsOpen: true } open) await open.DisposeAsync().ConfigureAwait(false);
    }
}
