namespace Graph.Bolt.Server;

/// <summary>Connections per key (a client address, a user name), each key capped; thread-safe.</summary>
internal sealed class ConnectionCounts(int max)
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Max => max;

    /// <summary>Counts one more connection for <paramref name="key"/>; false (nothing counted) when it already has <see cref="Max"/>.</summary>
    public bool TryEnter(string key)
    {
        lock (_lock)
        {
            var count = _counts.GetValueOrDefault(key);
            if (count >= max) return false;
            _counts[key] = count + 1;
            return true;
        }
    }

    public void Leave(string key)
    {
        lock (_lock)
        {
            if (_counts.GetValueOrDefault(key) <= 1) _counts.Remove(key);
            else _counts[key]--;
        }
    }
}
