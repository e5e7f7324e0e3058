namespace Graph.Ingestion.Hosting;

/// <summary>
/// The "Ingestion" configuration section (appsettings.json, GRAPH_Ingestion__BatchSize, --batch-size ...).
/// </summary>
public sealed class IngestionSettings
{
    public const string Section = "Ingestion";

    public string DataDirectory { get; set; } = "graph-data";

    /// <summary>"embedded" (default) or "neo4j".</summary>
    public string Target { get; set; } = "embedded";

    /// <summary>Directory of the embedded database; null = $GRAPH_DB or ./.graph/db.</summary>
    public string? DatabaseDirectory { get; set; }

    public bool DryRun { get; set; }

    /// <summary>Read and plan everything, whatever the store's manifest says (normally only changed documents are read).</summary>
    public bool Full { get; set; }

    public int BatchSize { get; set; } = 1000;

    /// <summary>Recompute the discourse network (AGREES_WITH / DISAGREES_WITH) after each load.</summary>
    public bool DeriveNetwork { get; set; } = true;

    /// <summary>Claims with more participants are left out of the derived network (see <see cref="Planning.NetworkLimits"/>).</summary>
    public int NetworkMaxClaimParticipants { get; set; } = Planning.NetworkLimits.DefaultMaxClaimParticipants;

    /// <summary>Most pairs the derived network may have; a load above it fails before writing.</summary>
    public long NetworkPairBudget { get; set; } = Planning.NetworkLimits.DefaultPairBudget;

    /// <summary>Keep running and reload when graph-data changes.</summary>
    public bool Watch { get; set; }

    /// <summary>Quiet time after the last file change before a reload starts (editors write files in several steps).</summary>
    public int DebounceMilliseconds { get; set; } = 500;
}
