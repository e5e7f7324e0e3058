namespace Graph.Engine.Planning;

/// <summary>
/// A small thread-safe LRU cache of compiled statements keyed by query text and the schema version they were planned
/// against. A statement compiles outside the lock and is then published; an entry planned against an older schema is
/// never served to a caller that saw a newer one (it is replanned), so a schema change racing with a compilation cannot
/// leave a stale plan behind. Nothing is ever cleared.
/// </summary>
internal sealed class PlanCache(int capacity)
{
    private readonly record struct Entry(string Key, long SchemaVersion, CompiledStatement Value);

    private readonly Dictionary<string, LinkedListNode<Entry>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _lru = new();
    private readonly Lock _lock = new();
    private long _hits;
    private long _misses;

    public int Count
    {
        get { lock (_lock) return _map.Count; }
    }

    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>False for a capacity of 0: every run plans its statement again.</summary>
    public bool Enabled => capacity > 0;

    /// <summary>Counts a hit served without looking here (a session's recent statements).</summary>
    public void CountHit() => Interlocked.Increment(ref _hits);

    /// <param name="query">The statement's text.</param>
    /// <param name="schemaVersion">The schema version the caller sees now (read before compiling).</param>
    /// <param name="compile">Plans the statement; runs outside the lock.</param>
    public CompiledStatement GetOrAdd(string query, long schemaVersion, Func<string, CompiledStatement> compile)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(query, out var node) && node.Value.SchemaVersion >= schemaVersion)
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                Interlocked.Increment(ref _hits);
                return node.Value.Value;
            }
        }
        var compiled = compile(query);
        lock (_lock)
        {
            Interlocked.Increment(ref _misses);
            if (capacity <= 0) return compiled;
            if (_map.TryGetValue(query, out var existing))
            {
                // another caller published one meanwhile: keep whichever saw the newer schema
                if (existing.Value.SchemaVersion >= schemaVersion) return existing.Value.Value;
                _lru.Remove(existing);
            }
            _map[query] = _lru.AddFirst(new Entry(query, schemaVersion, compiled));
            while (_map.Count > capacity)
            {
                var last = _lru.Last!;
                _lru.RemoveLast();
                _map.Remove(last.Value.Key);
            }
            return compiled;
        }
    }
}
