namespace Graph.Storage;

/// <summary>
/// What opening found: how many log records were replayed over the snapshot and, when the end of the log was an
/// interrupted write that recovery cut off, the sentence saying so (every opener prints it). Damage is never cut
/// here: opening then fails with <see cref="StorageCorruptedException"/>.
/// </summary>
public sealed record RecoveryReport(long CommittedTransactionsReplayed, bool TornTailDiscarded, string? Message)
{
    /// <summary>The last commit in the store after recovery.</summary>
    public long LastCommit { get; init; }

    /// <summary>Bytes cut from the end of the log (0 when nothing was cut).</summary>
    public long DiscardedBytes { get; init; }
}
