using System.Runtime.InteropServices;
using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// A node's relationships, read in one call (<see cref="StorageTransaction.ReadRelationships"/>) into a list reused from
/// node to node. The list keeps the size of the largest adjacency read so far; past a small size that is counted against
/// the statement's memory limit (a hub of millions of relationships), and released when the buffer is disposed.
/// A small list is handed back to a per-thread pool on disposal and taken by the next buffer: a statement that expands
/// one expert's few relationships then grows no new list (about 1 KB per expand per statement otherwise).
/// </summary>
internal sealed class AdjacencyBuffer : IDisposable
{
    /// <summary>A <see cref="RelationshipRef"/>: id, type, start and end.</summary>
    private const long EntryBytes = 32;

    /// <summary>Lists up to this capacity are not worth an account.</summary>
    private const int UncountedCapacity = 1024;

    /// <summary>Lists up to this capacity (8 KB) go back to the thread's pool; a larger one is left to the GC.</summary>
    private const int PooledCapacity = 256;

    /// <summary>Lists a thread keeps for reuse (a statement's expands and search levels at once).</summary>
    private const int PoolSize = 4;

    [ThreadStatic] private static Stack<List<RelationshipRef>>? _pool;

    private List<RelationshipRef>? _relationships = _pool is { Count: > 0 } pool ? pool.Pop() : [];
    private MemoryAccount? _account;
    private int _countedCapacity;

    private List<RelationshipRef> Relationships => _relationships ?? throw new ObjectDisposedException(nameof(AdjacencyBuffer));

    public int Count => Relationships.Count;

    public RelationshipRef this[int index] => Relationships[index];

    public ReadOnlySpan<RelationshipRef> AsSpan() => CollectionsMarshal.AsSpan(Relationships);

    /// <summary>Replaces the contents with <paramref name="node"/>'s relationships, in the order <see cref="StorageTransaction.Relationships"/> gives them.</summary>
    public void Read(QueryContext ctx, long node, Direction direction, IReadOnlyList<int>? types)
    {
        var relationships = Relationships;
        relationships.Clear();
        ctx.Tx.ReadRelationships(node, direction, types, relationships);
        var capacity = relationships.Capacity;
        if (capacity <= UncountedCapacity || capacity <= _countedCapacity) return;
        _account ??= ctx.Memory.Open("the relationships of a node being expanded");
        _account.Reserve((capacity - _countedCapacity) * EntryBytes);
        _countedCapacity = capacity;
    }

    /// <summary>Empties the list, to be filled with <see cref="Add"/> (relationships found some other way).</summary>
    public void Clear() => Relationships.Clear();

    public void Add(RelationshipRef relationship) => Relationships.Add(relationship);

    public void Dispose()
    {
        _account?.Dispose();
        var relationships = _relationships;
        _relationships = null;
        if (relationships is null || relationships.Capacity > PooledCapacity) return;
        relationships.Clear();
        var pool = _pool ??= new Stack<List<RelationshipRef>>(PoolSize);
        if (pool.Count < PoolSize) pool.Push(relationships);
    }
}
