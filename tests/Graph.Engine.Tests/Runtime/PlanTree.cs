using Graph.Client;

namespace Graph.Engine.Tests.Runtime;

/// <summary>A plan's operators, for tests that look for one by its type.</summary>
internal static class PlanTree
{
    /// <summary>The plan's root and every operator beneath it, depth first.</summary>
    public static IEnumerable<PlanDescription> Flatten(PlanDescription plan) => [plan, .. plan.Children.SelectMany(Flatten)];
}
