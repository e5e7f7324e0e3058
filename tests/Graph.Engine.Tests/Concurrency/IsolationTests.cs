using System.Diagnostics;
using Graph.Client;

namespace Graph.Engine.Tests.Concurrency;

/// <summary>
/// Readers running while a writer commits in a loop must only ever see whole transactions. Each writer
/// transaction is several statements, so a reader that sees the state between two statements of one
/// transaction proves a leak of uncommitted writes.
/// </summary>
public class IsolationTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(1200);

    // On a loaded machine (CI runs the test projects side by side on 2 cores) readers may complete few queries in
    // Duration: writers go on until the readers have seen enough, up to MaxDuration.
    private static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan CheckpointCap = TimeSpan.FromSeconds(60);
    private const int MinObservations = 20;

    private sealed class Progress
    {
        public int Observations;

        public bool Done(Stopwatch clock) =>
            clock.Elapsed >= MaxDuration || (clock.Elapsed >= Duration && Volatile.Read(ref Observations) >= MinObservations);
    }
    private const int Readers = 4;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Readers_always_see_exactly_one_token_holder_while_a_writer_moves_the_token(bool onDisk)
    {
        await using var db = TestDatabase.Create(onDisk);
        await db.Run("CREATE (:Holder {id: 1, token: true}), (:Holder {id: 2, token: false})");

        var moves = 0;
        var progress = new Progress();
        var writer = Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            await using var session = db.Driver.AsyncSession();
            for (var from = 1L; !progress.Done(clock); from = 3 - from, moves++)
            {
                await using var tx = await session.BeginTransactionAsync();
                await tx.RunAsync("MATCH (h:Holder {id: $id}) SET h.token = false", Map("id", from));
                await tx.RunAsync("MATCH (h:Holder {id: $id}) SET h.token = true", Map("id", 3 - from));
                await tx.CommitAsync();
            }
        });
        var observations = await ReadWhile(writer, progress, async () =>
            (long)(await db.Run("MATCH (h:Holder) WHERE h.token RETURN count(h)", config: SessionConfig.Read)).Single()[0]!);

        await writer;
        Assert.True(moves > 10, $"the writer moved the token only {moves} times");
        Assert.True(observations.Count > 10, $"readers observed only {observations.Count} times");
        Assert.All(observations, holders => Assert.Equal(1L, holders));
        Assert.Equal(1L, await db.Count("MATCH (h:Holder) WHERE h.token RETURN count(h)"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Readers_see_all_or_none_of_a_transaction_that_creates_many_nodes(bool onDisk)
    {
        const int batch = 10;
        await using var db = TestDatabase.Create(onDisk);

        var batches = 0;
        var progress = new Progress();
        var writer = Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            await using var session = db.Driver.AsyncSession();
            for (; !progress.Done(clock); batches++)
            {
                await using var tx = await session.BeginTransactionAsync();
                for (var i = 0; i < batch; i++) // one statement per node: a leak would show as a partial batch
                    await tx.RunAsync("CREATE (:Item {batch: $b, i: $i})", new Dictionary<string, object?> { ["b"] = batches, ["i"] = i });
                await tx.CommitAsync();
            }
        });
        var observations = await ReadWhile(writer, progress, async () =>
            (long)(await db.Run("MATCH (n:Item) RETURN count(n)", config: SessionConfig.Read)).Single()[0]!);

        await writer;
        Assert.True(batches > 5, $"the writer committed only {batches} batches");
        Assert.All(observations, count => Assert.True(count % batch == 0, $"a reader saw {count} nodes: part of a batch of {batch}"));
        Assert.True(observations.Distinct().Count() > 1, "readers never saw a commit happen: the test proves nothing");
        Assert.Equal(batches * batch, await db.Count("MATCH (n:Item) RETURN count(n)"));

        await db.ReopenAsync();
        Assert.Equal(batches * batch, await db.Count("MATCH (n:Item) RETURN count(n)"));
    }

    [Fact]
    public async Task Checkpoints_taken_while_writers_commit_and_readers_read_lose_nothing()
    {
        await using var db = TestDatabase.Create(onDisk: true);
        var committed = 0;
        var checkpointsTaken = 0;
        var progress = new Progress();
        var writer = Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            await using var session = db.Driver.AsyncSession();
            // On a loaded machine the checkpoint task may start late, and the write lock is not fair: write until a few
            // checkpoints came between the writes, and every 10 commits let a waiting checkpoint in (at most 60 s in all).
            for (; (!progress.Done(clock) || Volatile.Read(ref checkpointsTaken) < 3) && clock.Elapsed < CheckpointCap; committed++)
            {
                await using var tx = await session.BeginTransactionAsync();
                await tx.RunAsync("CREATE (:Item {i: $i})-[:NEXT]->(:Item {i: $i})", Map("i", committed));
                await tx.RunAsync("MERGE (c:Counter) SET c.v = $i", Map("i", committed + 1));
                await tx.CommitAsync();
                await Task.Delay(1);
                if (committed % 10 == 9 && Volatile.Read(ref checkpointsTaken) < 3)
                    for (var seen = Volatile.Read(ref checkpointsTaken); Volatile.Read(ref checkpointsTaken) == seen && clock.Elapsed < CheckpointCap;)
                        await Task.Delay(5);
            }
        });
        var checkpoints = Task.Run(async () =>
        {
            while (!writer.IsCompleted)
            {
                db.Driver.Checkpoint();
                Interlocked.Increment(ref checkpointsTaken);
                await Task.Delay(20);
            }
        });
        var observations = await ReadWhile(writer, progress, async () =>
        {
            var row = (await db.Run("MATCH (n:Item) WITH count(n) AS items OPTIONAL MATCH (c:Counter) RETURN items, coalesce(c.v, 0) AS v", config: SessionConfig.Read)).Single();
            return (long)row[0]! - 2 * (long)row[1]!; // always 0 for a whole transaction
        });

        await writer;
        await checkpoints;
        Assert.True(checkpointsTaken >= 3, $"only {checkpointsTaken} checkpoints came between the writes in {CheckpointCap.TotalSeconds} s");
        Assert.All(observations, gap => Assert.Equal(0L, gap));
        await db.ReopenAsync();
        Assert.Equal(2L * committed, await db.Count("MATCH (n:Item) RETURN count(n)"));
        Assert.Equal(committed, await db.Count("MATCH ()-[r:NEXT]->() RETURN count(r)"));
        Assert.Equal((long)committed, (await db.Run("MATCH (c:Counter) RETURN c.v")).Single()[0]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Uncommitted_writes_are_invisible_to_other_sessions_until_commit(bool onDisk)
    {
        await using var db = TestDatabase.Create(onDisk);
        await db.Run("CREATE (:Existing {v: 1})");

        await using var writerSession = db.Driver.AsyncSession();
        var tx = await writerSession.BeginTransactionAsync();
        await tx.RunAsync("CREATE (:Fresh)");
        await tx.RunAsync("MATCH (e:Existing) SET e.v = 2");
        Assert.Equal(1L, (await tx.RunAsync("MATCH (n:Fresh) RETURN count(n)")).Single()[0]);

        Assert.Equal(0L, await db.Count("MATCH (n:Fresh) RETURN count(n)"));
        Assert.Equal(1L, (await db.Run("MATCH (e:Existing) RETURN e.v")).Single()[0]);

        await tx.CommitAsync();
        Assert.Equal(1L, await db.Count("MATCH (n:Fresh) RETURN count(n)"));
        Assert.Equal(2L, (await db.Run("MATCH (e:Existing) RETURN e.v")).Single()[0]);
    }

    /// <summary>Runs <see cref="Readers"/> reader loops until the writer finishes; returns every value they read.</summary>
    private static async Task<List<long>> ReadWhile(Task writer, Progress progress, Func<Task<long>> read)
    {
        var readers = Enumerable.Range(0, Readers).Select(_ => Task.Run(async () =>
        {
            var seen = new List<long>();
            while (!writer.IsCompleted)
            {
                seen.Add(await read());
                Interlocked.Increment(ref progress.Observations);
            }
            return seen;
        })).ToList();
        return (await Task.WhenAll(readers)).SelectMany(s => s).ToList();
    }

    internal static Dictionary<string, object?> Map(string key, object? value) => new() { [key] = value };
}
