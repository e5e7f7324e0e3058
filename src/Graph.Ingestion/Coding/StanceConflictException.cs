namespace Graph.Ingestion.Coding;

/// <summary>
/// A conditional write lost: the stance was added, changed or deleted by someone else since the caller read it.
/// Nothing was written; <see cref="CurrentVersion"/> is what the coding holds now (null when the stance is gone).
/// </summary>
public sealed class StanceConflictException(string message, string? currentVersion) : Exception(message)
{
    public string? CurrentVersion { get; } = currentVersion;
}
