namespace Graph.Storage;

/// <summary>The store on disk is damaged beyond what recovery can repair.</summary>
public sealed class StorageCorruptedException(string message, Exception? inner = null) : Exception(message, inner);
