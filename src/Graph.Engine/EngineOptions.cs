namespace Graph.Engine;

/// <summary>Settings of the embedded engine.</summary>
public sealed class EngineOptions
{
    /// <summary>Default maximum execution time of a statement; null means no limit. A transaction's own timeout wins.</summary>
    public TimeSpan? QueryTimeout { get; init; }

    /// <summary>Upper bound of an unbounded variable-length pattern (<c>*</c>, <c>*2..</c>); asking for more is an error.</summary>
    public int MaxVariableLengthDepth { get; init; } = 32;

    /// <summary>How many parsed and planned statements are kept, keyed by query text.</summary>
    public int PlanCacheSize { get; init; } = 256;

    /// <summary>fsync the log at every commit (durability). Tests may turn it off for speed.</summary>
    public bool SyncOnCommit { get; init; } = true;

    /// <summary>How long a writer waits for the single write lock.</summary>
    public TimeSpan WriteLockTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
