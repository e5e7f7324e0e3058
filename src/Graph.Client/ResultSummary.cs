namespace Graph.Client;

public sealed record ResultSummary
{
    public required string Query { get; init; }
    public Counters Counters { get; init; } = Counters.None;
    public QueryType QueryType { get; init; } = QueryType.ReadOnly;
    public IReadOnlyList<Notification> Notifications { get; init; } = [];
    /// <summary>Time until the result was available (execution time for eager stores).</summary>
    public TimeSpan ResultAvailableAfter { get; init; }
    /// <summary>Bookmark of the transaction that produced this result, when it committed (auto-commit only).</summary>
    public string? Bookmark { get; init; }
    /// <summary>The plan, for a statement prefixed with EXPLAIN (no rows are produced) or PROFILE (with what each operator did).</summary>
    public PlanDescription? Plan { get; init; }
}
