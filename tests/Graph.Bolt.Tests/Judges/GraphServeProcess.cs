using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Graph.Bolt.Tests.Judges;

/// <summary>
/// A real <c>graph serve</c> in a child process (the CLI this repository builds), on free ports, with an editor and a
/// reader, on a fresh database directory. It finds its own addresses in the serve.json it writes next to the store.
/// </summary>
public sealed class GraphServeProcess : IAsyncLifetime
{
    public const string Editor = "alice";
    public const string EditorPassword = "judge-secret";
    public const string Reader = "rita";
    public const string ReaderPassword = "reader-secret";

    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "graph-judges-" + Guid.NewGuid().ToString("N"))).FullName;
    private Process? _process;
    private readonly StringBuilder _output = new();

    public string Db => Path.Combine(_directory, "db");
    public string BoltUri { get; private set; } = "";
    public string HttpUri { get; private set; } = "";
    public int ProcessId => _process!.Id;

    /// <summary>What the server printed so far (for failure messages).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Graph.sln"))) return dir.FullName;
        throw new InvalidOperationException("Graph.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "graph.dll"), "serve", "--db", Db, "--port", "0", "--bolt-port", "0",
                     "--user", $"{Editor}:{EditorPassword}", "--user", $"{Reader}:{ReaderPassword}:reader" })
            start.ArgumentList.Add(arg);
        // Writers give up waiting for the write lock after 2 s here, so the retry judge does not wait 30 s.
        start.Environment["GRAPH_Server__WriteLockTimeout"] = "00:00:02";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var file = Path.Combine(Db, "serve.json");
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"graph serve exited with {_process.ExitCode}:\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"graph serve did not write {file} within 120 s:\n{Output}");
            if (File.Exists(file))
            {
                try
                {
                    using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
                    if (json.RootElement.GetProperty("pid").GetInt32() == _process.Id)
                    {
                        BoltUri = json.RootElement.GetProperty("bolt").GetString()!;
                        HttpUri = json.RootElement.GetProperty("http").GetString()!;
                        return;
                    }
                }
                catch (Exception e) when (e is JsonException or IOException)
                {
                    // being written: try again
                }
            }
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>The server's resident memory now and at its peak since the last <see cref="ResetPeakMemory"/> (Linux /proc), in bytes.</summary>
    public (long Resident, long Peak) Memory()
    {
        long Field(string name) => File.ReadLines($"/proc/{ProcessId}/status")
            .Where(l => l.StartsWith(name + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l[(name.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024)
            .Single();
        return (Field("VmRSS"), Field("VmHWM"));
    }

    /// <summary>Starts a new peak: the kernel sets the high-water mark to what is resident now. False where it cannot.</summary>
    public bool ResetPeakMemory()
    {
        try
        {
            File.WriteAllText($"/proc/{ProcessId}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
