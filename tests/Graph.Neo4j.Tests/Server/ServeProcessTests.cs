using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Graph.Neo4j.Tests.Server;

/// <summary>`graph serve` as a child process: memory stays flat while a large result streams, and the process survives and stops cleanly.</summary>
public sealed class ServeProcessTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"graph-serve-process-{Guid.NewGuid():N}");

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static HttpRequestMessage Query(string statement) => new(HttpMethod.Post, "/db/neo4j/query/v2")
    {
        Content = new StringContent($$"""{"statement": "{{statement}}"}""", Encoding.UTF8, "application/json"),
        Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("ada:pw-ada"u8.ToArray())) },
    };

    [Fact]
    public async Task Two_million_rows_stream_without_growing_the_server()
    {
        await using var server = await ServeProcess.StartAsync(_directory, "--user", "ada:pw-ada", "--query-timeout", "0");
        using var http = new HttpClient { BaseAddress = server.Uri, Timeout = TimeSpan.FromMinutes(5) };
        using (var warmUp = await http.SendAsync(Query("RETURN 1")))
            Assert.Equal(HttpStatusCode.Accepted, warmUp.StatusCode);
        var before = server.StatusKilobytes("VmRSS");

        // 2,000,000 rows (about 67 MB of JSON); held whole, rows and body would take several hundred MB.
        using var response = await http.SendAsync(Query("UNWIND range(1, 2000) AS a UNWIND range(1, 1000) AS b RETURN a * 1000 + b AS x"),
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long bytes = 0;
        var tail = new List<byte>();
        for (int read; (read = await body.ReadAsync(buffer)) > 0;)
        {
            bytes += read;
            tail.AddRange(buffer.AsSpan(0, read).ToArray());
            if (tail.Count > 256) tail.RemoveRange(0, tail.Count - 256);
        }
        var peak = server.StatusKilobytes("VmHWM");

        Assert.Contains("2001000", Encoding.UTF8.GetString(tail.ToArray())); // the last row arrived
        Assert.True(bytes > 60_000_000, $"{bytes} bytes");
        Assert.True(peak - before < 80 * 1024, $"RSS {before / 1024} MB before, peak {peak / 1024} MB while streaming {bytes / 1_000_000} MB");

        Assert.False(server.HasExited);
        Assert.Equal(0, await server.StopAsync());
        Assert.Contains("Application is shutting down", server.Output);
        Assert.DoesNotContain("   at ", server.Output); // no stack trace anywhere
    }

    [Fact]
    public async Task Stopping_with_a_query_running_stops_the_query_and_exits_cleanly()
    {
        await using var server = await ServeProcess.StartAsync(_directory, "--user", "ada:pw-ada");
        using var http = new HttpClient { BaseAddress = server.Uri, Timeout = TimeSpan.FromMinutes(2) };
        // Would spin for minutes; the 60 s default limit is not what ends it here.
        var running = http.SendAsync(Query("UNWIND range(1, 1000000) AS a UNWIND range(1, 1000) AS b WITH a, b WHERE a * b < 0 RETURN count(*) AS c"));
        // Running once the idle server has burnt a second of CPU on it (a generous wait on a loaded machine).
        var idle = server.CpuTicks();
        for (var i = 0; i < 600 && server.CpuTicks() - idle < 100; i++) await Task.Delay(100);
        Assert.True(server.CpuTicks() - idle >= 100, "the query did not start");
        var exit = server.StopAsync();

        using var response = await running;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("shutting down", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await exit);
        Assert.DoesNotContain("   at ", server.Output);
    }
}
