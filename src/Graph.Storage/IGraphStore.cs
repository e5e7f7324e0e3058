namespace Graph.Storage;

// The contract between the Cypher runtime (Graph.Engine) and storage (Graph.Storage).
// The runtime touches the graph only through a StorageTransaction: it never sees committed
// structures directly, so storage is free to choose how it isolates readers from writers.
//
// Identifiers: nodes and relationships have 64-bit ids, never reused within one open store.
// Labels, relationship types and property keys are interned to int tokens (TokenId).
//
// Property values are "storable values": bool, long, double, string, or a list (object?[]) of those
// (Cypher allows homogeneous lists as property values). null is never stored: setting null removes.

/// <summary>A database: one directory (or memory). Thread-safe.</summary>
public interface IGraphStore : IDisposable
{
    /// <summary>
    /// Opens a transaction. Many read transactions run at once, each on the version current when it began. A write
    /// transaction holds nothing until it reads (then it reads the version current at its first read) or writes: its
    /// first write (or <see cref="StorageTransaction.LockForWriting"/>) takes the single write lock, granted in arrival
    /// order; waiting longer than <see cref="StoreOptions.WriteLockTimeout"/> throws <see cref="TransientStorageException"/>,
    /// <paramref name="cancellationToken"/> cancels the wait, and a transaction whose reads are older than the latest
    /// commit by then gets <see cref="TransactionOutdatedException"/>.
    /// </summary>
    StorageTransaction BeginTransaction(bool write, CancellationToken cancellationToken = default);

    TokenRegistry Tokens { get; }

    RecoveryReport Recovery { get; }

    /// <summary>Writes a snapshot now and truncates the log (also done automatically past the threshold).</summary>
    void Checkpoint();

    /// <summary>Counts for statistics-based planning (committed state).</summary>
    long NodeCount { get; }
    long RelationshipCount { get; }
    long CountNodesWithLabel(int label);
}
