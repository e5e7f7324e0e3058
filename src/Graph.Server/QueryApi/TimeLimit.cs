using Graph.Client;
using StatusCodes = Graph.Client.StatusCodes;
using Microsoft.AspNetCore.Http;

namespace Graph.Server.QueryApi;

/// <summary>
/// The deadline of one request's store work: its token is cancelled when the client goes away or the time limit
/// passes. The store enforces TransactionConfig.Timeout and its own default itself; this deadline, a little later, is
/// the backstop, and whatever the store reports when it fires becomes the timeout error.
/// </summary>
internal sealed class TimeLimit : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(250);

    private readonly HttpContext _context;
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenSource _linked;

    public TimeLimit(HttpContext context, TimeSpan? limit, TimeProvider time)
    {
        _context = context;
        Limit = limit;
        _timer = limit is { } t ? new CancellationTokenSource(t + Grace, time) : null;
        _linked = _timer is null
            ? CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted)
            : CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _timer.Token);
    }

    public TimeSpan? Limit { get; }

    public CancellationToken Token => _linked.Token;

    public bool ClientGone => _context.RequestAborted.IsCancellationRequested;

    private bool Expired => _timer?.IsCancellationRequested == true && !ClientGone;

    /// <summary>The error to report for <paramref name="e"/>: the timeout when the deadline ended the work, else <paramref name="e"/>.</summary>
    public Exception Translate(Exception e) =>
        Expired && (e is OperationCanceledException || e is GraphException g && g.Code != StatusCodes.QueryTimeout) ? TimedOut(Limit) : e;

    public static ClientException TimedOut(TimeSpan? limit) => new(StatusCodes.QueryTimeout,
        $"The query ran longer than its time limit{(limit is { } t ? $" of {t.TotalSeconds:0.###} s" : "")} " +
        "(Server:QueryTimeout or the request's maxExecutionTime) and was stopped; nothing it wrote was kept.");

    public void Dispose()
    {
        _linked.Dispose();
        _timer?.Dispose();
    }
}
