using System.Diagnostics.Tracing;
using System.Runtime;

namespace Graph.Bench;

/// <summary>
/// The runtime's tiered compilation as its events tell it (keyword TieredCompilation of
/// "Microsoft-Windows-DotNETRuntime"). The JIT's compiled-method count alone does not show pending work: while methods
/// are called for the first time (from a ReadyToRun image too, which compiles nothing), the runtime keeps delaying call
/// counting (the tiering delay: "TieredCompilationPause" until "TieredCompilationResume", extended by 100 ms after each
/// such first call), and promotions to tier 1 already due wait in a queue without being compiled. A warm-up can then see
/// a quiet JIT with hundreds of methods about to be recompiled the moment the delay ends (docs/decisions.md, 26).
/// </summary>
public sealed class TieringActivity : EventListener
{
    private const EventKeywords TieredCompilationKeyword = (EventKeywords)0x10_0000_0000L;
    private const EventKeywords JitKeyword = (EventKeywords)0x10;

    /// <summary>Compiled methods kept by name (a cold process's warm-up compiles a few thousand; the rest are counted only).</summary>
    public const int MaxCompiledKept = 20_000;

    private static readonly Lazy<TieringActivity> LazyShared = new(() =>
    {
        var made = new TieringActivity();
        Volatile.Write(ref s_made, made);
        return made;
    });

    /// <summary>One listener per process, made on first use (its events flow from then on).</summary>
    public static TieringActivity Shared => LazyShared.Value;

    /// <summary>The listener if a warm measurement made it, else null: a cold run does not start one (its session and
    /// dispatch thread would run during the cold statement).</summary>
    public static TieringActivity? IfListening => Volatile.Read(ref s_made);

    // set when the shared listener is made: read by every runtime reading, so a plain field read (Lazy's IsValueCreated
    // was a call that tiering promoted during a workload's timed runs)
    private static TieringActivity? s_made;

    private long _events;
    private long _newMethodsCalled;
    private int _delayActive;
    private int _backgroundActive;
    private readonly List<(string Name, string Tier, long Bytes, DateTime At)> _compiled = [];
    private long _compiledSeen;

    /// <summary>Tiering events seen so far (delay started or ended, background compilation started or stopped).</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Methods called for the first time during the tiering delays that ended so far (their calls were not
    /// counted yet, so they may still be promoted to tier 1).</summary>
    public long NewMethodsCalled => Interlocked.Read(ref _newMethodsCalled);

    /// <summary>True between a delay's start and its end: call counting waits and queued promotions are not compiled.</summary>
    public bool DelayActive => Volatile.Read(ref _delayActive) != 0;

    /// <summary>True between a background compilation batch's start and its stop: on a loaded machine one batch can take
    /// longer than a settle window while the compiled-method count does not move until its first method is done.</summary>
    public bool BackgroundActive => Volatile.Read(ref _backgroundActive) != 0;

    /// <summary>What the settle reads: the JIT's count on all threads, and the tiering events and state.</summary>
    public JitActivity Now() => new(JitInfo.GetCompiledMethodCount(currentThread: false), Events, DelayActive || BackgroundActive);

    /// <summary>MethodLoadVerbose events heard so far: one per method the JIT compiled while listening (any thread).</summary>
    public long CompiledSeen => Interlocked.Read(ref _compiledSeen);

    /// <summary>The compiled methods heard from the <paramref name="from"/>-th on (at most <paramref name="max"/>), with
    /// their load time relative to <paramref name="origin"/>.</summary>
    public List<CompiledMethod> CompiledFrom(long from, int max, DateTime origin)
    {
        lock (_compiled)
        {
            var list = new List<CompiledMethod>();
            for (var i = (int)Math.Min(from, _compiled.Count); i < _compiled.Count && list.Count < max; i++)
            {
                var (name, tier, bytes, at) = _compiled[i];
                list.Add(new CompiledMethod(name, tier, bytes, Math.Round((at - origin).TotalMilliseconds, 1)));
            }
            return list;
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        // Verbose for the JIT keyword: MethodLoadVerbose names each compiled method (RuntimeWork names those of the timed runs).
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, TieredCompilationKeyword | JitKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        var name = e.EventName;
        if (name is not null && name.StartsWith("MethodLoadVerbose", StringComparison.Ordinal))
        {
            RecordCompiled(e);
            return;
        }
        if (name is null || !name.StartsWith("TieredCompilation", StringComparison.Ordinal)
            || name.StartsWith("TieredCompilationSettings", StringComparison.Ordinal))
            return;
        if (name.StartsWith("TieredCompilationPause", StringComparison.Ordinal))
            Volatile.Write(ref _delayActive, 1);
        else if (name.StartsWith("TieredCompilationBackgroundJitStart", StringComparison.Ordinal))
            Volatile.Write(ref _backgroundActive, 1);
        else if (name.StartsWith("TieredCompilationBackgroundJitStop", StringComparison.Ordinal))
            Volatile.Write(ref _backgroundActive, 0);
        else if (name.StartsWith("TieredCompilationResume", StringComparison.Ordinal))
        {
            Volatile.Write(ref _delayActive, 0);
            var at = e.PayloadNames?.IndexOf("NewMethodCount") ?? -1;
            if (at >= 0 && e.Payload?[at] is { } count) Interlocked.Add(ref _newMethodsCalled, Convert.ToInt64(count));
        }
        Interlocked.Increment(ref _events);
    }

    private void RecordCompiled(EventWrittenEventArgs e)
    {
        object? Field(string field) => e.PayloadNames?.IndexOf(field) is >= 0 and var at ? e.Payload?[at] : null;
        var flags = Convert.ToInt64(Field("MethodFlags") ?? 0L);
        var method = $"{Field("MethodNamespace")}::{Field("MethodName")}";
        lock (_compiled)
        {
            if (_compiled.Count < MaxCompiledKept)
                _compiled.Add((method, CompiledMethod.TierOf(flags), Convert.ToInt64(Field("MethodSize") ?? 0L), e.TimeStamp.ToUniversalTime()));
        }
        Interlocked.Increment(ref _compiledSeen);
    }
}
