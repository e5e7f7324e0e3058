using System.Runtime.InteropServices;

namespace Graph.Bench;

/// <summary>The machine a run happened on: cores, memory, CPU model, OS, runtimes.</summary>
public static class MachineInfo
{
    public static string Describe(string? nodeRuntime)
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = ReadField("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var mem = long.TryParse(memKb, out var kb) ? $"{kb / 1048576.0:N1} GiB" : "unknown";
        return $"{Environment.ProcessorCount} cores ({cpu}), {mem} memory, {RuntimeInformation.OSDescription}, " +
               $".NET {Environment.Version}{(nodeRuntime is null ? "" : ", " + nodeRuntime)}";
    }

    /// <summary>The 1-minute load average now: on a shared machine it says how much the timings can be trusted.</summary>
    public static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "unknown"; }
    }

    private static string? ReadField(string path, string field)
    {
        try
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line?[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
