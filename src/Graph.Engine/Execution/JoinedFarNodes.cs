using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// The far nodes of one node's relationships (<see cref="FarNodeJoin"/>), sorted, for an expand to drop at once the
/// rows its next hop would find no relationship for: a far node not among them costs a binary search instead of its
/// label check, its node and relationship values and the next hop's adjacency read. Built for a node only when that
/// costs no more than a few times what the expand reads anyway (its own adjacency, or the rows that already read as
/// much as the node has while it repeated), and kept while the node repeats from row to row.
/// Read-only statements only: the set does not see relationships created after it was built.
/// </summary>
internal sealed class JoinedFarNodes : IDisposable
{
    /// <summary>A far node id in the sorted array.</summary>
    private const long EntryBytes = 8;

    private const int UncountedEntries = 1024;

    /// <summary>How many times the expand's own adjacency a node's may be to be read for one row.</summary>
    private const int ReadFactor = 4;

    /// <summary>A node this small is always read (its call costs about what a few rows' checks do).</summary>
    private const int AlwaysRead = 64;

    private readonly AdjacencyBuffer _relationships = new();
    private long[] _others = [];
    private int _count;
    private long _node = -1;
    private IReadOnlyList<int>? _types;
    private long _previous = -1;
    private long _readWhileRepeating;
    private MemoryAccount? _account;
    private long _countedEntries;

    /// <summary>
    /// True when the far nodes joined to <paramref name="node"/> are known, and <see cref="Contains"/> answers for
    /// them; false when reading them would cost more than the expand's <paramref name="expandDegree"/> relationships
    /// are worth (then every row goes on to the next hop as without a join).
    /// </summary>
    public bool Prepare(QueryContext ctx, long node, Direction direction, IReadOnlyList<int>? types, int expandDegree)
    {
        if (node == _node && SameTypes(types, _types)) return true;
        if (node != _previous)
        {
            _previous = node;
            _readWhileRepeating = 0;
        }
        var degree = ctx.Tx.Degree(node, direction, types);
        if (degree > (long)ReadFactor * expandDegree + AlwaysRead && _readWhileRepeating < degree)
        {
            // one more for the call: a row that reads nothing still costs a read
            _readWhileRepeating += expandDegree + 1;
            return false;
        }
        Build(ctx, node, direction, types);
        return true;
    }

    /// <summary>Whether <paramref name="far"/> is at the other end of one of the prepared node's relationships.</summary>
    public bool Contains(long far) => Array.BinarySearch(_others, 0, _count, far) >= 0;

    private void Build(QueryContext ctx, long node, Direction direction, IReadOnlyList<int>? types)
    {
        _relationships.Read(ctx, node, direction, types);
        _count = _relationships.Count;
        if (_others.Length < _count)
        {
            if (_count > UncountedEntries && _count > _countedEntries)
            {
                _account ??= ctx.Memory.Open("the far nodes of a node a pattern's next hop joins to");
                _account.Reserve((_count - _countedEntries) * EntryBytes);
                _countedEntries = _count;
            }
            _others = new long[_count];
        }
        var relationships = _relationships.AsSpan();
        for (var i = 0; i < _count; i++)
        {
            ctx.Tick();
            _others[i] = relationships[i].OtherEnd(node);
        }
        Array.Sort(_others, 0, _count);
        _node = node;
        _types = types;
    }

    /// <summary>The same type filter (a filter naming a type not yet created resolves to a new list each time).</summary>
    private static bool SameTypes(IReadOnlyList<int>? a, IReadOnlyList<int>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b));

    public void Dispose()
    {
        _relationships.Dispose();
        _account?.Dispose();
    }
}
