using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// For an Expand(Into) whose one end is the same node row after row (shared positions: <c>(a)-->(c)&lt;--(b)</c> with
/// <c>b</c> bound once): that node's relationships, read once and sorted by their other end, so each row finds the
/// relationships joining its two nodes by a binary search instead of reading either node's adjacency again. Built once
/// the rows with an end repeating have read as many relationships as that end has (so a hub repeated in pairs of rows
/// is never sorted for two lookups: at most twice the reads of going on without it); kept while the end goes on
/// repeating. Read-only statements only: the index does not see relationships created after it was built.
/// </summary>
internal sealed class FixedEndRelationships : IDisposable
{
    /// <summary>Per indexed relationship: the other end, the position in the node's adjacency (keeps parallel ones in order).</summary>
    private const long EntryBytes = 16;

    private const int UncountedEntries = 1024;

    private readonly AdjacencyBuffer _relationships = new();
    private (long Other, int Index)[] _keys = [];
    private int _count;
    private long _node = -1;
    private bool _nodeIsTarget;
    private IReadOnlyList<int>? _types;
    private long _previousFrom = -1, _previousTo = -1;

    /// <summary>Relationships read row by row since each end started repeating (see <see cref="Spent"/>).</summary>
    private long _readWhileFromRepeats, _readWhileToRepeats;
    private MemoryAccount? _account;
    private long _countedEntries;

    /// <summary>
    /// The relationships joining <paramref name="from"/> to <paramref name="to"/> (two different nodes) in
    /// <paramref name="direction"/>, into <paramref name="into"/>, in the order of the fixed end's adjacency; false
    /// (nothing read) when neither end is fixed yet, and the caller reads an adjacency as usual.
    /// </summary>
    public bool TryFind(QueryContext ctx, long from, long to, Direction direction, IReadOnlyList<int>? types, AdjacencyBuffer into)
    {
        var previousFrom = _previousFrom;
        var previousTo = _previousTo;
        _previousFrom = from;
        _previousTo = to;
        if (to != previousTo) _readWhileToRepeats = 0;
        if (from != previousFrom) _readWhileFromRepeats = 0;
        if (!(_node >= 0 && SameTypes(types, _types) && _node == (_nodeIsTarget ? to : from)))
        {
            if (to == previousTo && _readWhileToRepeats >= ctx.Tx.Degree(to, Reverse(direction), types))
                Build(ctx, to, Reverse(direction), types, nodeIsTarget: true);
            else if (from == previousFrom && _readWhileFromRepeats >= ctx.Tx.Degree(from, direction, types))
                Build(ctx, from, direction, types, nodeIsTarget: false);
            else return false;
        }
        var other = _nodeIsTarget ? from : to;
        var i = Array.BinarySearch(_keys, 0, _count, (other, -1));
        into.Clear();
        for (i = ~i; i < _count && _keys[i].Other == other; i++)
        {
            ctx.Tick();
            into.Add(_relationships[_keys[i].Index]);
        }
        return true;
    }

    /// <summary>The caller read <paramref name="relationships"/> for a row itself (<see cref="TryFind"/> was false).</summary>
    public void Spent(int relationships)
    {
        // one more for the call: a row that reads nothing still costs a read
        _readWhileFromRepeats += relationships + 1;
        _readWhileToRepeats += relationships + 1;
    }

    private void Build(QueryContext ctx, long node, Direction direction, IReadOnlyList<int>? types, bool nodeIsTarget)
    {
        _relationships.Read(ctx, node, direction, types);
        _count = _relationships.Count;
        if (_keys.Length < _count)
        {
            if (_count > UncountedEntries && _count > _countedEntries)
            {
                _account ??= ctx.Memory.Open("the relationships of a node fixed in an Expand(Into)");
                _account.Reserve((_count - _countedEntries) * EntryBytes);
                _countedEntries = _count;
            }
            _keys = new (long, int)[_count];
        }
        for (var i = 0; i < _count; i++)
        {
            ctx.Tick();
            _keys[i] = (_relationships[i].OtherEnd(node), i);
        }
        Array.Sort(_keys, 0, _count);
        _node = node;
        _nodeIsTarget = nodeIsTarget;
        _types = types;
    }

    /// <summary>The same type filter (a filter naming a type not yet created resolves to a new list each time).</summary>
    private static bool SameTypes(IReadOnlyList<int>? a, IReadOnlyList<int>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b));

    private static Direction Reverse(Direction direction) => direction switch
    {
        Direction.Outgoing => Direction.Incoming,
        Direction.Incoming => Direction.Outgoing,
        _ => Direction.Both,
    };

    public void Dispose()
    {
        _relationships.Dispose();
        _account?.Dispose();
    }
}
