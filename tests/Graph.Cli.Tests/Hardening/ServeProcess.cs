using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Graph.Cli.Tests.Hardening;

/// <summary>One answer of the Query API: the HTTP status and the parsed body (null when it was not JSON).</summary>
public sealed record ServeAnswer(HttpStatusCode Status, string Body, JsonElement? Json)
{
    /// <summary>The Neo4j code of the first error, or null for a result.</summary>
    public string? ErrorCode => Json is { } j && j.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0
        ? errors[0].GetProperty("code").GetString()
        : null;

    /// <summary>The one value of a one-row, one-column result (plain JSON: data.values[0][0]).</summary>
    public JsonElement Single() =>
        Json is { } j && j.TryGetProperty("data", out var data) ? data.GetProperty("values")[0][0] : throw new Xunit.Sdk.XunitException($"no result: {this}");

    public override string ToString() => $"{(int)Status} {(Body.Length > 600 ? Body[..600] + "..." : Body)}";
}

/// <summary>
/// `graph serve` in a child process on a free loopback port, with an editor and a read-only user, an on-disk database in
/// a temporary directory and the settings passed as GRAPH_* environment variables. Disposing stops it.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    public const string Editor = "edith";
    public const string EditorPassword = "editor-secret";
    public const string Reader = "rita";
    public const string ReaderPassword = "reader-secret";

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _directory;
    private readonly HttpClient _http;

    private ServeProcess(Process process, string directory, Uri uri)
    {
        _process = process;
        _directory = directory;
        Uri = uri;
        _http = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(60) };
        process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Uri { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public static async Task<ServeProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] extraArgs)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "graph-serve-" + Guid.NewGuid().ToString("N"))).FullName;
        var port = FreePort();
        string[] args =
        [
            "serve", "--db", Path.Combine(directory, "db"), "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--user", $"{Editor}:{EditorPassword}", "--user", $"{Reader}:{ReaderPassword}:reader", .. extraArgs,
        ];
        var start = GraphProcess.StartInfo(args, environment);
        start.WorkingDirectory = directory; // no appsettings.json of the repository
        var process = Process.Start(start)!;
        var serve = new ServeProcess(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        await serve.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(90));
        return serve;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilListeningAsync(int port, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new Xunit.Sdk.XunitException($"graph serve exited ({_process.ExitCode}) before listening:\n{Log}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                if (clock.Elapsed > timeout) throw new Xunit.Sdk.XunitException($"graph serve did not listen within {timeout.TotalSeconds} s:\n{Log}");
                await Task.Delay(100);
            }
        }
    }

    /// <summary>POST /db/neo4j/query/v2 as <paramref name="user"/>; throws only when no answer came back (a dropped connection).</summary>
    public async Task<ServeAnswer> QueryAsync(string statement, string user, string password, object? parameters = null, int? maxExecutionTimeSeconds = null)
    {
        var body = maxExecutionTimeSeconds is { } seconds
            ? JsonSerializer.Serialize(new { statement, parameters = parameters ?? new { }, maxExecutionTime = seconds })
            : JsonSerializer.Serialize(new { statement, parameters = parameters ?? new { } });
        using var request = new HttpRequestMessage(HttpMethod.Post, "db/neo4j/query/v2")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await _http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        JsonElement? json = null;
        try
        {
            // as deep as a result may nest (the engine returns values up to 500 levels deep)
            json = JsonDocument.Parse(answer, new JsonDocumentOptions { MaxDepth = 2048 }).RootElement.Clone();
        }
        catch (JsonException)
        {
        }
        return new ServeAnswer(response.StatusCode, answer, json);
    }

    public Task<ServeAnswer> AsReaderAsync(string statement) => QueryAsync(statement, Reader, ReaderPassword);

    public Task<ServeAnswer> AsEditorAsync(string statement) => QueryAsync(statement, Editor, EditorPassword);

    /// <summary>Resident memory now and at most so far (/proc/&lt;pid&gt;/status).</summary>
    public (long Rss, long Peak) Memory() => (GraphProcess.ProcStatusBytes(Pid, "VmRSS"), GraphProcess.ProcStatusBytes(Pid, "VmHWM"));

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
