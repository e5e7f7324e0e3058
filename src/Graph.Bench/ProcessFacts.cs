using System.Globalization;
using System.Runtime;

namespace Graph.Bench;

/// <summary>
/// What a .NET side's process ran with and what its memory looked like after its workloads: the GC's settings and
/// heap, the tiering settings, transparent huge pages, page faults, context switches and the CPUs it may run on. Read in
/// the worker and in the parent alike, so that a slow process can be compared with a fast one fact by fact.
/// </summary>
public static class ProcessFacts
{
    public static Dictionary<string, string> Read()
    {
        var ic = CultureInfo.InvariantCulture;
        var gc = GC.GetGCMemoryInfo();
        var facts = new Dictionary<string, string>
        {
            ["pid"] = Environment.ProcessId.ToString(ic),
            ["gc"] = $"{(GCSettings.IsServerGC ? "server" : "workstation")}, latency {GCSettings.LatencyMode}, concurrent {AppContext.GetData("System.GC.Concurrent") ?? "default"}, " +
                     $"conserve memory {AppContext.GetData("GCConserveMemory") ?? AppContext.GetData("System.GC.ConserveMemory") ?? "default"}",
            ["gc heap"] = string.Create(ic, $"{gc.HeapSizeBytes / 1048576.0:N0} MB in heap, {gc.TotalCommittedBytes / 1048576.0:N0} MB committed, fragmented {gc.FragmentedBytes / 1048576.0:N0} MB, collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"),
            ["tiering"] = $"DOTNET_TieredPGO={Environment.GetEnvironmentVariable("DOTNET_TieredPGO") ?? "unset"}, DOTNET_TieredCompilation={Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") ?? "unset"}, " +
                          $"DOTNET_ReadyToRun={Environment.GetEnvironmentVariable("DOTNET_ReadyToRun") ?? "unset"}",
        };
        if (Field("/proc/self/smaps_rollup", "AnonHugePages:") is { } huge) facts["anon huge pages"] = huge;
        if (Field("/proc/self/smaps_rollup", "Rss:") is { } rss) facts["rss"] = rss;
        if (Field("/proc/self/status", "voluntary_ctxt_switches:") is { } voluntary) facts["voluntary context switches"] = voluntary;
        if (Field("/proc/self/status", "nonvoluntary_ctxt_switches:") is { } involuntary) facts["involuntary context switches"] = involuntary;
        if (Field("/proc/self/status", "Threads:") is { } threads) facts["threads"] = threads;
        if (Field("/proc/self/status", "Cpus_allowed_list:") is { } allowed) facts["cpus allowed"] = allowed;
        if (Faults() is { } faults) facts["page faults"] = faults;
        return facts;
    }

    /// <summary>Minor and major faults from /proc/self/stat (fields 10 and 12, counted after the command's closing parenthesis).</summary>
    private static string? Faults()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return $"minor {fields[7]}, major {fields[9]}";
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static string? Field(string path, string name)
    {
        try
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
            return line?[name.Length..].Trim();
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
