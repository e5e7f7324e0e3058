namespace Graph.Storage;

/// <summary>A write or a stored file that would pass one of the <see cref="StoreLimits"/>; nothing is changed.</summary>
public sealed class StoreLimitException(string message) : Exception(message);
