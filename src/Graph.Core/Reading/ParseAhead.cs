namespace Graph.Core.Reading;

/// <summary>
/// Runs <c>parse</c> over a known sequence of files a few files ahead of the consumer, each on its own thread, and
/// hands results back in the consumer's order. At most <c>ahead</c> results wait at any time, so memory stays
/// bounded by a few parsed files however large the corpus. A path outside the sequence is parsed on the spot.
/// </summary>
internal sealed class ParseAhead<T>(IReadOnlyList<string> paths, Func<string, T> parse, int ahead) : IDisposable
{
    private readonly Dictionary<string, int> _index = paths.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
    private readonly Dictionary<int, Task<T>> _started = [];
    private int _next;

    public T Get(string path)
    {
        if (!_index.TryGetValue(path, out var i)) return parse(path);
        for (; _next < paths.Count && _next <= i + Math.Max(0, ahead); _next++)
        {
            var file = paths[_next];
            // Dedicated threads: the consumer blocks on them, which must not starve the thread pool.
            _started[_next] = Task.Factory.StartNew(() => parse(file), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        if (!_started.Remove(i, out var task)) return parse(path);   // asked twice: parse again rather than keep every result
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Waits for parses nobody asked for (a document abandoned after a missing source.yaml), so no thread outlives the read.</summary>
    public void Dispose()
    {
        foreach (var task in _started.Values)
            try { task.Wait(); }
            catch (AggregateException) { }
        _started.Clear();
    }
}
