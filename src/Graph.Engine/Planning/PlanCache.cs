namespace Graph.Engine.Planning;

/// <summary>A small thread-safe LRU cache of compiled statements keyed by query text.</summary>
public sealed class PlanCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, CompiledStatement Value)>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, CompiledStatement Value)> _lru = new();
    private readonly object _lock = new();

    public int Count
    {
        get { lock (_lock) return _map.Count; }
    }

    public long Hits;
    public long Misses;

    public CompiledStatement GetOrAdd(string query, Func<string, CompiledStatement> compile)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(query, out var node))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                Hits++;
                return node.Value.Value;
            }
        }
        var compiled = compile(query);
        lock (_lock)
        {
            Misses++;
            if (capacity <= 0) return compiled;
            if (_map.TryGetValue(query, out var existing)) return existing.Value.Value;
            var node = _lru.AddFirst((query, compiled));
            _map[query] = node;
            while (_map.Count > capacity)
            {
                var last = _lru.Last!;
                _lru.RemoveLast();
                _map.Remove(last.Value.Key);
            }
            return compiled;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _map.Clear();
            _lru.Clear();
        }
    }
}
