namespace Graph.Server;

/// <summary>What the server is doing right now: statements running and explicit transactions open (for tests, benchmarks and monitoring).</summary>
public sealed class ServerActivity
{
    private int _running;
    private int _transactions;

    /// <summary>Query API statements whose result is being produced or sent.</summary>
    public int RunningStatements => Volatile.Read(ref _running);

    /// <summary>Explicit transactions open over the Query API.</summary>
    public int OpenTransactions => Volatile.Read(ref _transactions);

    internal IDisposable StatementStarted()
    {
        Interlocked.Increment(ref _running);
        return new Release(() => Interlocked.Decrement(ref _running));
    }

    internal void TransactionOpened() => Interlocked.Increment(ref _transactions);

    internal void TransactionClosed() => Interlocked.Decrement(ref _transactions);

    private sealed class Release(Action action) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) action();
        }
    }
}
