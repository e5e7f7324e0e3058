using Graph.Client;
using Microsoft.AspNetCore.Http;

namespace Graph.Server.QueryApi;

/// <summary>
/// The deadline of one request's store work: its token is cancelled when the client goes away, the time limit
/// passes or the server is stopping (so that a shutdown does not wait for long queries). The store enforces TransactionConfig.Timeout and its own default itself; this deadline, a little later, is
/// the backstop, and whatever the store reports when it fires becomes the timeout error.
/// </summary>
internal sealed class TimeLimit : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(250);

    private readonly HttpContext _context;
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _stopping;

    public TimeLimit(HttpContext context, TimeSpan? limit, TimeProvider time, CancellationToken stopping)
    {
        _context = context;
        _stopping = stopping;
        Limit = limit;
        _timer = limit is { } t ? new CancellationTokenSource(t + Grace, time) : null;
        _linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping, _timer?.Token ?? CancellationToken.None);
    }

    public TimeSpan? Limit { get; }

    public CancellationToken Token => _linked.Token;

    public bool ClientGone => _context.RequestAborted.IsCancellationRequested;

    private bool Expired => _timer?.IsCancellationRequested == true && !ClientGone;

    /// <summary>The error to report for <paramref name="e"/>: the timeout when the deadline ended the work, else <paramref name="e"/>.</summary>
    public Exception Translate(Exception e) =>
        _stopping.IsCancellationRequested && !ClientGone && e is OperationCanceledException or GraphException { Code: Neo4jStatus.Cancelled }
            ? new TransientException(Neo4jStatus.ServiceUnavailable,
                "graph serve is shutting down: the statement was stopped and nothing it wrote was kept. Retry when the server is back.")
            : Expired && (e is OperationCanceledException || e is GraphException g && g.Code != Neo4jStatus.QueryTimeout) ? TimedOut(Limit) : e;

    public static ClientException TimedOut(TimeSpan? limit) => new(Neo4jStatus.QueryTimeout,
        $"The query ran longer than its time limit{(limit is { } t ? $" of {t.TotalSeconds:0.###} s" : "")} " +
        "(Server:QueryTimeout or the request's maxExecutionTime) and was stopped; nothing it wrote was kept.");

    public void Dispose()
    {
        _linked.Dispose();
        _timer?.Dispose();
    }
}
