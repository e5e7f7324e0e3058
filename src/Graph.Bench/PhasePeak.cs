namespace Graph.Bench;

/// <summary>One phase's memory: resident size when it began and its peak (VmHWM reset at its start).</summary>
public sealed class PhasePeak
{
    public string Phase { get; set; } = "";
    public double StartRssMb { get; set; }
    public double PeakRssMb { get; set; }
    /// <summary>The peak could not be reset at the phase's start: it is the process's peak so far.</summary>
    public bool SinceStart { get; set; }
}
