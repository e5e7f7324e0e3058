namespace Graph.Ingestion;

/// <summary>A load failed for a reason the user can act on; nothing was changed in the store.</summary>
public sealed class IngestionException(string message, Exception? inner = null) : Exception(message, inner);
