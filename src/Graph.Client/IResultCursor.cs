namespace Graph.Client;

/// <summary>
/// A result read record by record, as Neo4j.Driver's IResultCursor: the store produces records as they are
/// fetched, so a large result is never held whole by the store or by a server relaying it. Fetch until
/// <see cref="FetchAsync"/> returns false, then read the summary with <see cref="ConsumeAsync"/>.
/// </summary>
/// <remarks>
/// Disposing a cursor that was not consumed ends it as Neo4j does: a statement that writes still runs to its
/// end (and an auto-commit one commits); a read-only statement simply stops.
/// </remarks>
public interface IResultCursor : IAsyncDisposable
{
    /// <summary>The column names, known before the first record.</summary>
    IReadOnlyList<string> Keys { get; }

    /// <summary>Moves to the next record; false when there is none. A failure of the statement is thrown here.</summary>
    ValueTask<bool> FetchAsync(CancellationToken cancellationToken = default);

    /// <summary>The record <see cref="FetchAsync"/> moved to.</summary>
    Record Current { get; }

    /// <summary>Runs the statement to its end without returning the remaining records, and returns the summary.</summary>
    Task<ResultSummary> ConsumeAsync(CancellationToken cancellationToken = default);
}
