using Graph.Client;
using Graph.Engine.Execution;
using Graph.Engine.Planning;

namespace Graph.Engine.Driver;

/// <summary>One PROFILE execution: its result, the (shared) plan it ran and its own per-operator record.</summary>
internal sealed record ProfiledRun(QueryResult Result, CompiledStatement Plan, ExecutionProfile Profile)
{
    /// <summary>The single operator of type <typeparamref name="T"/> in the plan and what it did in this execution.</summary>
    public OperatorStatistics Single<T>() where T : PlanOperator => Profile.For(Plan.Root.Descendants().OfType<T>().Single());

    /// <summary>What each operator of type <typeparamref name="T"/> did, in plan order.</summary>
    public IReadOnlyList<OperatorStatistics> All<T>() where T : PlanOperator => Plan.Root.Descendants().OfType<T>().Select(Profile.For).ToList();
}
