namespace Graph.Bench;

/// <summary>
/// The machine probe's wide loop read on the measuring thread's CPU between two timed runs of a slow workload (outside
/// the timing): its time (ms, the median of <see cref="MachineProbe.MidRunReadings"/> readings), the CPU it ran on, and
/// when, in ms after the timed runs began. A vCPU the host slows after the probe before the workload is seen here, not
/// only in the probe after it.
/// </summary>
public sealed record MidRunReading(double AtMs, double WideLoopMs, int Cpu);
