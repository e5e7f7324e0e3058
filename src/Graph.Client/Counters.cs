namespace Graph.Client;

/// <summary>Update counters, named as in Neo4j's Query API and driver.</summary>
public sealed record Counters
{
    public static Counters None { get; } = new();

    public int NodesCreated { get; init; }
    public int NodesDeleted { get; init; }
    public int RelationshipsCreated { get; init; }
    public int RelationshipsDeleted { get; init; }
    public int PropertiesSet { get; init; }
    public int LabelsAdded { get; init; }
    public int LabelsRemoved { get; init; }
    public int IndexesAdded { get; init; }
    public int IndexesRemoved { get; init; }
    public int ConstraintsAdded { get; init; }
    public int ConstraintsRemoved { get; init; }

    public bool ContainsUpdates =>
        NodesCreated + NodesDeleted + RelationshipsCreated + RelationshipsDeleted + PropertiesSet + LabelsAdded + LabelsRemoved > 0;

    public bool ContainsSystemUpdates => IndexesAdded + IndexesRemoved + ConstraintsAdded + ConstraintsRemoved > 0;

    public static Counters operator +(Counters a, Counters b) => new()
    {
        NodesCreated = a.NodesCreated + b.NodesCreated,
        NodesDeleted = a.NodesDeleted + b.NodesDeleted,
        RelationshipsCreated = a.RelationshipsCreated + b.RelationshipsCreated,
        RelationshipsDeleted = a.RelationshipsDeleted + b.RelationshipsDeleted,
        PropertiesSet = a.PropertiesSet + b.PropertiesSet,
        LabelsAdded = a.LabelsAdded + b.LabelsAdded,
        LabelsRemoved = a.LabelsRemoved + b.LabelsRemoved,
        IndexesAdded = a.IndexesAdded + b.IndexesAdded,
        IndexesRemoved = a.IndexesRemoved + b.IndexesRemoved,
        ConstraintsAdded = a.ConstraintsAdded + b.ConstraintsAdded,
        ConstraintsRemoved = a.ConstraintsRemoved + b.ConstraintsRemoved,
    };
}
