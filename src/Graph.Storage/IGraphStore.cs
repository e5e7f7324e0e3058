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

public enum Direction
{
    Outgoing,
    Incoming,
    Both,
}

/// <summary>A relationship as seen by a transaction. Other is the far end relative to the node it was expanded from.</summary>
public readonly record struct RelationshipRef(long Id, int Type, long Start, long End)
{
    public long OtherEnd(long node) => node == Start ? End : Start;
}

public sealed record IndexDefinition(string Name, int Label, IReadOnlyList<int> PropertyKeys, bool Unique)
{
    /// <summary>Name of the owning constraint when this index backs a unique constraint.</summary>
    public string? ConstraintName { get; init; }
}

public sealed record ConstraintDefinition(string Name, int Label, IReadOnlyList<int> PropertyKeys);

public sealed class StoreOptions
{
    /// <summary>Directory of the database; null means purely in memory (tests, TCK).</summary>
    public string? Directory { get; init; }

    /// <summary>fsync the log at every commit (durability). Tests may turn it off for speed.</summary>
    public bool SyncOnCommit { get; init; } = true;

    /// <summary>Write a snapshot and truncate the log when the log grows past this many bytes.</summary>
    public long SnapshotThresholdBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How long a writer waits for the single write lock before failing with a transient error.</summary>
    public TimeSpan WriteLockTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// What opening found: how many log records were replayed over the snapshot and, when the end of the log was an
/// interrupted write that recovery cut off, the sentence saying so (every opener prints it). Damage is never cut
/// here: opening then fails with <see cref="StorageCorruptedException"/>.
/// </summary>
public sealed record RecoveryReport(long CommittedTransactionsReplayed, bool TornTailDiscarded, string? Message)
{
    /// <summary>The last commit in the store after recovery.</summary>
    public long LastCommit { get; init; }

    /// <summary>Bytes cut from the end of the log (0 when nothing was cut).</summary>
    public long DiscardedBytes { get; init; }
}

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

/// <summary>
/// Interns names to ints. Tokens are global to the store, created on first use
/// and never removed (like Neo4j's token stores).
/// </summary>
public abstract class TokenRegistry
{
    public abstract int GetOrCreateLabel(string name);
    public abstract int GetOrCreateRelationshipType(string name);
    public abstract int GetOrCreatePropertyKey(string name);

    /// <summary>-1 when the name was never used: a read can then short-circuit to "no match".</summary>
    public abstract int LabelId(string name);
    public abstract int RelationshipTypeId(string name);
    public abstract int PropertyKeyId(string name);

    public abstract string LabelName(int id);
    public abstract string RelationshipTypeName(int id);
    public abstract string PropertyKeyName(int id);

    public abstract IReadOnlyList<string> AllLabels { get; }
    public abstract IReadOnlyList<string> AllRelationshipTypes { get; }
    public abstract IReadOnlyList<string> AllPropertyKeys { get; }
}

/// <summary>
/// A transaction's view of the graph: committed state plus its own uncommitted changes.
/// Not thread-safe: one transaction is used by one thread at a time.
/// Deleted entities are invisible to reads after deletion within the same transaction.
/// </summary>
public abstract class StorageTransaction : IDisposable
{
    /// <summary>True for a transaction allowed to write (it takes the write lock at its first write).</summary>
    public abstract bool IsWrite { get; }
    public abstract bool IsOpen { get; }

    /// <summary>
    /// Cancels the wait for the write lock at this transaction's first write. Set from BeginTransaction's token;
    /// a transaction that runs several statements sets each statement's token here.
    /// </summary>
    public CancellationToken WriteLockCancellation { get; set; }

    /// <summary>
    /// Takes the write lock now, as the first write would: from here on the transaction reads the latest committed
    /// state (a bulk load that checks existing data before writing wants it). Waits in line like any writer.
    /// </summary>
    public abstract void LockForWriting();

    // ---- nodes
    public abstract IEnumerable<long> AllNodes();
    public abstract IEnumerable<long> NodesWithLabel(int label);
    public abstract bool NodeExists(long node);
    public abstract IReadOnlyList<int> NodeLabels(long node);
    public abstract bool NodeHasLabel(long node, int label);
    public abstract object? NodeProperty(long node, int key);
    public abstract IReadOnlyList<KeyValuePair<int, object>> NodeProperties(long node);

    // ---- relationships
    public abstract bool RelationshipExists(long rel);
    public abstract RelationshipRef Relationship(long rel);
    public abstract IEnumerable<long> AllRelationships();
    /// <summary>Relationships of a node in a direction, optionally restricted to some types (null = all types). Self-loops appear once for Both.</summary>
    public abstract IEnumerable<RelationshipRef> Relationships(long node, Direction direction, IReadOnlyList<int>? types = null);
    public abstract int Degree(long node, Direction direction, IReadOnlyList<int>? types = null);
    public abstract object? RelationshipProperty(long rel, int key);
    public abstract IReadOnlyList<KeyValuePair<int, object>> RelationshipProperties(long rel);

    // ---- schema and index lookups
    public abstract IReadOnlyList<IndexDefinition> Indexes { get; }
    public abstract IReadOnlyList<ConstraintDefinition> Constraints { get; }
    /// <summary>Nodes with the label whose property equals the value (Cypher equality: 1 = 1.0). Uses an index when one exists, else scans.</summary>
    public abstract IEnumerable<long> NodesByProperty(int label, int key, object value);
    /// <summary>True when an index (or unique constraint) on (label, key) makes <see cref="NodesByProperty"/> a seek.</summary>
    public abstract bool HasIndex(int label, int key);

    // ---- writes (throw ReadOnlyTransactionException on a read transaction; the engine maps it to AccessMode)
    public abstract long CreateNode(IReadOnlyList<int> labels, IReadOnlyList<KeyValuePair<int, object>> properties);
    /// <summary>Returns true when the label was not there before.</summary>
    public abstract bool AddLabel(long node, int label);
    public abstract bool RemoveLabel(long node, int label);
    /// <summary>value null removes the property. Returns true when something changed.</summary>
    public abstract bool SetNodeProperty(long node, int key, object? value);
    /// <summary>Deletes a node that has no relationships (the engine checks and detaches first).</summary>
    public abstract void DeleteNode(long node);
    public abstract long CreateRelationship(int type, long start, long end, IReadOnlyList<KeyValuePair<int, object>> properties);
    public abstract bool SetRelationshipProperty(long rel, int key, object? value);
    public abstract void DeleteRelationship(long rel);

    public abstract void CreateIndex(IndexDefinition index);
    public abstract void DropIndex(string name);
    /// <summary>Creates a unique constraint and its backing index; fails with <see cref="ConstraintViolationException"/> if existing data violates it.</summary>
    public abstract void CreateUniqueConstraint(ConstraintDefinition constraint);
    public abstract void DropConstraint(string name);

    /// <summary>
    /// Marks a point inside the transaction that <see cref="RollbackToSavepoint"/> returns to.
    /// The engine takes one before every statement so a failing statement leaves no trace.
    /// </summary>
    public abstract int CreateSavepoint();
    public abstract void RollbackToSavepoint(int savepoint);

    /// <summary>Makes the changes durable and visible to transactions that begin afterwards. Unique constraints are checked here at the latest.</summary>
    public abstract void Commit();
    public abstract void Rollback();

    public abstract void Dispose();
}

/// <summary>A unique constraint would be violated. Message names the label, key and value.</summary>
public sealed class ConstraintViolationException(string message) : Exception(message);

/// <summary>
/// A value or name cannot be stored as given (a map as a property, a string with an unpaired UTF-16 surrogate, ...).
/// The message names the property, label or type.
/// </summary>
public sealed class InvalidValueException(string message) : ArgumentException(message);

/// <summary>The store on disk is damaged beyond what recovery can repair.</summary>
public sealed class StorageCorruptedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A write named a node or relationship that does not exist (or was deleted in this transaction).</summary>
public sealed class EntityNotFoundException(string message) : Exception(message);

/// <summary>An index or constraint operation is invalid (name taken, equivalent exists, nothing to drop, ...).</summary>
public sealed class SchemaException(string message) : Exception(message);

/// <summary>A temporary condition (the write lock was not free in time); retrying later may succeed.</summary>
public sealed class TransientStorageException(string message) : Exception(message);

/// <summary>
/// A write transaction read an older state than the latest before its first write (another transaction committed in
/// between): writing on stale reads could lose that update, so the write is refused. Retrying the whole transaction succeeds.
/// </summary>
public sealed class TransactionOutdatedException(string message) : Exception(message);
