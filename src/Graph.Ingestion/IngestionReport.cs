using Graph.Client;
using Graph.Core.Diagnostics;

namespace Graph.Ingestion;

/// <summary>The outcome of one load: diagnostics, what changed, and the store's contents afterwards.</summary>
public sealed class IngestionReport
{
    public required string DataDirectory { get; init; }
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }
    public bool DryRun { get; init; }

    /// <summary>Whether the load read everything, only what changed, or nothing (the store's manifest matched every file).</summary>
    public LoadMode Mode { get; init; } = LoadMode.Full;

    /// <summary>Documents read and planned (all of them in a full load).</summary>
    public int DocumentsRead { get; init; }

    /// <summary>False when graph-data has errors: then nothing was written.</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>Created / updated / deleted / unchanged per node label (Expert, Claim, ...).</summary>
    public IReadOnlyDictionary<string, Planning.ChangeCount> Nodes { get; init; } = new Dictionary<string, Planning.ChangeCount>();

    /// <summary>Created / updated / deleted per relationship type (stances from the plan, the rest from the store's counters).</summary>
    public IReadOnlyDictionary<string, Planning.ChangeCount> Relationships { get; init; } = new Dictionary<string, Planning.ChangeCount>();

    /// <summary>Nodes per label and relationships per type in the store after the load.</summary>
    public IReadOnlyDictionary<string, long> NodeCounts { get; init; } = new Dictionary<string, long>();
    public IReadOnlyDictionary<string, long> RelationshipCounts { get; init; } = new Dictionary<string, long>();

    /// <summary>The store's own update counters, summed over every statement of the load.</summary>
    public Counters StoreCounters { get; init; } = Counters.None;

    /// <summary>The derived discourse network: pairs, and the claims left out for having too many participants.</summary>
    public Planning.NetworkSummary Network { get; init; } = Planning.NetworkSummary.NotDerived;

    public long RowsWritten { get; init; }
    public int Batches { get; init; }
    public TimeSpan Elapsed { get; init; }

    public bool HasChanges => Nodes.Values.Any(c => c.HasChanges) || Relationships.Values.Any(c => c.HasChanges);
}
