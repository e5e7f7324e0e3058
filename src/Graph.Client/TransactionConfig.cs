namespace Graph.Client;

public sealed record TransactionConfig
{
    /// <summary>Maximum execution time; null uses the store's configured default.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Free-form metadata attached to the transaction (logged, never interpreted).</summary>
    public IReadOnlyDictionary<string, object?> Metadata { get; init; } = new Dictionary<string, object?>();
}
