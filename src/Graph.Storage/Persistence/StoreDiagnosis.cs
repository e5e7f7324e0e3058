using System.Globalization;
using Graph.Storage.Records;

namespace Graph.Storage.Persistence;

/// <summary>
/// Loads a database directory into memory (the snapshot, then the log over it) and judges what it found, without
/// changing any file. Opening the store, <c>graph check</c> and <c>graph repair</c> all decide from this one reading,
/// so they never disagree about what is damaged.
/// </summary>
internal sealed class StoreDiagnosis
{
    public const string RepairCommand = "graph repair --db";

    private StoreDiagnosis(string directory)
    {
        Directory = Path.GetFullPath(directory);
        SnapshotPath = Path.Combine(Directory, GraphStore.SnapshotFileName);
        LogPath = Path.Combine(Directory, GraphStore.LogFileName);
    }

    public string Directory { get; }
    public string SnapshotPath { get; }
    public string LogPath { get; }
    public bool SnapshotExists { get; private set; }
    /// <summary>The commit the snapshot holds (-1 without a usable snapshot).</summary>
    public long SnapshotCommit { get; private set; } = -1;
    public StorageCorruptedException? SnapshotDamage { get; private set; }
    /// <summary>The log as scanned; null when there is no log file.</summary>
    public LogScan? Log { get; private set; }
    /// <summary>Log records applied over the snapshot.</summary>
    public long Replayed { get; private set; }
    /// <summary>The last commit before any damage (what the snapshot and the valid log records hold).</summary>
    public long LastGoodCommit { get; private set; }

    /// <summary>The log holds every commit from the beginning of history (it can rebuild the store alone).</summary>
    public bool LogHasWholeHistory => Log is { HeaderProblem: null, BaseCommit: 0 };

    /// <summary>What was loaded can be trusted as far as it goes (the snapshot was read and the log applied over it).</summary>
    public bool DataLoaded => SnapshotDamage is null && Log is not { HeaderProblem: not null } && Log is not { BaseProblem: not null };

    /// <summary>Reads the directory into <paramref name="data"/> and <paramref name="tokens"/> (both empty).</summary>
    public static StoreDiagnosis Load(string directory, GraphData data, Tokens tokens)
    {
        var diagnosis = new StoreDiagnosis(directory);
        diagnosis.Read(data, tokens);
        return diagnosis;
    }

    private void Read(GraphData data, Tokens tokens)
    {
        SnapshotExists = File.Exists(SnapshotPath);
        if (SnapshotExists)
        {
            try
            {
                SnapshotFile.Read(SnapshotPath, data, tokens);
                SnapshotCommit = data.Version;
            }
            catch (StorageCorruptedException e)
            {
                SnapshotDamage = e;
            }
        }
        if (File.Exists(LogPath))
        {
            Log = LogScanner.Scan(LogPath,
                apply: SnapshotDamage is null ? batch => Replay(batch, data, tokens) : null,
                checkBase: MissingHistory);
        }
        // Without a usable snapshot nothing was applied: the log's last valid record is then the last good commit.
        LastGoodCommit = Math.Max(data.Version, Log?.LastCommit ?? -1);
    }

    private string? Replay(CommitBatch batch, GraphData data, Tokens tokens)
    {
        if (batch.Version <= data.Version) return null; // already in the snapshot (a crash between snapshot and new log)
        if (batch.Version != data.Version + 1)
            return $"a record for commit {batch.Version} where commit {data.Version + 1} was expected";
        foreach (var token in batch.Tokens) tokens.Restore(token);
        data.Apply(batch, long.MaxValue);
        Replayed++;
        return null;
    }

    /// <summary>Why the commits up to <paramref name="baseCommit"/> (where the log continues from) are not all here, or null.</summary>
    private string? MissingHistory(long baseCommit, string where)
    {
        if (baseCommit == 0) return null;
        if (SnapshotDamage is not null) return null; // reported as the snapshot's damage
        if (!SnapshotExists)
            return $"{SnapshotPath} is missing, but {LogPath} continues from commit {baseCommit} ({where}): {Range(1, baseCommit)} in no file here";
        if (SnapshotCommit < baseCommit)
            return $"{LogPath} continues from commit {baseCommit} ({where}), but {SnapshotPath} holds commits up to {SnapshotCommit} only: " +
                   $"{Range(SnapshotCommit + 1, baseCommit)} in no file here (an older snapshot put back?)";
        return null;
    }

    private static string Range(long first, long last) => first == last ? $"commit {first} is" : $"commits {first}-{last} are";

    /// <summary>Why the store must not open as it is (the message names file, offset, last good commit and the fix), or null.</summary>
    public string? Refusal()
    {
        var repair = $"`{RepairCommand} {Directory}`";
        if (SnapshotDamage is not null)
            return $"{SnapshotDamage.Message}. Nothing was changed. " + (LogHasWholeHistory
                ? $"The log holds every commit since the beginning: run {repair} to set the snapshot aside (a copy is kept) and rebuild the store from the log, losing nothing."
                : $"Restore {GraphStore.SnapshotFileName} (or the whole directory) from a backup: the log " +
                  (Log is { BaseCommit: >= 0 } log ? $"starts after commit {log.BaseCommit} and " : "") + "cannot rebuild the commits in the snapshot.");
        if (Log is not { } scan) return null;
        if (scan.HeaderProblem is not null && scan.Records > 0 && scan.BaseCommit > (SnapshotExists ? SnapshotCommit : 0))
            return $"{LogPath} is damaged: {scan.HeaderProblem}. Nothing was changed. Its first record is commit {scan.FirstCommit}, but " +
                   (SnapshotExists ? $"{SnapshotPath} holds commits up to {SnapshotCommit}" : $"{SnapshotPath} is missing") +
                   ": restore the directory from a backup.";
        if (scan.HeaderProblem is not null)
            return $"{LogPath} is damaged: {scan.HeaderProblem}. Nothing was changed. " + (scan.Records > 0
                ? $"Its {Plural(scan.Records, "record")} after the header (commits {scan.FirstCommit}-{scan.LastCommit}) look intact: run {repair} to keep a copy and rewrite the header" +
                  (scan.Damage is null ? ", losing nothing." : $" and cut the log at its damage at byte {scan.Damage.Offset}, losing {Lost(scan)}.")
                : $"Run {repair} to keep a copy and start the log afresh after commit {Math.Max(SnapshotCommit, 0)}" +
                  (scan.ValidLength < scan.FileLength ? $", losing its {scan.FileLength - scan.ValidLength} unreadable bytes." : "."));
        if (scan.BaseProblem is not null)
            return $"{scan.BaseProblem}. Nothing was changed. Restore {GraphStore.SnapshotFileName} (or the whole directory) from a backup; " +
                   "the log alone cannot rebuild those commits.";
        if (scan.Damage is { Torn: false } damage)
        {
            var evidence = damage.NextValidOffset is { } next
                ? $"a valid record (commit {damage.NextValidCommit}) follows at byte {next}"
                : "nothing valid follows it, but an interrupted write leaves a short record or an unwritten (all-zero) header, not this";
            return $"{LogPath} is damaged at byte {damage.Offset}: {damage.Problem}; {evidence}, so this is damage, not an interrupted write. " +
                   $"The last good commit is {LastGoodCommit} (the log is intact up to byte {damage.Offset}). Nothing was changed. " +
                   $"Run {repair} to keep a copy of the damaged files and cut the log there, losing {Lost(scan)}; or restore the directory from a backup.";
        }
        return null;
    }

    /// <summary>A torn tail to cut: where, and the sentence that reports it.</summary>
    public (long CutAt, long Bytes, string Message)? TornTail()
    {
        if (Log is not { Damage: { Torn: true } damage } scan) return null;
        var bytes = scan.FileLength - damage.Offset;
        return (damage.Offset, bytes,
            $"Recovery cut an interrupted write at the end of {LogPath}: {bytes} bytes from byte {damage.Offset} ({damage.Problem}). " +
            $"It was never acknowledged (a commit is acknowledged only once its record is complete and durable). The database is at commit {LastGoodCommit}.");
    }

    /// <summary>What cutting the log at its first damage loses: "commits 4-6 (3 commits), 812 bytes".</summary>
    public string Lost(LogScan scan) => LostAtDamage(scan).Text;

    /// <summary>The commits and bytes lost by cutting the log at its first damage, and the sentence that says so.</summary>
    public (long Commits, long Bytes, string Text) LostAtDamage(LogScan scan)
    {
        var damage = scan.Damage!;
        var bytes = scan.FileLength - damage.Offset;
        if (damage.Torn) return (0, bytes, $"an interrupted write that was never acknowledged ({bytes} bytes)");
        // The damaged record is the commit after the last good one; valid records behind it say how far the log went.
        var first = LastGoodCommit + 1;
        var last = Math.Max(first, damage.LastCommitAfter);
        var commits = last == first ? $"commit {first}" : $"commits {first}-{last} ({last - first + 1} commits)";
        return (last - first + 1, bytes, $"{commits}, {bytes} bytes");
    }

    private static string Plural(long count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");
}
