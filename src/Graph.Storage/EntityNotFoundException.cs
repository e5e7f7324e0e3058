namespace Graph.Storage;

/// <summary>A write named a node or relationship that does not exist (or was deleted in this transaction).</summary>
public sealed class EntityNotFoundException(string message) : Exception(message);
