using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Graph.Client;
using Xunit.Abstractions;

namespace Graph.Bolt.Tests.Policy;

/// <summary>The soak's own server (a fixture of its own: its clock moves independently of the policy tests').</summary>
public sealed class SoakPolicyServerHarness : PolicyServerHarness;

/// <summary>
/// A bounded soak over both protocols: HTTP and Bolt readers (bounded by count: <see cref="MaxReadsPerClient"/> each, and
/// by time: <see cref="MaxSeconds"/>) run while, in turn, a Bolt writer and an HTTP writer abandon a transaction that
/// wrote, and a writer over the other protocol waits for the write lock. While it waits, reads go on over both
/// protocols (awaited, not timed). Then the server's clock (fake) is moved in 1 s steps, staying below the read idle
/// timeout (10 s): each waiting writer gets through once the abandoned one passes the write idle timeout (2 s).
/// Asserted: every read answered, every acknowledged write present exactly once, nothing of an abandoned transaction
/// kept. Counts and rates are printed, never asserted.
/// </summary>
public class MixedSoakTests(SoakPolicyServerHarness server, ITestOutputHelper output) : IClassFixture<SoakPolicyServerHarness>
{
    private const int MaxReadsPerClient = 2000;
    private const int MaxSeconds = 60;

    private readonly ConcurrentBag<string> _failures = [];
    private long _httpReads;
    private long _boltReads;
    private long _readsWhileBlocked;
    private volatile bool _writersDone;
    /// <summary>Set while a writer waits behind an abandoned transaction: the next read over each protocol completes its source.</summary>
    private volatile TaskCompletionSource? _httpReadWhileBlocked;
    private volatile TaskCompletionSource? _boltReadWhileBlocked;

    private static async Task<(HttpStatusCode Status, string Body)> HttpRun(HttpClient http, string statement, object? parameters = null)
    {
        using var response = await http.PostAsync("/db/neo4j/query/v2",
            new StringContent(JsonSerializer.Serialize(new { statement, parameters = parameters ?? new { } }), Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readers_on_both_protocols_keep_going_and_waiting_writers_get_through_after_abandoned_ones_idle_out()
    {
        using (var seed = server.Http("ada", "ada-pw"))
            Assert.Equal(HttpStatusCode.Accepted, (await HttpRun(seed, "UNWIND range(1, 200) AS i CREATE (:SoakItem {i: i})")).Status);

        var watch = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(MaxSeconds));
        var readers = new List<Task>();
        for (var i = 0; i < 3; i++) readers.Add(HttpReaderAsync(i % 2 == 0 ? ("rita", "rita-pw") : ("ben", "ben-pw"), stop.Token));
        for (var i = 0; i < 3; i++) readers.Add(BoltReaderAsync(i % 2 == 0 ? ("rita", "rita-pw") : ("ben", "ben-pw"), stop.Token));

        // Round 1: a Bolt writer abandons its transaction; an HTTP writer waits.
        await using var boltAbandoner = server.Bolt("ada", "ada-pw");
        await using var abandonedSession = boltAbandoner.AsyncSession();
        var abandonedBolt = await abandonedSession.BeginTransactionAsync();
        await abandonedBolt.RunAsync("CREATE (:SoakAbandoned {over: 'bolt'})");
        using var httpWriter = server.Http("ben", "ben-pw");
        var waitingHttp = HttpRun(httpWriter, "CREATE (:SoakWrite {over: 'http'})");
        await Task.Delay(200);
        Assert.False(waitingHttp.IsCompleted, "the HTTP writer cannot pass the lock the abandoned Bolt transaction holds");
        await ReadsGoOnWhileBlocked();
        var steps1 = await server.AdvanceClockUntilAsync(waitingHttp);
        var (status, body) = await waitingHttp.WaitAsync(TimeSpan.FromSeconds(MaxSeconds));
        Assert.True(status == HttpStatusCode.Accepted, body);

        // Round 2: an HTTP writer abandons its transaction; a Bolt writer waits.
        using var httpAbandoner = server.Http("ada", "ada-pw");
        using (var begin = await httpAbandoner.PostAsync("/db/neo4j/query/v2/tx",
                   new StringContent("""{"statement": "CREATE (:SoakAbandoned {over: 'http'})"}""", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.Accepted, begin.StatusCode);
        await using var boltWriter = server.Bolt("ben", "ben-pw");
        await using var writerSession = boltWriter.AsyncSession();
        var waitingBolt = writerSession.RunAsync("CREATE (:SoakWrite {over: 'bolt'})");
        await Task.Delay(200);
        Assert.False(waitingBolt.IsCompleted, "the Bolt writer cannot pass the lock the abandoned HTTP transaction holds");
        await ReadsGoOnWhileBlocked();
        var steps2 = await server.AdvanceClockUntilAsync(waitingBolt);
        Assert.Equal(1, (await waitingBolt.WaitAsync(TimeSpan.FromSeconds(MaxSeconds))).Counters.NodesCreated);
        _writersDone = true;

        await Task.WhenAll(readers);
        watch.Stop();
        Assert.Empty(_failures);

        await using var check = server.Bolt("ada", "ada-pw");
        await using var session = check.AsyncSession();
        var writes = (await session.RunAsync("MATCH (n:SoakWrite) RETURN n.over AS over ORDER BY over")).Records.Select(r => (string)r["over"]!).ToList();
        Assert.Equal(["bolt", "http"], writes);
        Assert.Equal(0L, (await session.RunAsync("MATCH (n:SoakAbandoned) RETURN count(n) AS c")).Single()["c"]);
        Assert.Equal(200L, (await session.RunAsync("MATCH (n:SoakItem) RETURN count(n) AS c")).Single()["c"]);

        var reads = _httpReads + _boltReads;
        Assert.True(_httpReads > 0 && _boltReads > 0, $"reads over HTTP {_httpReads}, over Bolt {_boltReads}");
        output.WriteLine($"{reads} reads ({_httpReads} HTTP, {_boltReads} Bolt; {_readsWhileBlocked} while a writer waited) in {watch.Elapsed.TotalSeconds:0.0} s = {reads / watch.Elapsed.TotalSeconds:0} reads/s; " +
                         $"2 abandoned writers rolled back, 2 waiting writers through after {steps1} and {steps2} clock steps of 1 s");
    }

    /// <summary>Waits (up to <see cref="MaxSeconds"/>, not timed) until a read over each protocol completed while the writer waits.</summary>
    private async Task ReadsGoOnWhileBlocked()
    {
        var http = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bolt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _httpReadWhileBlocked = http;
        _boltReadWhileBlocked = bolt;
        await Task.WhenAll(http.Task, bolt.Task).WaitAsync(TimeSpan.FromSeconds(MaxSeconds));
        _httpReadWhileBlocked = null;
        _boltReadWhileBlocked = null;
    }

    private void Read(ref long counter, TaskCompletionSource? whileBlocked)
    {
        Interlocked.Increment(ref counter);
        if (whileBlocked is null) return;
        Interlocked.Increment(ref _readsWhileBlocked);
        whileBlocked.TrySetResult();
    }

    private async Task HttpReaderAsync((string User, string Password) login, CancellationToken stop)
    {
        using var http = server.Http(login.User, login.Password);
        for (var i = 0; i < MaxReadsPerClient && !_writersDone && !stop.IsCancellationRequested; i++)
        {
            try
            {
                var (status, body) = await HttpRun(http, "MATCH (n:SoakItem) WHERE n.i > $i RETURN count(n) AS c, sum(n.i) AS s", new { i = i % 200 });
                if (status != HttpStatusCode.Accepted) _failures.Add($"HTTP read {status}: {body}");
                else Read(ref _httpReads, _httpReadWhileBlocked);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                _failures.Add($"HTTP read: {e.Message}");
            }
        }
    }

    private async Task BoltReaderAsync((string User, string Password) login, CancellationToken stop)
    {
        await using var driver = server.Bolt(login.User, login.Password);
        for (var i = 0; i < MaxReadsPerClient && !_writersDone && !stop.IsCancellationRequested; i++)
        {
            try
            {
                await using var session = driver.AsyncSession(SessionConfig.Read);
                var row = (await session.RunAsync("MATCH (n:SoakItem) WHERE n.i > $i RETURN count(n) AS c", new Dictionary<string, object?> { ["i"] = (long)(i % 200) })).Single();
                if (row["c"] is not long) _failures.Add($"Bolt read gave {row["c"]}");
                else Read(ref _boltReads, _boltReadWhileBlocked);
            }
            catch (GraphException e)
            {
                _failures.Add($"Bolt read: {e.Code} {e.Message}");
            }
        }
    }
}
