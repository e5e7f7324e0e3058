using System.Globalization;
using Graph.Storage.Persistence;
using Graph.Storage.Records;

namespace Graph.Storage;

/// <summary>
/// <c>graph repair</c>: makes a damaged database open again by cutting it back to its last good commit, after
/// copying the files as they were into a <c>damaged-&lt;UTC time&gt;</c> folder beside them, and says exactly what
/// was lost. It repairs what the directory itself can answer for: a damaged or torn log (cut at the last good
/// record), a damaged log header (rewritten from the records), a damaged snapshot when the log holds the whole
/// history. It refuses, touching nothing, when commits exist in no file (a missing or damaged snapshot the log
/// cannot replace): only a backup brings those back.
/// </summary>
public static class StoreRepair
{
    public static StoreRepairReport Run(string directory, DateTime utcNow)
    {
        var full = StoreCheck.StoreFilesIn(directory);
        using var locked = GraphStore.LockDirectory(full);
        var diagnosis = StoreDiagnosis.Load(full, new GraphData(), new Tokens());
        var log = diagnosis.Log;

        var setSnapshotAside = false;
        if (diagnosis.SnapshotDamage is not null)
        {
            if (!diagnosis.LogHasWholeHistory) return CannotRepair(diagnosis);
            setSnapshotAside = true;
        }
        if (log?.BaseProblem is not null) return CannotRepair(diagnosis);

        // The log to write back: a new header when the old one is damaged, and the records up to the first damage.
        long? newBase = null;
        if (log?.HeaderProblem is not null)
        {
            newBase = log.Records > 0 ? log.BaseCommit : Math.Max(diagnosis.SnapshotCommit, 0);
            var snapshotCommit = diagnosis.SnapshotExists ? diagnosis.SnapshotCommit : 0;
            if (newBase > snapshotCommit)
                return new StoreRepairReport(RepairOutcome.CannotRepair,
                [
                    $"{diagnosis.LogPath} is damaged ({log.HeaderProblem}) and its first record is commit {newBase + 1}, " +
                    $"but {(diagnosis.SnapshotExists ? $"{diagnosis.SnapshotPath} holds commits up to {snapshotCommit}" : $"{diagnosis.SnapshotPath} is missing")}: " +
                    $"commits {snapshotCommit + 1}-{newBase} are in no file here. Nothing was changed; restore the directory from a backup.",
                ]);
        }
        var cut = log is { Damage: not null } ? log.ValidLength : (long?)null;
        if (!setSnapshotAside && newBase is null && cut is null)
            return new StoreRepairReport(RepairOutcome.NothingToRepair,
                [$"Nothing to repair: {full} opens as it is (at commit {diagnosis.LastGoodCommit}). Nothing was changed."]);

        var lines = new List<string>();
        var backup = KeepCopies(full, diagnosis, utcNow);
        lines.Add($"kept a copy of the files as they were in {backup}");
        long lostCommits = 0, lostBytes = 0;
        if (setSnapshotAside)
        {
            File.Delete(diagnosis.SnapshotPath);
            lostBytes += new FileInfo(Path.Combine(backup, GraphStore.SnapshotFileName)).Length;
            lines.Add($"set the damaged {GraphStore.SnapshotFileName} aside: the log holds every commit since the beginning, so the store is rebuilt from it");
        }
        if (log is not null && (newBase is not null || cut is not null))
        {
            var keepTo = cut ?? log.FileLength;
            if (newBase is { } baseCommit)
            {
                RewriteLog(diagnosis.LogPath, baseCommit, log.DataStart, keepTo);
                lines.Add($"rewrote the damaged header of {GraphStore.LogFileName} (the log continues from commit {baseCommit}) and kept its {log.Records} valid records");
            }
            else
            {
                using var file = WriteAheadLog.Open(diagnosis.LogPath, syncOnCommit: true);
                file.Truncate(keepTo);
                lines.Add($"cut {GraphStore.LogFileName} at byte {keepTo}, after commit {diagnosis.LastGoodCommit}");
            }
            if (log.Damage is not null)
            {
                var (commits, bytes, text) = diagnosis.LostAtDamage(log);
                lostCommits += commits;
                lostBytes += bytes;
                lines.Add($"lost: {text} (from byte {log.Damage.Offset}: {log.Damage.Problem})");
            }
        }
        if (lostCommits == 0) lines.Add("lost: no acknowledged commit");

        // The repaired directory must now open cleanly; read it again the way opening does.
        var after = StoreDiagnosis.Load(full, new GraphData(), new Tokens());
        if (after.Refusal() is { } still)
            throw new StorageCorruptedException($"The repair did not make the store whole (the copies are in {backup}): {still}");
        lines.Add($"the store now opens at commit {after.LastGoodCommit}");
        return new StoreRepairReport(RepairOutcome.Repaired, lines) { BackupDirectory = backup, LostCommits = lostCommits, LostBytes = lostBytes };
    }

    private static StoreRepairReport CannotRepair(StoreDiagnosis diagnosis) =>
        new(RepairOutcome.CannotRepair, [(diagnosis.Refusal() ?? "The store cannot be repaired.") + " `graph repair` cannot bring back commits that are in no file."]);

    /// <summary>Copies the snapshot and the log into a new damaged-&lt;UTC time&gt; folder in the database directory, durably.</summary>
    private static string KeepCopies(string directory, StoreDiagnosis diagnosis, DateTime utcNow)
    {
        var name = "damaged-" + utcNow.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var backup = Path.Combine(directory, name);
        for (var i = 2; Directory.Exists(backup); i++) backup = Path.Combine(directory, $"{name}-{i}");
        Directory.CreateDirectory(backup);
        foreach (var path in new[] { diagnosis.SnapshotPath, diagnosis.LogPath })
        {
            if (!File.Exists(path)) continue;
            var copy = Path.Combine(backup, Path.GetFileName(path));
            File.Copy(path, copy);
            using var written = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            written.Flush(flushToDisk: true);
        }
        DirectorySync.Flush(backup);
        DirectorySync.Flush(directory);
        return backup;
    }

    /// <summary>Writes a new log (new header, then the old log's bytes [from, to)) and renames it into place.</summary>
    private static void RewriteLog(string path, long baseCommit, long from, long to)
    {
        var temp = path + ".tmp";
        using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            output.Write(WriteAheadLog.FileHeader(baseCommit));
            using (var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                input.Seek(from, SeekOrigin.Begin);
                var buffer = new byte[1 << 20];
                for (var left = to - from; left > 0;)
                {
                    var read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                    if (read == 0) throw new EndOfStreamException($"{path} ended at byte {input.Position} while being copied.");
                    output.Write(buffer, 0, read);
                    left -= read;
                }
            }
            output.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(path)!);
    }
}
