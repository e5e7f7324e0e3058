using Graph.Client;
using Graph.Engine.Execution;

namespace Graph.Engine.Planning;

/// <summary>A parsed, checked and planned statement: cached by query text and run many times.</summary>
public sealed class CompiledStatement
{
    public required string Query { get; init; }
    public required PlanOperator Root { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
    public required int[] ColumnSlots { get; init; }
    /// <summary>Width of every row: the number of slots the planner allocated.</summary>
    public required int SlotCount { get; init; }
    public required bool IsWrite { get; init; }
    public required bool IsSchema { get; init; }
    /// <summary>Names of the parameters the statement reads; a missing one fails before execution starts.</summary>
    public IReadOnlySet<string> Parameters { get; init; } = new HashSet<string>();

    public QueryType QueryType => IsSchema ? QueryType.SchemaWrite : !IsWrite ? QueryType.ReadOnly : Columns.Count > 0 ? QueryType.ReadWrite : QueryType.WriteOnly;

    /// <summary>The operator tree, one operator per line (like EXPLAIN).</summary>
    public string Explain() => Root.DescribeTree();
}
