using System.Runtime;

namespace Graph.Bench;

/// <summary>
/// What the runtime itself did around the measured code: the JIT's compilations (all threads, as tier-1 recompilation
/// runs in the background) and the GC's collections and pauses. Read before and after a workload's timed runs, so that a
/// cold run shows how much of its time was compilation or collection, and a warm one that the warm-up had ended them.
/// </summary>
public sealed record RuntimeWork
{
    public long CompiledMethods { get; init; }
    public double CompilationMs { get; init; }
    public int Gen0Collections { get; init; }
    public int Gen1Collections { get; init; }
    public int Gen2Collections { get; init; }
    public double GcPauseMs { get; init; }

    /// <summary>Methods first called during the tiering delays that ended in between (a warm run's listener only, else
    /// 0): code run for the first time, from an image or compiled, whose calls were then counted for tier 1.</summary>
    public long MethodsFirstCalled { get; init; }

    public static RuntimeWork Now() => new()
    {
        CompiledMethods = JitInfo.GetCompiledMethodCount(currentThread: false),
        CompilationMs = JitInfo.GetCompilationTime(currentThread: false).TotalMilliseconds,
        Gen0Collections = GC.CollectionCount(0),
        Gen1Collections = GC.CollectionCount(1),
        Gen2Collections = GC.CollectionCount(2),
        GcPauseMs = GC.GetTotalPauseDuration().TotalMilliseconds,
        MethodsFirstCalled = TieringActivity.IfListening?.NewMethodsCalled ?? 0,
    };

    /// <summary>The work done between two readings.</summary>
    public static RuntimeWork operator -(RuntimeWork after, RuntimeWork before) => new()
    {
        CompiledMethods = after.CompiledMethods - before.CompiledMethods,
        CompilationMs = after.CompilationMs - before.CompilationMs,
        Gen0Collections = after.Gen0Collections - before.Gen0Collections,
        Gen1Collections = after.Gen1Collections - before.Gen1Collections,
        Gen2Collections = after.Gen2Collections - before.Gen2Collections,
        GcPauseMs = after.GcPauseMs - before.GcPauseMs,
        MethodsFirstCalled = after.MethodsFirstCalled - before.MethodsFirstCalled,
    };
}
