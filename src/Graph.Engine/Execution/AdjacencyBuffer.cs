using System.Runtime.InteropServices;
using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// A node's relationships, read in one call (<see cref="StorageTransaction.ReadRelationships"/>) into a list reused from
/// node to node. The list keeps the size of the largest adjacency read so far; past a small size that is counted against
/// the statement's memory limit (a hub of millions of relationships), and released when the buffer is disposed.
/// </summary>
internal sealed class AdjacencyBuffer : IDisposable
{
    /// <summary>A <see cref="RelationshipRef"/>: id, type, start and end.</summary>
    private const long EntryBytes = 32;

    /// <summary>Lists up to this capacity are not worth an account.</summary>
    private const int UncountedCapacity = 1024;

    private readonly List<RelationshipRef> _relationships = [];
    private MemoryAccount? _account;
    private int _countedCapacity;

    public int Count => _relationships.Count;

    public RelationshipRef this[int index] => _relationships[index];

    public ReadOnlySpan<RelationshipRef> AsSpan() => CollectionsMarshal.AsSpan(_relationships);

    /// <summary>Replaces the contents with <paramref name="node"/>'s relationships, in the order <see cref="StorageTransaction.Relationships"/> gives them.</summary>
    public void Read(QueryContext ctx, long node, Direction direction, IReadOnlyList<int>? types)
    {
        _relationships.Clear();
        ctx.Tx.ReadRelationships(node, direction, types, _relationships);
        var capacity = _relationships.Capacity;
        if (capacity <= UncountedCapacity || capacity <= _countedCapacity) return;
        _account ??= ctx.Memory.Open("the relationships of a node being expanded");
        _account.Reserve((capacity - _countedCapacity) * EntryBytes);
        _countedCapacity = capacity;
    }

    /// <summary>Empties the list, to be filled with <see cref="Add"/> (relationships found some other way).</summary>
    public void Clear() => _relationships.Clear();

    public void Add(RelationshipRef relationship) => _relationships.Add(relationship);

    public void Dispose() => _account?.Dispose();
}
