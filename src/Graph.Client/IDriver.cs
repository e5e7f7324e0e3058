namespace Graph.Client;

/// <summary>
/// Entry point to a graph store. Named like Neo4j.Driver's IDriver so code reads the same
/// whichever store answers: the embedded engine or Neo4j over its Query API.
/// </summary>
public interface IDriver : IAsyncDisposable
{
    /// <summary>Opens a session. Sessions are cheap; open one per unit of work.</summary>
    IAsyncSession AsyncSession(SessionConfig? config = null);

    /// <summary>Checks the store is reachable and the credentials work; throws a <see cref="GraphException"/> otherwise.</summary>
    Task VerifyConnectivityAsync(CancellationToken cancellationToken = default);

    /// <summary>A short human-readable description of the store ("embedded:/path", "neo4j:http://host:7474/db/neo4j").</summary>
    string Description { get; }
}

public enum AccessMode
{
    Read,
    Write,
}

public sealed record SessionConfig
{
    /// <summary>Read sessions reject writes with <see cref="Neo4jStatus.AccessMode"/>.</summary>
    public AccessMode AccessMode { get; init; } = AccessMode.Write;

    /// <summary>Database name; null means the store's default ("neo4j").</summary>
    public string? Database { get; init; }

    /// <summary>Bookmarks to wait for before running (causal consistency). Ignored by stores that do not need them.</summary>
    public IReadOnlyList<string> Bookmarks { get; init; } = [];

    /// <summary>
    /// Who the session runs for, when a server authenticated the caller (SHOW CURRENT USER, dbms.showCurrentUser);
    /// null for in-process use. It grants nothing: access is decided by <see cref="AccessMode"/> and the server.
    /// </summary>
    public SessionUser? User { get; init; }

    public static SessionConfig Read { get; } = new() { AccessMode = AccessMode.Read };
    public static SessionConfig Write { get; } = new() { AccessMode = AccessMode.Write };
}

public sealed record TransactionConfig
{
    /// <summary>Maximum execution time; null uses the store's configured default.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Free-form metadata attached to the transaction (logged, never interpreted).</summary>
    public IReadOnlyDictionary<string, object?> Metadata { get; init; } = new Dictionary<string, object?>();
}

/// <summary>Something that can run a Cypher statement: a session (auto-commit) or an explicit transaction.</summary>
public interface IQueryRunner
{
    /// <summary>
    /// Runs one statement and returns its whole result. Parameters may hold the contract's value types
    /// (null, bool, long/int, double/float, string, lists, maps) and common .NET types that map onto them.
    /// </summary>
    Task<QueryResult> RunAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs one statement and returns a cursor over its records, produced as they are fetched (a server relays
    /// them without holding the result). At most one cursor is open per session or transaction: running another
    /// statement first buffers what is left of the open one. Stores that answer whole (the Query API) buffer.
    /// </summary>
    async Task<IResultCursor> StreamAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default) =>
        new BufferedResultCursor(await RunAsync(query, parameters, cancellationToken).ConfigureAwait(false));
}

public interface IAsyncSession : IQueryRunner, IAsyncDisposable
{
    SessionConfig Config { get; }

    /// <summary>Starts an explicit transaction. Only one transaction may be open per session.</summary>
    Task<IAsyncTransaction> BeginTransactionAsync(TransactionConfig? config = null, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="work"/> in a transaction that commits when it returns and rolls back when it throws.</summary>
    async Task<T> ExecuteWriteAsync<T>(Func<IAsyncTransaction, Task<T>> work, TransactionConfig? config = null, CancellationToken cancellationToken = default)
    {
        await using var tx = await BeginTransactionAsync(config, cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await work(tx).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch
        {
            if (tx.IsOpen) await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Bookmarks of the last committed transaction of this session.</summary>
    IReadOnlyList<string> LastBookmarks { get; }
}

public interface IAsyncTransaction : IQueryRunner, IAsyncDisposable
{
    /// <summary>True until commit or rollback (or a failure that ended the transaction).</summary>
    bool IsOpen { get; }

    Task CommitAsync(CancellationToken cancellationToken = default);

    Task RollbackAsync(CancellationToken cancellationToken = default);
}
