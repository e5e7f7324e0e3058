using System.Diagnostics;

namespace Graph.Storage.Tests;

/// <summary>Entry point of the test assembly when the crash test runs it as a separate writer process.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["crash-writer", var directory]) return CrashWriter.Run(directory);
        Console.Error.WriteLine("This assembly holds tests; run them with `dotnet test`.");
        return 2;
    }
}

/// <summary>
/// Commits transaction after transaction (some large) until killed; each transaction i creates
/// Size(i) nodes with batch = i, chained by relationships. Prints "committed i" after each durable commit.
/// Stops by itself after a minute so that a failed test never leaves it running.
/// </summary>
internal static class CrashWriter
{
    public static int Size(long batch) => batch % 5 == 4 ? 4000 : 40;

    public static int Run(string directory)
    {
        using var store = GraphStore.Open(new StoreOptions { Directory = directory, SyncOnCommit = true, SnapshotThresholdBytes = 200_000 });
        int label = store.Tokens.GetOrCreateLabel("N"), batchKey = store.Tokens.GetOrCreatePropertyKey("batch");
        int textKey = store.Tokens.GetOrCreatePropertyKey("text"), next = store.Tokens.GetOrCreateRelationshipType("NEXT");
        var deadline = Stopwatch.StartNew();
        for (long batch = 0; deadline.Elapsed < TimeSpan.FromMinutes(1); batch++)
        {
            using var tx = store.BeginTransaction(write: true);
            long previous = -1;
            for (var i = 0; i < Size(batch); i++)
            {
                var node = tx.CreateNode([label], [new(batchKey, batch), new(textKey, "some text to make records longer")]);
                if (previous >= 0) tx.CreateRelationship(next, previous, node, [new(batchKey, batch)]);
                previous = node;
            }
            tx.Commit();
            Console.Out.WriteLine($"committed {batch}");
            Console.Out.Flush();
        }
        return 0;
    }
}

public class CrashTests
{
    [Fact]
    public void A_writer_killed_with_SIGKILL_leaves_only_whole_transactions()
    {
        var assembly = typeof(CrashWriter).Assembly.Location;
        var random = new Random(7);
        foreach (var killAfter in new[] { 12, 27 })
        {
            using var dir = new TempDirectory();
            var acknowledged = RunAndKill(assembly, dir.Path, killAfter, TimeSpan.FromMilliseconds(random.Next(0, 40)));

            // What the kill left is an interrupted write at most, never damage; check says so and changes nothing.
            var check = StoreCheck.Run(dir.Path);
            Assert.True(check.Findings.All(f => f.Contains("interrupted write", StringComparison.Ordinal)), string.Join("\n", check.Findings));

            using var store = GraphStore.Open(new StoreOptions { Directory = dir.Path, SyncOnCommit = false });
            int batchKey = store.Tokens.PropertyKeyId("batch");
            var perBatch = new Dictionary<long, int>();
            long rels = 0;
            using (var tx = store.BeginTransaction(write: false))
            {
                foreach (var node in tx.AllNodes())
                {
                    var batch = (long)tx.NodeProperty(node, batchKey)!;
                    perBatch[batch] = perBatch.GetValueOrDefault(batch) + 1;
                }
                rels = tx.AllRelationships().LongCount();
            }
            // Every acknowledged commit survived, and no transaction is partly there.
            var committed = perBatch.Count;
            Assert.True(committed > acknowledged, $"{committed} batches recovered, {acknowledged + 1} were acknowledged");
            for (long batch = 0; batch < committed; batch++)
                Assert.Equal(CrashWriter.Size(batch), perBatch.GetValueOrDefault(batch));
            Assert.Equal(perBatch.Values.Sum(n => n - 1L), rels);
            Assert.Equal(store.Recovery.TornTailDiscarded, check.Findings.Count == 1);
        }
    }

    /// <summary>Starts the writer, waits for the given commit to be acknowledged, waits a little more and kills it.</summary>
    private static long RunAndKill(string assembly, string directory, int killAfter, TimeSpan extra)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("crash-writer");
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start)!;
        long acknowledged = -1;
        try
        {
            var deadline = Stopwatch.StartNew();
            while (acknowledged < killAfter)
            {
                var line = process.StandardOutput.ReadLine();
                if (line is null)
                    Assert.Fail($"The writer ended early: {process.StandardError.ReadToEnd()}");
                if (line.StartsWith("committed ", StringComparison.Ordinal)) acknowledged = long.Parse(line[10..]);
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "The writer was too slow.");
            }
            // While the writer runs, its directory is locked against this process.
            var locked = Assert.Throws<IOException>(() => GraphStore.Open(new StoreOptions { Directory = directory }));
            Assert.Contains("already open", locked.Message);
            Thread.Sleep(extra);
        }
        finally
        {
            process.Kill(); // SIGKILL on Unix: no finalizers, no flush, no clean close
            process.WaitForExit();
        }
        return acknowledged;
    }
}
