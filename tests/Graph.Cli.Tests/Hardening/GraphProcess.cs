using System.Diagnostics;
using System.Text;

namespace Graph.Cli.Tests.Hardening;

/// <summary>What a `graph` child process printed, how it ended, and the most memory it held.</summary>
public sealed record ChildRun(int ExitCode, string Out, string Err, TimeSpan Elapsed)
{
    public string All => Out + Err;

    /// <summary>The runtime's report of a stack overflow, or an abort: the process died instead of answering.</summary>
    public bool Crashed => ExitCode is 134 or 139 || ExitCode < 0 || All.Contains("Stack overflow", StringComparison.Ordinal);

    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:F1} s\n--- stdout\n{Cut(Out)}\n--- stderr\n{Cut(Err)}";

    private static string Cut(string s) => s.Length > 4000 ? s[..4000] + "..." : s;
}

/// <summary>
/// Runs the real `graph` command (the graph.dll built next to these tests) in a child process: a statement that crashes
/// the engine kills that process, not the test host, and the test sees the crash.
/// </summary>
public static class GraphProcess
{
    public static string GraphDll { get; } = Path.Combine(AppContext.BaseDirectory, "graph.dll");

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(GraphDll);
        foreach (var a in args) start.ArgumentList.Add(a);
        // settings of the machine running the tests must not leak in
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("GRAPH_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(key);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return start;
    }

    /// <summary>`graph args...` with <paramref name="stdin"/> as its input; killed after <paramref name="timeout"/>.</summary>
    public static async Task<ChildRun> RunAsync(IEnumerable<string> args, string stdin, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Process.Start(StartInfo(args, environment))!;
        var clock = Stopwatch.StartNew();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new Xunit.Sdk.XunitException($"graph {string.Join(' ', args)} still ran after {timeout.TotalSeconds} s:\n{await stderr}");
        }
        return new ChildRun(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }

    /// <summary>A field of /proc/&lt;pid&gt;/status in bytes (VmRSS: resident now, VmHWM: the most resident so far).</summary>
    public static long ProcStatusBytes(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith(field + ":", StringComparison.Ordinal)) continue;
            var kb = line[(field.Length + 1)..].Trim().Split(' ')[0];
            return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        throw new InvalidOperationException($"/proc/{pid}/status has no {field}");
    }
}
