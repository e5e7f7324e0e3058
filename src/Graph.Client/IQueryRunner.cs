namespace Graph.Client;

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
