namespace Graph.Client;

/// <summary>
/// One operator of a query plan, as Neo4j reports it for EXPLAIN (the plan) and PROFILE (the plan with what
/// each operator did): Bolt sends it as the "plan"/"profile" entry of the summary, the Query API as
/// "queryPlan"/"profiledQueryPlan".
/// </summary>
public sealed record PlanDescription
{
    /// <summary>Neo4j's operator name, e.g. "NodeIndexSeek", "Expand(All)", "ProduceResults".</summary>
    public required string OperatorType { get; init; }

    /// <summary>Operator arguments (Neo4j: "Details", "EstimatedRows", "planner", "runtime", ...).</summary>
    public IReadOnlyDictionary<string, object?> Arguments { get; init; } = new Dictionary<string, object?>();

    /// <summary>The variables the operator's rows carry.</summary>
    public IReadOnlyList<string> Identifiers { get; init; } = [];

    public IReadOnlyList<PlanDescription> Children { get; init; } = [];

    /// <summary>PROFILE only: rows the operator produced; null for EXPLAIN.</summary>
    public long? Rows { get; init; }

    /// <summary>PROFILE only: store accesses the operator made; null for EXPLAIN.</summary>
    public long? DbHits { get; init; }

    /// <summary>PROFILE only: time spent in the operator, in nanoseconds (Neo4j's "time"); null for EXPLAIN.</summary>
    public long? TimeNanoseconds { get; init; }

    public bool IsProfile => Rows is not null;
}
