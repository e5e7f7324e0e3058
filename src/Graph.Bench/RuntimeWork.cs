using System.Diagnostics;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

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

    /// <summary>The methods compiled between two readings, by name and tier (warm runs only: heard by the listener; at most
    /// <see cref="MaxNamed"/>), else null.</summary>
    public List<CompiledMethod>? Compiled { get; init; }

    /// <summary>Wall time between the two readings whose methods are named (those at a later time were compiled after the
    /// timed runs, before the names were read: late events of the last calls' promotions).</summary>
    public double NamedWindowMs { get; init; }

    /// <summary>Methods named at most per reading (a cold run's first call compiles thousands).</summary>
    public const int MaxNamed = 40;

    /// <summary>The listener's count of compiled methods heard at this reading and its time (null: not listening).</summary>
    [JsonIgnore] public long? CompiledHeard { get; init; }
    [JsonIgnore] public DateTime TakenUtc { get; init; }

    /// <summary>The reading. Compiled optimized once, never tiered: taken twice per workload, a tiered reading would reach
    /// its promotion after some 30 workloads and be recompiled in the background during that workload's timed runs (seen:
    /// the listener's getter, promoted in endorsements' timed runs).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RuntimeWork Now() => new()
    {
        CompiledHeard = TieringActivity.IfListening?.CompiledSeen,
        TakenUtc = DateTime.UtcNow,
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

    /// <summary>
    /// This difference with the names of the methods compiled since <paramref name="before"/>, when a listener heard them
    /// (its events arrive through the runtime's event pipe a little later: waits up to <paramref name="maxWaitMs"/> for as
    /// many as the JIT counted; late events of compilations before it are left out). Their times are relative to
    /// <paramref name="before"/>'s reading; <paramref name="after"/> is the reading this difference ends with.
    /// </summary>
    public RuntimeWork NamingCompilations(RuntimeWork before, RuntimeWork after, double maxWaitMs = 2_000)
    {
        if (CompiledMethods <= 0 || before.CompiledHeard is not { } from || TieringActivity.IfListening is not { } listener) return this;
        // events heard after the first reading can still be late ones of compilations before it: those are left out
        List<CompiledMethod> Since() => listener.CompiledFrom(from, 10_000, before.TakenUtc).Where(m => m.AtMs >= -1).ToList();
        var waited = Stopwatch.StartNew();
        var named = Since();
        while (named.Count < CompiledMethods && waited.Elapsed.TotalMilliseconds < maxWaitMs)
        {
            Thread.Sleep(10);
            named = Since();
        }
        return this with
        {
            Compiled = named.Take(MaxNamed).ToList(),
            NamedWindowMs = Math.Round((after.TakenUtc - before.TakenUtc).TotalMilliseconds, 1),
        };
    }
}
