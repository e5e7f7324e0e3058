namespace Graph.Storage;

/// <summary>A temporary condition (the write lock was not free in time); retrying later may succeed.</summary>
public sealed class TransientStorageException(string message) : Exception(message);
