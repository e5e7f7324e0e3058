using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Graph.Neo4j.Tests.Server;

/// <summary>
/// `graph serve` as a child process (graph.dll next to the tests): a crash or a runaway allocation fails the test, not
/// the test host, and the process's own memory can be read from /proc.
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ServeProcess(Process process, Uri uri)
    {
        _process = process;
        Uri = uri;
    }

    public Uri Uri { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the server printed (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_output) return string.Join('\n', _output);
        }
    }

    [GeneratedRegex(@"Query API at (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    public static async Task<ServeProcess> StartAsync(string database, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "graph.dll"));
        foreach (var argument in (string[])["serve", "--db", database, "--port", "0", "--no-bolt", .. arguments]) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start)!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new List<string>();
        void Read(string? line)
        {
            if (line is null) return;
            lock (lines) lines.Add(line);
            if (Listening().Match(line) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (started != listening.Task)
        {
            if (!process.HasExited) process.Kill();
            lock (lines) throw new InvalidOperationException($"graph serve did not start:\n{string.Join('\n', lines)}");
        }
        var server = new ServeProcess(process, listening.Task.Result);
        lock (lines) server._output.AddRange(lines);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (server._output) server._output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (server._output) server._output.Add(e.Data); };
        return server;
    }

    /// <summary>A field of /proc/[pid]/status in kB (VmRSS now, VmHWM the peak).</summary>
    public long StatusKilobytes(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        throw new InvalidOperationException($"/proc/{_process.Id}/status has no {field}");
    }

    /// <summary>CPU time the process has used, in clock ticks (utime + stime of /proc/[pid]/stat, 100 per second).</summary>
    public long CpuTicks()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Asks the server to stop (SIGTERM) and waits; returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(wait.Token);
        }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) await StopAsync();
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
