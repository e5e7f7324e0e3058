namespace Graph.Storage;

/// <summary>What <see cref="StoreRepair"/> did, where it kept the damaged files, and exactly what was lost.</summary>
public sealed record StoreRepairReport(RepairOutcome Outcome, IReadOnlyList<string> Lines)
{
    /// <summary>The folder holding copies of the files as they were before the repair (null when nothing changed).</summary>
    public string? BackupDirectory { get; init; }

    /// <summary>Commits that the repair cut off (0 for an interrupted write, which was never acknowledged).</summary>
    public long LostCommits { get; init; }

    /// <summary>Bytes of the log (and snapshot) that the repair set aside.</summary>
    public long LostBytes { get; init; }
}
