namespace Graph.Bench;

/// <summary>
/// One method the JIT compiled, as the runtime's MethodLoadVerbose event tells it: its name, the code version's tier
/// (tier 0, tier 1, OSR, instrumented…), its code size, and when it was loaded, in milliseconds after the window that
/// asked for it began (so a reader can tell a late arrival of the warm-up's events from a compilation in the timed runs).
/// </summary>
public sealed record CompiledMethod(string Name, string Tier, long CodeBytes, double AtMs)
{
    /// <summary>The optimization tier the runtime encodes in MethodFlags bits 7–9 (eventtrace's JitOptimizationTier).</summary>
    public static string TierOf(long methodFlags) => ((methodFlags >> 7) & 0x7) switch
    {
        1 => "minopts",
        2 => "optimized",
        3 => "tier0",
        4 => "tier1",
        5 => "tier1-OSR",
        6 => "tier0-instrumented",
        7 => "tier1-instrumented",
        _ => "unknown",
    };
}
