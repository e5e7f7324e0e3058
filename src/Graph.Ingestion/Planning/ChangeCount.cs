namespace Graph.Ingestion.Planning;

/// <summary>What a load did to one label or relationship type. Unchanged is null where it is not tracked (owned and derived relationships).</summary>
public sealed record ChangeCount(long Created, long Updated, long Deleted, long? Unchanged)
{
    public static ChangeCount None { get; } = new(0, 0, 0, 0);
    public bool HasChanges => Created + Updated + Deleted > 0;
}
