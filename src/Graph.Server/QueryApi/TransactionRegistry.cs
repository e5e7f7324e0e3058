using System.Collections.Concurrent;
using System.Security.Cryptography;
using Graph.Client;
using Graph.Server.Policy;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Graph.Server.QueryApi;

/// <summary>
/// The open explicit transactions. A transaction without requests for <see cref="ServerOptions.TransactionIdleTimeout"/>
/// (<see cref="ServerOptions.WriteTransactionIdleTimeout"/> once it holds the write lock) is rolled back and its id
/// forgotten, so that a client that vanished does not hold the store's write lock; later requests for the id get
/// Neo.ClientError.Transaction.TransactionNotFound. Idle time is measured with the injected <see cref="TimeProvider"/>,
/// from the end of a transaction's last request (its response written), never while a request runs.
/// </summary>
internal sealed class TransactionRegistry(ServerOptions options, TimeProvider time, ServerActivity activity, TransactionQuota quota, ILogger<TransactionRegistry> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, OpenTransaction> _open = new(StringComparer.Ordinal);

    public int Count => _open.Count;

    /// <summary>Refuses a new transaction when its user already has <see cref="ServerOptions.MaxTransactionsPerUser"/> open (over HTTP and Bolt).</summary>
    public void EnsureRoomFor(string? owner) => Refused(() => quota.EnsureRoomFor(owner));

    public OpenTransaction Add(IAsyncSession session, IAsyncTransaction transaction, string? owner, TimeSpan? timeout)
    {
        // Counted atomically with the check: concurrent begins of one user, over either protocol, cannot pass the cap together.
        var lease = Refused(() => quota.Enter(owner));
        while (true)
        {
            var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(9)).Replace('+', '-').Replace('/', '_');
            var open = new OpenTransaction(id, session, transaction, owner, timeout, time.GetTimestamp(), lease);
            if (_open.TryAdd(id, open))
            {
                activity.TransactionOpened();
                return open;
            }
        }
    }

    /// <summary>The quota's refusal as the Query API answers it: 429.</summary>
    private static T Refused<T>(Func<T> admit)
    {
        try
        {
            return admit();
        }
        catch (TransientException e) when (e.Code == Neo4jStatus.MaximumTransactionLimitReached)
        {
            throw new QueryApiProblem(429, e.Code, e.Message);
        }
    }

    private static void Refused(Action admit) => Refused(() =>
    {
        admit();
        return 0;
    });

    /// <summary>The idle timeout that applies to <paramref name="open"/> now.</summary>
    public TimeSpan IdleTimeoutOf(OpenTransaction open) =>
        open.HoldsWriteLock ? Min(options.WriteTransactionIdleTimeout, options.TransactionIdleTimeout) : options.TransactionIdleTimeout;

    /// <summary>When <paramref name="open"/> expires if no request comes, as the response's "expires" tells the client.</summary>
    public DateTimeOffset ExpiryOf(OpenTransaction open) =>
        time.GetUtcNow() + IdleTimeoutOf(open) - time.GetElapsedTime(open.LastActivity);

    /// <summary>A request for <paramref name="open"/> ends now: its idle time starts again.</summary>
    public void Touch(OpenTransaction open) => open.Touch(time.GetTimestamp());

    private bool IdleTooLong(OpenTransaction open) => time.GetElapsedTime(open.LastActivity) >= IdleTimeoutOf(open);

    /// <summary>Idle too long and no request running for it (a request holds the gate; a long statement is not idleness).</summary>
    private bool IsExpired(OpenTransaction open) => open.Gate.CurrentCount > 0 && IdleTooLong(open);

    /// <summary>Finds an open transaction of <paramref name="owner"/>; an expired one is rolled back on the way.</summary>
    public async Task<OpenTransaction> GetAsync(string id, string? owner)
    {
        if (_open.TryGetValue(id, out var open) && open.Owner == owner)
        {
            if (!IsExpired(open)) return open;
            await ExpireAsync(open);
        }
        throw NotFound(id);
    }

    /// <summary>
    /// Looks <paramref name="open"/> up again once its gate is held by the caller: it may have ended, or idled out,
    /// while the caller waited; an idled-out one is rolled back here.
    /// </summary>
    public async Task<OpenTransaction> RecheckHeldAsync(OpenTransaction open)
    {
        if (!_open.ContainsKey(open.Id)) throw NotFound(open.Id);
        if (!IdleTooLong(open)) return open;
        logger.LogInformation("Transaction {Id} had no request for {Seconds} s; rolling it back.", open.Id, IdleTimeoutOf(open).TotalSeconds);
        await CloseAsync(open);
        throw NotFound(open.Id);
    }

    private QueryApiProblem NotFound(string id) => new(404, Neo4jStatus.TransactionNotFound,
        $"Transaction '{id}' was not found: it was committed or rolled back, or it had no request for " +
        $"{options.TransactionIdleTimeout.TotalSeconds:0.#} s ({options.WriteTransactionIdleTimeout.TotalSeconds:0.#} s once it had written: " +
        "Server:TransactionIdleTimeout, Server:WriteTransactionIdleTimeout) and was rolled back. Begin a new transaction.");

    /// <summary>Ends a transaction: forgets the id, rolls back unless it committed, closes its session.</summary>
    public async Task CloseAsync(OpenTransaction open)
    {
        if (!_open.TryRemove(open.Id, out _)) return;
        activity.TransactionClosed();
        open.Lease.Dispose();
        try
        {
            if (open.Transaction.IsOpen) await open.Transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is GraphException or ObjectDisposedException)
        {
            logger.LogWarning("Rolling back transaction {Id} failed: {Message}", open.Id, e.Message);
        }
        finally
        {
            await open.Transaction.DisposeAsync();
            await open.Session.DisposeAsync();
        }
    }

    private async Task ExpireAsync(OpenTransaction open)
    {
        // A request still running keeps the transaction alive; the next sweep looks again.
        if (!await open.Gate.WaitAsync(0)) return;
        try
        {
            if (!IdleTooLong(open) || !_open.ContainsKey(open.Id)) return;
            logger.LogInformation("Transaction {Id} had no request for {Seconds} s{Write}; rolling it back.", open.Id,
                IdleTimeoutOf(open).TotalSeconds, open.HoldsWriteLock ? " while holding the write lock" : "");
            await CloseAsync(open);
        }
        finally
        {
            open.Gate.Release();
        }
    }

    /// <summary>Rolls back every expired transaction (the periodic sweep; tests call it after moving their clock).</summary>
    public async Task SweepAsync()
    {
        foreach (var open in _open.Values.Where(IsExpired).ToList())
            await ExpireAsync(open);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var shortest = Min(options.TransactionIdleTimeout, options.WriteTransactionIdleTimeout);
        var period = TimeSpan.FromTicks(Math.Clamp(shortest.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(1).Ticks));
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await SweepAsync();
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Nothing half-done survives a shutdown: open transactions are rolled back.
        foreach (var open in _open.Values.ToList()) await CloseAsync(open);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
