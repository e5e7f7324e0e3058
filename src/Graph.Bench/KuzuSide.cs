using System.Diagnostics;
using System.Text.Json;

namespace Graph.Bench;

/// <summary>Kùzu's side: <c>node kuzu/bench.mjs plan.json result.json</c> (kuzu 0.11.3 from npm, installed with <c>npm ci</c> in that folder).</summary>
public static class KuzuSide
{
    /// <summary>src/Graph.Bench/kuzu, found from the build output upwards, or $GRAPH_BENCH_KUZU.</summary>
    public static string? FindScriptDirectory()
    {
        if (Environment.GetEnvironmentVariable("GRAPH_BENCH_KUZU") is { Length: > 0 } env) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Graph.Bench", "kuzu");
            if (File.Exists(Path.Combine(candidate, "bench.mjs"))) return candidate;
        }
        return null;
    }

    public static string? WhyNotRunnable(string? directory)
    {
        if (directory is null) return "src/Graph.Bench/kuzu/bench.mjs not found (set GRAPH_BENCH_KUZU to its folder)";
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "kuzu")))
            return $"kuzu is not installed: run `npm ci` in {directory}";
        return null;
    }

    /// <summary>
    /// How long the machine is left idle after Kùzu's process exits, before the next side starts: as long as Kùzu's side
    /// ran, at most <see cref="MaxSettle"/>. At 100k our positions ran 0.58–0.64 µs right after Kùzu (five runs) against
    /// 0.57 µs in two runs that waited 60 s first and 0.55–0.59 µs without Kùzu; Kùzu's process had exited in every
    /// sample, and a stand-in that idled, burnt both cores or held 500 MB for as long did not slow it
    /// (docs/benchmarks.md, branch poskuzu). Whatever Kùzu's two-core, memory-heavy minute leaves behind in the VM decays;
    /// every side after it starts on a settled machine.
    /// </summary>
    public static TimeSpan SettleAfter(TimeSpan kuzuRan) => kuzuRan < MaxSettle ? kuzuRan : MaxSettle;

    public static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(60);

    /// <summary>Runs the script; its result comes back in a file beside the plan (stdout carries nothing).</summary>
    public static async Task<SideResult> RunAsync(string directory, string planPath, TextWriter log)
    {
        var resultPath = Path.ChangeExtension(planPath, ".kuzu-result.json");
        File.Delete(resultPath);
        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("bench.mjs");
        start.ArgumentList.Add(planPath);
        start.ArgumentList.Add(resultPath);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start node.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = new System.Text.StringBuilder();
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            log.WriteLine(line);
            stderr.AppendLine(line);
        }
        await process.WaitForExitAsync();
        var printed = (await stdout).Trim();
        if (printed.Length > 0) log.WriteLine($"  Kùzu's stdout: {printed}");
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"The Kùzu script failed (exit {process.ExitCode}): {stderr}");
        if (!File.Exists(resultPath))
            throw new InvalidDataException($"The Kùzu script exited without writing its result {resultPath}.");
        try
        {
            return JsonSerializer.Deserialize<SideResult>(File.ReadAllText(resultPath), BenchPlan.Json)
                   ?? throw new InvalidDataException($"{resultPath}: the Kùzu script wrote no result.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{resultPath}: not the result the Kùzu script should write ({e.Message})", e);
        }
    }
}
