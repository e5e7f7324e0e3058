using System.Collections.Concurrent;
using Graph.Client;

namespace Graph.Neo4j.Tests.Server;

/// <summary>
/// A store that answers every statement with <see cref="Answer"/> and remembers the session configurations it was
/// given: for what the real engine cannot produce yet (plans), and to see what the server passes to the store (the user).
/// </summary>
internal sealed class ScriptedDriver(Func<string, QueryResult> answer) : IDriver
{
    public Func<string, QueryResult> Answer { get; } = answer;

    public ConcurrentQueue<SessionConfig> Sessions { get; } = new();

    public string Description => "scripted";

    public IAsyncSession AsyncSession(SessionConfig? config = null)
    {
        var effective = config ?? new SessionConfig();
        Sessions.Enqueue(effective);
        return new Session(this, effective);
    }

    public Task VerifyConnectivityAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Session(ScriptedDriver driver, SessionConfig config) : IAsyncSession
    {
        public SessionConfig Config => config;

        public IReadOnlyList<string> LastBookmarks => [];

        public Task<QueryResult> RunAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(driver.Answer(query));

        public Task<IAsyncTransaction> BeginTransactionAsync(TransactionConfig? config = null, CancellationToken cancellationToken = default) =>
            Task.FromResult<IAsyncTransaction>(new Transaction(driver));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Transaction(ScriptedDriver driver) : IAsyncTransaction
    {
        public bool IsOpen { get; private set; } = true;

        public Task<QueryResult> RunAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(driver.Answer(query));

        public Task CommitAsync(CancellationToken cancellationToken = default)
        {
            IsOpen = false;
            return Task.CompletedTask;
        }

        public Task RollbackAsync(CancellationToken cancellationToken = default)
        {
            IsOpen = false;
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
