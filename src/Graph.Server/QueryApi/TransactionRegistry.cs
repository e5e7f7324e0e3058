using System.Collections.Concurrent;
using System.Security.Cryptography;
using Graph.Client;
using StatusCodes = Graph.Client.StatusCodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Graph.Server.QueryApi;

/// <summary>An explicit transaction opened over HTTP, with the session that owns it.</summary>
internal sealed class OpenTransaction(string id, IAsyncSession session, IAsyncTransaction transaction, string? owner, TimeSpan? timeout)
{
    public string Id { get; } = id;
    public IAsyncSession Session { get; } = session;
    public IAsyncTransaction Transaction { get; } = transaction;
    /// <summary>The user who opened it (null with authentication off); nobody else may use it.</summary>
    public string? Owner { get; } = owner;
    public TimeSpan? Timeout { get; } = timeout;
    /// <summary>One request at a time: statements of a transaction run in order.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);
    public DateTimeOffset Expires { get; set; }
}

/// <summary>
/// The open explicit transactions. A transaction without requests for
/// <see cref="ServerOptions.TransactionIdleTimeout"/> is rolled back and its id forgotten, so that a
/// client that vanished does not hold the store's write lock; later requests for the id get
/// Neo.ClientError.Transaction.TransactionNotFound.
/// </summary>
internal sealed class TransactionRegistry(ServerOptions options, ILogger<TransactionRegistry> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, OpenTransaction> _open = new(StringComparer.Ordinal);

    public int Count => _open.Count;

    public OpenTransaction Add(IAsyncSession session, IAsyncTransaction transaction, string? owner, TimeSpan? timeout)
    {
        while (true)
        {
            var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(9)).Replace('+', '-').Replace('/', '_');
            var open = new OpenTransaction(id, session, transaction, owner, timeout) { Expires = NextExpiry() };
            if (_open.TryAdd(id, open)) return open;
        }
    }

    public DateTimeOffset NextExpiry() => DateTimeOffset.UtcNow + options.TransactionIdleTimeout;

    /// <summary>Finds an open transaction of <paramref name="owner"/>; expired ones are rolled back on the way.</summary>
    public OpenTransaction Get(string id, string? owner)
    {
        if (_open.TryGetValue(id, out var open) && open.Owner == owner)
        {
            if (open.Expires > DateTimeOffset.UtcNow) return open;
            _ = ExpireAsync(open);
        }
        throw new QueryApiProblem(404, StatusCodes.TransactionNotFound,
            $"Transaction '{id}' was not found: it was committed or rolled back, or it had no request for " +
            $"{options.TransactionIdleTimeout.TotalSeconds:0.#} s and was rolled back. Begin a new transaction.");
    }

    /// <summary>Ends a transaction: forgets the id, rolls back unless it committed, closes its session.</summary>
    public async Task CloseAsync(OpenTransaction open)
    {
        _open.TryRemove(open.Id, out _);
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
            if (open.Expires > DateTimeOffset.UtcNow || !_open.ContainsKey(open.Id)) return;
            logger.LogInformation("Transaction {Id} had no request for {Seconds} s; rolling it back.", open.Id, options.TransactionIdleTimeout.TotalSeconds);
            await CloseAsync(open);
        }
        finally
        {
            open.Gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromTicks(Math.Clamp(options.TransactionIdleTimeout.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(5).Ticks));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = DateTimeOffset.UtcNow;
                foreach (var open in _open.Values.Where(t => t.Expires <= now).ToList())
                    await ExpireAsync(open);
            }
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
}
