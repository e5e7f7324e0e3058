namespace Graph.Storage;

public sealed class StoreOptions
{
    /// <summary>Directory of the database; null means purely in memory (tests, TCK).</summary>
    public string? Directory { get; init; }

    /// <summary>fsync the log at every commit (durability). Tests may turn it off for speed.</summary>
    public bool SyncOnCommit { get; init; } = true;

    /// <summary>Write a snapshot and truncate the log when the log grows past this many bytes.</summary>
    public long SnapshotThresholdBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How long a writer waits for the single write lock before failing with a transient error.</summary>
    public TimeSpan WriteLockTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
