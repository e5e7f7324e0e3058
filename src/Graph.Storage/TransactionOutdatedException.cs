namespace Graph.Storage;

/// <summary>
/// A write transaction read an older state than the latest before its first write (another transaction committed in
/// between): writing on stale reads could lose that update, so the write is refused. Retrying the whole transaction succeeds.
/// </summary>
public sealed class TransactionOutdatedException(string message) : Exception(message);
