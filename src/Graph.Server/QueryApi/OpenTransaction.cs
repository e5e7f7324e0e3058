using Graph.Client;

namespace Graph.Server.QueryApi;

/// <summary>An explicit transaction opened over HTTP, with the session that owns it and the time of its last request.</summary>
internal sealed class OpenTransaction(string id, IAsyncSession session, IAsyncTransaction transaction, string? owner, TimeSpan? timeout, long now, IDisposable lease)
{
    private long _lastActivity = now;
    private int _wrote;

    public string Id { get; } = id;
    public IAsyncSession Session { get; } = session;
    public IAsyncTransaction Transaction { get; } = transaction;
    /// <summary>The user who opened it (null with authentication off); nobody else may use it.</summary>
    public string? Owner { get; } = owner;
    public TimeSpan? Timeout { get; } = timeout;
    /// <summary>Its place in the user's count of open transactions (Server:MaxTransactionsPerUser), given back when it ends.</summary>
    public IDisposable Lease { get; } = lease;
    /// <summary>One request at a time: statements of a transaction run in order, and expiry waits for a running request.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>
    /// True once a statement that writes has run (its summary's QueryType is not ReadOnly): from then on the
    /// transaction holds the store's write lock, and the short idle timeout applies.
    /// </summary>
    public bool HoldsWriteLock => Volatile.Read(ref _wrote) != 0;

    public void MarkWrote() => Volatile.Write(ref _wrote, 1);

    /// <summary>A request for the transaction ended at <paramref name="timestamp"/> (TimeProvider.GetTimestamp); its idle time starts again.</summary>
    public void Touch(long timestamp) => Interlocked.Exchange(ref _lastActivity, timestamp);

    public long LastActivity => Interlocked.Read(ref _lastActivity);
}
