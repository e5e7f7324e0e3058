using Graph.Client;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Execution;

namespace Graph.Engine.Planning;

/// <summary>A parsed, checked and planned statement: cached by query text and run many times.</summary>
internal sealed class CompiledStatement
{
    public required string Query { get; init; }
    /// <summary>The operator tree, frozen by the planner before it hands the statement out (it is shared from then on).</summary>
    public required PlanOperator Root { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
    public required int[] ColumnSlots { get; init; }
    /// <summary>Width of every row: the number of slots the planner allocated.</summary>
    public required int SlotCount { get; init; }
    public required bool IsWrite { get; init; }
    public required bool IsSchema { get; init; }
    /// <summary>Names of the parameters the statement reads; a missing one fails before execution starts.</summary>
    public IReadOnlySet<string> Parameters { get; init; } = new HashSet<string>();

    /// <summary>The parameters by the numbers the plan's <c>$name</c> expressions read them with (none for a statement planned without any).</summary>
    internal StatementParameters? ParameterTable { get; init; }

    /// <summary>The names every execution looks up before it starts, in the order of their numbers in <see cref="ParameterTable"/>.</summary>
    internal string[] ParameterNames => field ??= ParameterTable?.Names ?? [.. Parameters];

    /// <summary>
    /// When the root is a projection computing every column: its evaluator per column, found once (see
    /// <see cref="ProjectOp.ColumnEvaluators"/>); the result cursor then builds records from the projection's source rows.
    /// </summary>
    internal Evaluator[]? RootColumnEvaluators =>
        (_rootColumns ??= new RootColumns(Root is ProjectOp projection ? projection.ColumnEvaluators(ColumnSlots) : null)).Evaluators;

    // boxed, so that "none" is also found only once; two threads racing make equal boxes
    private RootColumns? _rootColumns;

    private sealed record RootColumns(Evaluator[]? Evaluators);

    /// <summary>
    /// When the root projection's source is an index seek over the argument row (a point lookup): that seek, found once;
    /// a cursor evaluating the root's columns then binds the seek's nodes itself (<see cref="Driver.IndexSeekRows"/>).
    /// </summary>
    internal NodeIndexSeekOp? RootArgumentSeek =>
        (_rootSeek ??= new RootSeek(Root is ProjectOp projection && projection.Children.FirstOrDefault() is NodeIndexSeekOp { SeeksArgument: true } seek
            ? seek : null)).Seek;

    private RootSeek? _rootSeek;

    private sealed record RootSeek(NodeIndexSeekOp? Seek);

    public QueryType QueryType => ExplainedQueryType
        ?? (IsSchema ? QueryType.SchemaWrite : !IsWrite ? QueryType.ReadOnly : Columns.Count > 0 ? QueryType.ReadWrite : QueryType.WriteOnly);

    /// <summary>EXPLAIN (nothing runs: no write transaction, no parameters needed) or PROFILE; Normal otherwise.</summary>
    public ExecutionMode Mode { get; init; }

    /// <summary>For EXPLAIN: the type of the statement explained (which itself writes nothing).</summary>
    private QueryType? ExplainedQueryType { get; init; }

    /// <summary>Estimated rows per operator, from the store's counts when planned (EXPLAIN and PROFILE only).</summary>
    public IReadOnlyDictionary<PlanOperator, double>? Estimates { get; init; }

    /// <summary>The statement planned for EXPLAIN or PROFILE.</summary>
    internal CompiledStatement WithMode(ExecutionMode mode, IReadOnlyDictionary<PlanOperator, double> estimates) => new()
    {
        Query = Query,
        Root = Root,
        Columns = Columns,
        ColumnSlots = ColumnSlots,
        SlotCount = SlotCount,
        IsWrite = mode != ExecutionMode.Explain && IsWrite,
        IsSchema = mode != ExecutionMode.Explain && IsSchema,
        Parameters = Parameters,
        ParameterTable = ParameterTable,
        Mode = mode,
        ExplainedQueryType = mode == ExecutionMode.Explain ? QueryType : null,
        Estimates = estimates,
    };

    /// <summary>The operator tree, one operator per line (like EXPLAIN).</summary>
    public string Explain() => Root.DescribeTree();
}
