namespace Graph.Ingestion;

/// <summary>How much a load read: everything, the documents that changed, or nothing.</summary>
public enum LoadMode
{
    Full,
    Incremental,
    Unchanged,
}
