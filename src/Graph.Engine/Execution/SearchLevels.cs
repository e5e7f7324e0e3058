using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// The stack of a depth-first search over relationships: per level a node, its relationships (an
/// <see cref="AdjacencyBuffer"/>) and the next one to try. The buffers are kept for reuse by later levels and rows, so a
/// search allocates nothing once its deepest level has been reached.
/// </summary>
internal sealed class SearchLevels : IDisposable
{
    private readonly List<AdjacencyBuffer> _relationships = [];
    private readonly List<(long Node, int Next)> _levels = [];

    public int Count => _levels.Count;

    public void Clear() => _levels.Clear();

    private QueryContext? _prefetching;

    /// <summary>
    /// Reads a node's relationships as the new top level. With <paramref name="prefetchEnds"/> their far nodes are
    /// prefetched (<see cref="StorageTransaction.PrefetchNode"/>) a few relationships ahead of <see cref="TryNext"/>.
    /// </summary>
    public void Push(QueryContext ctx, long node, Direction direction, IReadOnlyList<int>? types, bool prefetchEnds = false)
    {
        var depth = _levels.Count;
        if (depth == _relationships.Count) _relationships.Add(new AdjacencyBuffer());
        var buffer = _relationships[depth];
        buffer.Read(ctx, node, direction, types);
        _levels.Add((node, 0));
        _prefetching = prefetchEnds && FarNodePrefetch.TryStart(ctx, buffer, node) ? ctx : null;
    }

    /// <summary>The top level's next relationship and its node; false when the level is exhausted (pop it).</summary>
    public bool TryNext(out long node, out RelationshipRef rel)
    {
        var top = _levels.Count - 1;
        var (at, next) = _levels[top];
        node = at;
        var buffer = _relationships[top];
        if (next >= buffer.Count)
        {
            rel = default;
            return false;
        }
        rel = buffer[next];
        _levels[top] = (at, next + 1);
        if (_prefetching is { } ctx) FarNodePrefetch.Next(ctx, buffer, at, next);
        return true;
    }

    public void Pop() => _levels.RemoveAt(_levels.Count - 1);

    public void Dispose()
    {
        foreach (var buffer in _relationships) buffer.Dispose();
    }
}
