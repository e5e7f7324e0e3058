namespace Graph.Ingestion;

/// <summary>Progress of the write phase: <see cref="Done"/> of <see cref="Total"/> planned rows.</summary>
public readonly record struct IngestionProgress(string Stage, long Done, long Total);
