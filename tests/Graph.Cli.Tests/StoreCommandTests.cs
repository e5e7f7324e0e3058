using System.Buffers.Binary;
using Graph.Engine;

namespace Graph.Cli.Tests;

/// <summary>
/// A damaged store through the command line: every command that opens it refuses with the file, the offset, the last
/// good commit and the fix; `graph check` reports without changing anything; `graph repair` keeps a copy, cuts at the
/// last good commit and says what was lost; an interrupted write is cut and reported on stderr.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class StoreCommandTests(IngestedDatabase database) : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Db => _temp["db"];
    private string Log => Path.Combine(Db, "graph.wal");

    public void Dispose() => _temp.Dispose();

    /// <summary>A store whose snapshot holds one commit and whose log holds four more, as a crash leaves them.</summary>
    private async Task<List<long>> CrashedStoreAsync()
    {
        var scratch = _temp["scratch"];
        await using (var driver = EmbeddedDriver.Open(scratch, new EngineOptions { SyncOnCommit = false }))
        {
            await using var session = driver.AsyncSession();
            await session.RunAsync("CREATE (:Item {n: 1})");
            driver.Checkpoint();
            for (var n = 2; n <= 5; n++) await session.RunAsync("CREATE (:Item {n: $n})", new Dictionary<string, object?> { ["n"] = n });
            Directory.CreateDirectory(Db);
            foreach (var file in Directory.GetFiles(scratch).Where(f => Path.GetFileName(f) != "LOCK"))
                File.Copy(file, Path.Combine(Db, Path.GetFileName(file)));
        }
        var log = File.ReadAllBytes(Log);
        var starts = new List<long>();
        for (long at = 24; at < log.Length; at += 16 + BinaryPrimitives.ReadUInt32LittleEndian(log.AsSpan((int)at + 4)) + 4) starts.Add(at);
        Assert.Equal(4, starts.Count);
        return starts;
    }

    private void Damage(long offset)
    {
        var bytes = File.ReadAllBytes(Log);
        bytes[offset] ^= 0x20;
        File.WriteAllBytes(Log, bytes);
    }

    private async Task<long> Items() =>
        long.Parse((await Cli.Succeeds("cypher", "MATCH (i:Item) RETURN count(i) AS c", "--db", Db, "--format", "csv")).Out.Split('\n')[1].Trim(),
            System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Damage_before_the_last_record_is_refused_by_every_command_checked_without_change_and_repaired_with_a_copy()
    {
        var records = await CrashedStoreAsync();
        Damage(records[1] + 20); // inside commit 3's payload; commits 4 and 5 follow intact
        var damaged = File.ReadAllBytes(Log);

        foreach (var args in new[] { new[] { "cypher", "MATCH (n) RETURN count(n)" }, ["experts"], ["import", "--nodes", $"X={_temp["none.csv"]}"] })
        {
            File.WriteAllText(_temp["none.csv"], "id\nx\n");
            var run = await Cli.RunAsync([.. args, "--db", Db]);
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains($"{Log} is damaged at byte {records[1]}", run.Err);
            Assert.Contains("a valid record (commit 4) follows", run.Err);
            Assert.Contains("The last good commit is 2", run.Err);
            Assert.Contains($"graph repair --db {Db}", run.Err);
            Assert.Contains("Neo.DatabaseError.General.StorageDamageDetected", run.Err);
            Assert.Equal(damaged, File.ReadAllBytes(Log)); // refused, nothing cut
        }

        var check = await Cli.RunAsync("check", "--db", Db);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains($"problem: {Log} is damaged at byte {records[1]}", check.Err);
        Assert.Contains("1 problem found", check.Out);
        Assert.Equal(damaged, File.ReadAllBytes(Log));

        var repair = await Cli.Succeeds("repair", "--db", Db);
        Assert.Contains("kept a copy of the files as they were in " + Path.Combine(Db, "damaged-"), repair.Out);
        Assert.Contains($"cut graph.wal at byte {records[1]}, after commit 2", repair.Out);
        Assert.Contains("lost: commits 3-5 (3 commits)", repair.Out);
        var copy = Directory.GetDirectories(Db, "damaged-*").Single();
        Assert.Equal(damaged, File.ReadAllBytes(Path.Combine(copy, "graph.wal")));

        Assert.Equal(2, await Items());
        var healthy = await Cli.Succeeds("check", "--db", Db);
        Assert.Contains("no problems found", healthy.Out);
        Assert.Contains("relationships join existing nodes", healthy.Out);
        Assert.Contains("Nothing to repair", (await Cli.Succeeds("repair", "--db", Db)).Out);
    }

    [Fact]
    public async Task An_interrupted_write_at_the_end_is_cut_and_reported_on_stderr()
    {
        var records = await CrashedStoreAsync();
        var log = File.ReadAllBytes(Log);
        File.WriteAllBytes(Log, log[..(int)(records[3] + 10)]); // the last append stopped 10 bytes in

        var check = await Cli.RunAsync("check", "--db", Db);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("ends in an interrupted write: 10 bytes", check.Err);

        var run = await Cli.Succeeds("cypher", "MATCH (i:Item) RETURN count(i) AS c", "--db", Db, "--format", "csv");
        Assert.Contains($"warning: Recovery cut an interrupted write at the end of {Log}: 10 bytes from byte {records[3]}", run.Err);
        Assert.Equal("4", run.Out.Split('\n')[1].Trim());
        var again = await Cli.Succeeds("cypher", "RETURN 1", "--db", Db);
        Assert.DoesNotContain("warning", again.Err); // said once, when it was cut
    }

    [Fact]
    public async Task Graph_serve_reports_the_cut_in_its_log_when_it_starts()
    {
        var records = await CrashedStoreAsync();
        File.WriteAllBytes(Log, File.ReadAllBytes(Log)[..(int)(records[3] + 10)]);
        // A child process: the server runs as it does for a user, and whatever happens to it cannot take the test host down.
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "graph.dll"), "serve", "--port", "0", "--no-bolt", "--no-auth", "--db", Db }) start.ArgumentList.Add(arg);
        using var server = System.Diagnostics.Process.Start(start)!;
        var lines = new List<string>();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.Contains("authentication is OFF", StringComparison.OrdinalIgnoreCase)) break; // logged after the store's line
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
        var log = string.Join("\n", lines);
        Assert.Contains("Opening the store: Recovery cut an interrupted write", log);
        Assert.Contains($"10 bytes from byte {records[3]}", log);
    }

    [Fact]
    public async Task A_missing_snapshot_is_refused_and_repair_says_only_a_backup_helps()
    {
        await CrashedStoreAsync();
        File.Delete(Path.Combine(Db, "graph.snapshot"));
        var run = await Cli.RunAsync("cypher", "MATCH (n) RETURN count(n)", "--db", Db);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{Path.Combine(Db, "graph.snapshot")} is missing, but {Log} continues from commit 1 (its header (bytes 0-23) says so)", run.Err);
        var repair = await Cli.RunAsync("repair", "--db", Db);
        Assert.Equal(1, repair.ExitCode);
        Assert.Contains("cannot bring back commits that are in no file", repair.Err);
        Assert.Empty(Directory.GetDirectories(Db));
    }

    [Fact]
    public async Task The_ingested_knowledge_base_checks_clean()
    {
        Assert.Equal(0, database.Ingest.ExitCode);
        var check = await Cli.Succeeds("check", "--db", database.Db);
        Assert.Contains("no problems found", check.Out);
        Assert.Matches(@"store at commit \d+: [\d,]+ nodes, [\d,]+ relationships, \d+ indexes, [1-9]\d* unique constraints", check.Out);
        Assert.Empty(check.Err);
    }

    [Fact]
    public async Task Check_and_repair_name_a_missing_database()
    {
        foreach (var command in new[] { "check", "repair" })
        {
            var run = await Cli.RunAsync(command, "--db", _temp["nothing-here"]);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"There is no database directory {_temp["nothing-here"]}", run.Err);
        }
    }
}
