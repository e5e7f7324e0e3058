using Graph.Storage.Persistence;
using Graph.Storage.Records;

namespace Graph.Storage;

/// <summary>
/// <c>graph check</c>: verifies a database directory without changing it. Reads the snapshot (every block's
/// checksum) and the log (every record's checksums, and whether a bad record is damage or an interrupted write),
/// loads them into memory as opening would, then checks the loaded store's references, adjacency, label index and
/// counts, property indexes and unique constraints.
/// </summary>
public static class StoreCheck
{
    private const int MaxFindings = 100;

    /// <summary>Checks the database in <paramref name="directory"/>; throws <see cref="IOException"/> when there is none or it is open elsewhere.</summary>
    public static StoreCheckReport Run(string directory)
    {
        var full = StoreFilesIn(directory);
        using var locked = GraphStore.LockDirectory(full);
        var data = new GraphData();
        var tokens = new Tokens();
        var diagnosis = StoreDiagnosis.Load(full, data, tokens);
        var findings = new List<string>();
        var facts = new List<string>();

        if (diagnosis.Refusal() is { } refusal) findings.Add(refusal);
        if (diagnosis.TornTail() is { } torn)
            findings.Add($"{diagnosis.LogPath} ends in an interrupted write: {torn.Bytes} bytes from byte {torn.CutAt} that were never acknowledged. " +
                         "Opening the store cuts them (and says so); nothing acknowledged is lost.");

        if (diagnosis.SnapshotExists && diagnosis.SnapshotDamage is null)
            facts.Add($"{diagnosis.SnapshotPath}: commit {diagnosis.SnapshotCommit}, {new FileInfo(diagnosis.SnapshotPath).Length:N0} bytes, every checksum matches");
        else if (!diagnosis.SnapshotExists)
            facts.Add($"{diagnosis.SnapshotPath}: none (the log must start at the beginning of history)");
        if (diagnosis.Log is { } log)
            facts.Add($"{diagnosis.LogPath}: {(log.Legacy ? "format 1" : "format 2")}, {log.FileLength:N0} bytes, " +
                      (log.BaseCommit >= 0 ? $"continues from commit {log.BaseCommit}, " : "") +
                      $"{log.Records} valid records" + (log.Records > 0 ? $" (commits {log.FirstCommit}-{log.LastCommit})" : "") +
                      (log.Damage is null && log.HeaderProblem is null ? ", every checksum matches" : ""));
        else
            facts.Add($"{diagnosis.LogPath}: none");

        if (diagnosis.DataLoaded)
        {
            var problems = 0;
            data.Verify(tokens, problem =>
            {
                if (++problems <= MaxFindings) findings.Add(problem);
            });
            if (problems > MaxFindings) findings.Add($"... and {problems - MaxFindings} more inconsistencies");
            facts.Add($"store at commit {data.Version}: {data.NodeCount:N0} nodes, {data.RelationshipCount:N0} relationships, " +
                      $"{data.Schema.Indexes.Length} indexes, {data.Schema.Constraints.Length} unique constraints");
            facts.Add("checked: relationships join existing nodes, adjacency matches the relationships, the label index and counts, " +
                      "every property index, every unique constraint, token ids" + (problems == 0 ? ": all consistent" : $": {problems} problems"));
        }
        else
        {
            facts.Add("the records were not checked for consistency: the store cannot be loaded until the damage above is dealt with");
        }
        return new StoreCheckReport(full, findings, facts);
    }

    /// <summary>The full path of a directory that holds a database (a snapshot or a log); IOException otherwise.</summary>
    internal static string StoreFilesIn(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
            throw new DirectoryNotFoundException($"There is no database directory {full}.");
        if (!File.Exists(Path.Combine(full, GraphStore.SnapshotFileName)) && !File.Exists(Path.Combine(full, GraphStore.LogFileName)))
            throw new FileNotFoundException($"{full} holds no database ({GraphStore.SnapshotFileName} or {GraphStore.LogFileName}).");
        return full;
    }
}
