namespace Graph.Bench;

/// <summary>
/// One <see cref="MachineProbe"/> reading: the one-chain and the eight-chain integer loops' times (ms, medians of their
/// readings), the memory walk's time per step (ns), and the CPUs the thread was seen on while probing.
/// </summary>
public sealed record ProbeReading(double LoopMs, double WideLoopMs, double WalkNsPerStep, int[] Cpus);
