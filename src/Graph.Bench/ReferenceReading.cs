namespace Graph.Bench;

/// <summary>
/// One CPU's wide loop (ms) when it read faster than that CPU had read before in the run: an entry of the
/// <see cref="ProbeReference"/>, with where in the run it was read (side, workload, before or after which attempt) and
/// when (UTC), so that a report can say what a workload was judged against.
/// </summary>
public sealed record ReferenceReading(int Cpu, double WideLoopMs, string Where, DateTime AtUtc);
