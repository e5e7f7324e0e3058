namespace Graph.Client;

/// <summary>A cursor over a result that a store returned whole (the Query API answers a statement in one response).</summary>
public sealed class BufferedResultCursor(QueryResult result) : IResultCursor
{
    private int _next;
    private Record? _current;

    public IReadOnlyList<string> Keys => result.Keys;

    public Record Current => _current ?? throw new InvalidOperationException("Call FetchAsync first: the cursor is before its first record.");

    public ValueTask<bool> FetchAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_next >= result.Records.Count) return ValueTask.FromResult(false);
        _current = result.Records[_next++];
        return ValueTask.FromResult(true);
    }

    public Task<ResultSummary> ConsumeAsync(CancellationToken cancellationToken = default)
    {
        _next = result.Records.Count;
        return Task.FromResult(result.Summary);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
