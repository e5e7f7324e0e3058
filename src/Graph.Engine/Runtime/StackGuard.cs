using System.Runtime.CompilerServices;
using Graph.Client;

namespace Graph.Engine.Runtime;

/// <summary>
/// The last line of defence against a stack overflow, which would kill the whole process: every operator looks at the
/// room left on the machine stack when it starts, and a statement that would go deeper than this thread allows fails
/// cleanly. <see cref="EngineOptions.MaxPlanDepth"/> refuses such plans before they run; this catches threads with a
/// smaller stack than that limit assumes, and plans nested in subqueries.
/// </summary>
internal static class StackGuard
{
    public static void Ensure()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw TooDeep();
    }

    public static ClientException TooDeep(Exception? inner = null) =>
        new(Neo4jStatus.ExecutionFailed,
            "The statement nests operators, subqueries or values deeper than this thread's stack allows; simplify it or split it " +
            $"into several statements (plans are limited to EngineOptions.MaxPlanDepth = {EngineOptions.DefaultMaxPlanDepth:N0} levels by default).", inner)
        { Phase = ErrorPhase.Runtime };
}
