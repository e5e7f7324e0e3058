namespace Graph.Engine;

/// <summary>Settings of the embedded engine. The limits and their defaults are explained in the engine's README ("Limits").</summary>
public sealed record EngineOptions
{
    /// <summary>
    /// The default of <see cref="QueryMemoryLimit"/>: a quarter of the memory available to the process (the machine's, or
    /// its container's or heap limit), at least 64 MiB. One statement can then never take the process down alone, and
    /// the largest statements the project runs (the query library's whole network of two million pairs, sorted and
    /// buffered: about 1.7 GiB estimated) fit on a machine of 8 GB or more.
    /// </summary>
    public static long DefaultQueryMemoryLimit { get; } = Math.Max(64L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);

    /// <summary>The default of <see cref="MaxPlanDepth"/>.</summary>
    public const int DefaultMaxPlanDepth = 2000;

    /// <summary>
    /// Default maximum execution time of a statement; null (the default) means no limit: the host sets its policy
    /// (<c>graph serve</c> has Server:QueryTimeout). A transaction's own timeout (TransactionConfig.Timeout) wins.
    /// </summary>
    public TimeSpan? QueryTimeout { get; init; }

    /// <summary>
    /// Most memory one statement may hold at a time, in bytes (rows kept by sorts, DISTINCT, aggregation and eager
    /// operators, collected lists, built strings and lists, search state, the records RunAsync buffers, and what it
    /// writes); past it the statement fails with Neo.TransientError.General.MemoryPoolOutOfMemoryError. Null: no limit.
    /// </summary>
    public long? QueryMemoryLimit { get; init; } = DefaultQueryMemoryLimit;

    /// <summary>
    /// Deepest plan a statement may compile to: operators nested in each other, counting subqueries inside the operator
    /// that runs them. Every clause and every pattern hop adds at least one level, and execution goes one level down the
    /// machine stack per level, so this bounds the stack a statement needs.
    /// </summary>
    public int MaxPlanDepth { get; init; } = DefaultMaxPlanDepth;

    /// <summary>Upper bound of an unbounded variable-length pattern (<c>*</c>, <c>*2..</c>); asking for more is an error.</summary>
    public int MaxVariableLengthDepth { get; init; } = 32;

    /// <summary>How many parsed and planned statements are kept, keyed by query text.</summary>
    public int PlanCacheSize { get; init; } = 256;

    /// <summary>fsync the log at every commit (durability). Tests may turn it off for speed.</summary>
    public bool SyncOnCommit { get; init; } = true;

    /// <summary>How long a writer waits for the single write lock.</summary>
    public TimeSpan WriteLockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock of time limits (tests inject one that advances as they choose).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
