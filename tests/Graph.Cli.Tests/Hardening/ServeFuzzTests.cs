using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Abstractions;

namespace Graph.Cli.Tests.Hardening;

/// <summary>
/// Deep and wide Cypher (<see cref="DeepWideCypher"/>) sent by two clients at once to `graph serve` running as a child
/// process: every request gets an answer (an error is fine, a dropped connection or a dead server is not), and the
/// server's resident memory stays under <see cref="ServeFixture.RssBound"/>. Bounded: a fixed set of statements, each
/// stopped by its 2 s time limit (maxExecutionTime) at worst.
/// </summary>
[Collection(ServeCollection.Name)]
public class ServeFuzzTests(ServeFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_generated_statement_is_answered_and_memory_stays_bounded()
    {
        var server = fixture.Server;
        var statements = new ConcurrentQueue<(string Kind, string Statement, bool AsEditor)>(new DeepWideCypher(seed: 16).Generate());
        var total = statements.Count;
        var outcomes = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentBag<string>();
        long peakRss = 0;
        var clock = Stopwatch.StartNew();

        async Task Client()
        {
            while (statements.TryDequeue(out var item))
            {
                ServeAnswer answer;
                var started = clock.Elapsed;
                try
                {
                    answer = item.AsEditor
                        ? await server.QueryAsync(item.Statement, ServeProcess.Editor, ServeProcess.EditorPassword, maxExecutionTimeSeconds: 2)
                        : await server.QueryAsync(item.Statement, ServeProcess.Reader, ServeProcess.ReaderPassword, maxExecutionTimeSeconds: 2);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    failures.Add($"{item.Kind}: no answer ({e.GetType().Name}: {e.Message}) to {Cut(item.Statement)}");
                    if (server.HasExited) return;
                    continue;
                }
                if (answer.Json is null) failures.Add($"{item.Kind}: the answer is not JSON: {answer}");
                else if (answer.ErrorCode == "Neo.DatabaseError.General.UnknownError") failures.Add($"{item.Kind}: an internal failure: {answer}");
                outcomes.AddOrUpdate(answer.ErrorCode ?? "result", 1, (_, n) => n + 1);
                output.WriteLine($"{(clock.Elapsed - started).TotalSeconds,5:F1} s  {item.Kind,-28} {answer.ErrorCode ?? "result",-70} {Cut(item.Statement, 60)}");
                if (!server.HasExited) InterlockedMax(ref peakRss, server.Memory().Rss);
            }
        }

        await Task.WhenAll(Client(), Client());
        Assert.False(server.HasExited, $"the server died:\n{server.Log}");
        var (rss, hwm) = server.Memory();
        output.WriteLine($"{total} statements in {clock.Elapsed.TotalSeconds:F1} s; answers: " +
                         string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}")));
        output.WriteLine($"server RSS: {rss >> 20} MiB now, {peakRss >> 20} MiB at most between statements, VmHWM {hwm >> 20} MiB; bound {ServeFixture.RssBound >> 20} MiB");
        Assert.True(failures.IsEmpty, string.Join("\n", failures));
        Assert.Equal(total, outcomes.Values.Sum());
        Assert.True(hwm < ServeFixture.RssBound, $"the server's resident memory reached {hwm >> 20} MiB (bound {ServeFixture.RssBound >> 20} MiB)");
        var alive = await server.AsReaderAsync("MATCH (n:D) RETURN count(n) AS n");
        Assert.Equal(ServeFixture.DenseNodes, alive.Single().GetInt64());
        var fuzz = await server.AsReaderAsync("MATCH (n:Fuzz) RETURN count(n) AS n");
        Assert.Equal(0, fuzz.Single().GetInt64());
    }

    private static string Cut(string s, int length = 200) => s.Length > length ? s[..length] + "..." : s;

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current) current = Interlocked.Read(ref target);
    }
}
