using Graph.Client;

namespace Graph.Server.Policy;

/// <summary>
/// Server:MaxTransactionsPerUser, counted across protocols: the explicit transactions a user has open over the Query
/// API and over Bolt together (anonymous clients, with authentication off, share one count). Neo4j's
/// db.transaction.concurrent.maximum, per user here.
/// </summary>
internal sealed class TransactionQuota(ServerOptions options)
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Explicit transactions <paramref name="owner"/> has open now, over both protocols.</summary>
    public int OpenBy(string? owner)
    {
        lock (_lock) return _open.GetValueOrDefault(Key(owner));
    }

    /// <summary>Throws the refusal when <paramref name="owner"/> is at the cap (a cheap check before any work).</summary>
    public void EnsureRoomFor(string? owner)
    {
        if (OpenBy(owner) >= options.MaxTransactionsPerUser) throw TooMany(owner);
    }

    /// <summary>Counts one more transaction for <paramref name="owner"/> until the lease is disposed; throws at the cap.</summary>
    /// <exception cref="TransientException">Neo.TransientError.Transaction.MaximumTransactionLimitReached</exception>
    public IDisposable Enter(string? owner)
    {
        var key = Key(owner);
        lock (_lock)
        {
            var open = _open.GetValueOrDefault(key);
            if (open >= options.MaxTransactionsPerUser) throw TooMany(owner);
            _open[key] = open + 1;
        }
        return new Lease(this, key);
    }

    private void Leave(string key)
    {
        lock (_lock)
        {
            if (_open.GetValueOrDefault(key) <= 1) _open.Remove(key);
            else _open[key]--;
        }
    }

    private TransientException TooMany(string? owner) => new(Neo4jStatus.MaximumTransactionLimitReached,
        $"{(owner is null ? "Anonymous clients have" : $"User '{owner}' has")} {options.MaxTransactionsPerUser} explicit transactions open " +
        "(over the Query API and Bolt together), the most one user may have (Server:MaxTransactionsPerUser). " +
        "Commit or roll back one (DELETE /db/neo4j/query/v2/tx/{id}, or Bolt's COMMIT / ROLLBACK) before beginning another.");

    private static string Key(string? owner) => owner ?? "";

    private sealed class Lease(TransactionQuota quota, string key) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) quota.Leave(key);
        }
    }
}
