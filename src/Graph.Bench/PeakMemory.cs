using System.Diagnostics;
using System.Globalization;

namespace Graph.Bench;

/// <summary>
/// This process's resident memory from /proc/self/status, and its peak per phase: writing 5 to /proc/self/clear_refs
/// resets the peak (VmHWM) to the current resident size, so a phase's peak is its own plus what was resident when it began.
/// </summary>
public static class PeakMemory
{
    /// <summary>Peak resident set since the process started or the last <see cref="Reset"/>: VmHWM, else the working-set peak.</summary>
    public static double PeakRssMb() => Status("VmHWM:") ?? Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;

    public static double CurrentRssMb() => Status("VmRSS:") ?? Process.GetCurrentProcess().WorkingSet64 / 1048576.0;

    /// <summary>Starts a new phase: the peak becomes the current resident size. False where /proc does not allow it.</summary>
    public static bool Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>
    /// A phase's memory: resident size at its start, and its peak (over the whole process when the reset was refused).
    /// The peak is at least the start's reading: the kernel's resident counters are approximate and its high-water mark
    /// is raised only at some events, so a phase whose memory only fell could read a peak a few KB under its start (seen
    /// once in CI: 125.46 -> 125.45 MB).
    /// </summary>
    public static PhasePeak Measure(string phase, bool wasReset, double startRssMb) =>
        new() { Phase = phase, StartRssMb = startRssMb, PeakRssMb = Math.Max(PeakRssMb(), startRssMb), SinceStart = !wasReset };

    private static double? Status(string field)
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            if (line is not null) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}
