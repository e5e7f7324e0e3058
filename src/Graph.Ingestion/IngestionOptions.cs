using Graph.Core;

namespace Graph.Ingestion;

public sealed record IngestionOptions
{
    /// <summary>Rows per UNWIND batch.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Read and plan everything, whatever the store's manifest says (the manifest makes unchanged documents free).</summary>
    public bool Full { get; init; }

    /// <summary>Plan and report, write nothing (the transaction is rolled back).</summary>
    public bool DryRun { get; init; }

    /// <summary>Database name for stores that have several (Neo4j); null = the store's default.</summary>
    public string? Database { get; init; }

    public GraphDataOptions GraphData { get; init; } = GraphDataOptions.Default;

    /// <summary>
    /// Recompute AGREES_WITH / DISAGREES_WITH after the load (default). The projection is quadratic in the stances
    /// per claim, so benchmark loads of millions of stances may turn it off and derive later.
    /// </summary>
    public bool DeriveNetwork { get; init; } = true;

    /// <summary>Which claims feed the derived network and how many pairs it may have (see <see cref="Planning.NetworkLimits"/>).</summary>
    public Planning.NetworkLimits Network { get; init; } = Planning.NetworkLimits.Default;

    /// <summary>Receives progress while writing (rows written of rows planned).</summary>
    public IProgress<IngestionProgress>? Progress { get; init; }

    /// <summary>
    /// Called after each batch is written, with its 1-based number. A test hook: throwing from it aborts the load
    /// in the middle of its writes, which must then leave the store untouched.
    /// </summary>
    public Func<int, Task>? AfterBatch { get; init; }
}
