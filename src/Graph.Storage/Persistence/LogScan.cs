namespace Graph.Storage.Persistence;

/// <summary>What <see cref="LogScanner"/> found in a log.</summary>
internal sealed class LogScan
{
    public required string Path { get; init; }
    public long FileLength { get; init; }
    /// <summary>Format 1: no file header, records without header checksums.</summary>
    public bool Legacy { get; set; }
    /// <summary>Why the file header cannot be trusted (format 2), or null.</summary>
    public string? HeaderProblem { get; set; }
    /// <summary>Why the commits before the log are not all there (a missing or older snapshot), or null.</summary>
    public string? BaseProblem { get; set; }
    /// <summary>The commit the log continues from (its header, or inferred from the first record); -1 when unknown.</summary>
    public long BaseCommit { get; set; } = -1;
    /// <summary>Where the records begin.</summary>
    public long DataStart { get; set; }
    public int Records { get; set; }
    public long FirstCommit { get; set; } = -1;
    /// <summary>The commit of the last valid record; -1 when there is none.</summary>
    public long LastCommit { get; set; } = -1;
    /// <summary>The end of the last valid record: where the log would be cut.</summary>
    public long ValidLength { get; set; }
    public LogDamage? Damage { get; set; }

    public bool IsEmpty => FileLength == 0;
}

/// <summary>
/// The first bad record: its offset and problem, whether it is a torn tail, and the valid records found after it
/// (their first offset and commit, how many, the highest commit among them; -1 when none).
/// </summary>
internal sealed record LogDamage(long Offset, string Problem, bool Torn, long? NextValidOffset, long? NextValidCommit, long LastCommitAfter, int RecordsAfter);
