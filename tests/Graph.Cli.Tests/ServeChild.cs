using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Graph.Cli.Tests;

/// <summary><c>graph serve</c> on a database directory in a child process on free ports, until disposed (SIGTERM).</summary>
public sealed class ServeChild : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServeChild(Process process) => _process = process;

    public int ProcessId => _process.Id;

    /// <summary>The HTTP address it recorded in serve.json (e.g. http://127.0.0.1:41234/).</summary>
    public string Http { get; private set; } = "";

    public static async Task<ServeChild> StartAsync(string db, params string[] extra)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var login = extra.Contains("--user") ? [] : new[] { "--no-auth" };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "graph.dll"), "serve", "--db", db, "--port", "0", "--bolt-port", "0" }.Concat(login).Concat(extra))
            start.ArgumentList.Add(arg);
        var serve = new ServeChild(Process.Start(start)!);
        serve._process.OutputDataReceived += (_, e) => { lock (serve._output) serve._output.AppendLine(e.Data); };
        serve._process.ErrorDataReceived += (_, e) => { lock (serve._output) serve._output.AppendLine(e.Data); };
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        var file = Path.Combine(db, "serve.json");
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            Assert.False(serve._process.HasExited, $"graph serve exited: {serve._output}");
            Assert.True(DateTime.UtcNow < deadline, $"graph serve wrote no {file}: {serve._output}");
            try
            {
                if (File.Exists(file) && JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement is var address
                    && address.GetProperty("pid").GetInt32() == serve.ProcessId)
                {
                    serve.Http = address.GetProperty("http").GetString() ?? "";
                    return serve;
                }
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A stop request as a service manager sends it (the host treats SIGTERM as it treats Ctrl+C): the server
            // stops and deletes its address file. Not SIGINT: a test run started as a background job of a
            // non-interactive shell ignores SIGINT, and the server inherits that, so it would never stop.
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
    }
}
