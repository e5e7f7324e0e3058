using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Graph.Bench;

/// <summary>
/// A fixed yardstick timed inside each process around each workload: two allocation-free integer loops (one chain: the
/// core's clock; eight chains: its issue width, which a busy SMT sibling takes) and a dependent walk over a 4 MiB buffer (the caches' and memory's latency), with the CPUs the thread ran on. Both
/// are compiled fully optimized at once (no tiering, no profile), so they run the same machine code in every process:
/// a probe slower than usual says the machine or vCPU was slow; a normal probe beside a slow workload says the process
/// itself (its code or its heap) was.
/// </summary>
public static class MachineProbe
{
    /// <summary>Readings per probe; the reported time is their median, so one interruption does not move it.</summary>
    private const int Readings = 5;
    private const int LoopIterations = 1_000_000;
    private const int WalkEntries = 1 << 20; // 4 MiB of ints: beyond the core's L2, so the walk reaches L3 or memory
    private const int WalkSteps = 200_000;

    public static unsafe ProbeReading Read()
    {
        var cpus = new SortedSet<int>();
        var loop = new double[Readings];
        var wide = new double[Readings];
        var walk = new double[Readings];
        // The walk's buffer is native and freed at the end: the probe adds nothing to the managed heap and leaves no
        // resident memory behind (it is touched before the timing, so its page faults are not timed).
        var buffer = (int*)NativeMemory.Alloc(WalkEntries, sizeof(int));
        try
        {
            FillCycle(buffer);
            for (var i = 0; i < Readings; i++)
            {
                Cpu(cpus);
                var start = Stopwatch.GetTimestamp();
                var sink = Loop(LoopIterations);
                loop[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                Cpu(cpus);
                start = Stopwatch.GetTimestamp();
                sink += WideLoop(LoopIterations);
                wide[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                Cpu(cpus);
                start = Stopwatch.GetTimestamp();
                sink += Walk(buffer, WalkSteps);
                walk[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds * 1e6 / WalkSteps;
                GC.KeepAlive(sink);
                Cpu(cpus);
            }
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
        return new ProbeReading(Measure.Median(loop), Measure.Median(wide), Measure.Median(walk), [.. cpus]);
    }

    /// <summary>Wide-loop readings per mid-run reading (their median): ~2 ms each, and no memory touched, so the caches
    /// the next timed run finds are the ones the last left.</summary>
    public const int MidRunReadings = 3;

    private static long s_sink;

    /// <summary>The wide loop alone, on the CPU the thread runs on now (pinned, the measuring CPU): between the timed runs
    /// of a slow workload. Compiled fully optimized once, like the rest of the probe, and calling nothing that tiering
    /// would promote later (the median of three by hand, not a sort), so that the readings add no compilation to the
    /// timed runs they sit between.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static MidRunReading ReadWideLoopHere(double atMs)
    {
        var a = TimedWideLoop();
        var b = TimedWideLoop();
        var c = TimedWideLoop();
        var median = Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
        return new MidRunReading(atMs, median, CurrentCpu());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double TimedWideLoop()
    {
        var start = Stopwatch.GetTimestamp();
        var sink = WideLoop(LoopIterations);
        var ms = (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
        s_sink ^= sink; // kept, so the loop is not removed; no box (GC.KeepAlive would allocate one)
        return ms;
    }

    /// <summary>
    /// One reading on each CPU this thread may run on, the thread pinned to each in turn and then given its CPUs back:
    /// the host can slow one vCPU while the other runs at full speed. Where pinning is not possible, one unpinned reading.
    /// </summary>
    public static List<ProbeReading> ReadEachCpu()
    {
        var allowed = AllowedCpus();
        if (allowed.Count < 2) return [Read()];
        var readings = new List<ProbeReading>();
        foreach (var cpu in allowed)
        {
            using var pin = PinTo(cpu);
            if (pin is null) return [Read()];
            readings.Add(Read());
        }
        return readings;
    }

    /// <summary>The CPU whose wide loop was fastest: a shared core slows it, while other processes' memory traffic,
    /// which makes the walk noisy on a loaded machine, does not.</summary>
    public static int? Fastest(IReadOnlyList<ProbeReading> readings) =>
        readings.Count < 2 || readings.Any(r => r.Cpus.Length != 1) ? null : readings.MinBy(r => r.WideLoopMs)!.Cpus[0];

    /// <summary>Pins the calling thread to one CPU until disposed (which gives it its CPUs back); null where not possible.</summary>
    public static IDisposable? PinTo(int cpu)
    {
        if (!OperatingSystem.IsLinux() || cpu < 0 || cpu >= CpuSetBits) return null;
        var before = new ulong[CpuSetBits / 64];
        var only = new ulong[CpuSetBits / 64];
        only[cpu / 64] = 1UL << (cpu % 64);
        try
        {
            if (SchedGetAffinity(0, (nuint)(before.Length * 8), before) != 0) return null;
            if (SchedSetAffinity(0, (nuint)(only.Length * 8), only) != 0) return null;
        }
        catch (EntryPointNotFoundException) { return null; }
        catch (DllNotFoundException) { return null; }
        return new Restore(GetTid(), before);
    }

    private static List<int> AllowedCpus()
    {
        var mask = new ulong[CpuSetBits / 64];
        try
        {
            if (!OperatingSystem.IsLinux() || SchedGetAffinity(0, (nuint)(mask.Length * 8), mask) != 0) return [];
        }
        catch (EntryPointNotFoundException) { return []; }
        catch (DllNotFoundException) { return []; }
        return Enumerable.Range(0, CpuSetBits).Where(cpu => (mask[cpu / 64] & (1UL << (cpu % 64))) != 0).ToList();
    }

    private const int CpuSetBits = 1024; // glibc's cpu_set_t

    /// <summary>Gives the pinned thread (by its id: an await may resume elsewhere) its CPUs back.</summary>
    private sealed class Restore(int thread, ulong[] mask) : IDisposable
    {
        public void Dispose() => SchedSetAffinity(thread, (nuint)(mask.Length * 8), mask);
    }

    /// <summary>The CPU this thread runs on now (Linux), or -1 where the call does not exist.</summary>
    public static int CurrentCpu()
    {
        try { return SchedGetCpu(); }
        catch (EntryPointNotFoundException) { return -1; }
        catch (DllNotFoundException) { return -1; }
    }

    private static void Cpu(SortedSet<int> cpus) => cpus.Add(CurrentCpu());

    /// <summary>A dependent chain of multiplies, shifts and adds: no memory traffic, no allocation, no branch to mispredict.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static long Loop(int iterations)
    {
        ulong x = 0x9E3779B97F4A7C15;
        for (var i = 0; i < iterations; i++) x = (x ^ (x >> 29)) * 0xBF58476D1CE4E5B9 + (ulong)i;
        return (long)x;
    }

    /// <summary>Eight independent chains of adds, xors and rotates: bound by the core's issue width, not by one chain's
    /// latency, so it slows when another hardware thread shares the core (SMT) even where <see cref="Loop"/> does not.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static long WideLoop(int iterations)
    {
        ulong a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8;
        for (var i = 0; i < iterations; i++)
        {
            var k = (ulong)i;
            a = ulong.RotateLeft(a + k, 7) ^ 0x1234; b = ulong.RotateLeft(b ^ k, 9) + 0x5678;
            c = ulong.RotateLeft(c + k, 11) ^ 0x9ABC; d = ulong.RotateLeft(d ^ k, 13) + 0xDEF0;
            e = ulong.RotateLeft(e + k, 17) ^ 0x1357; f = ulong.RotateLeft(f ^ k, 19) + 0x2468;
            g = ulong.RotateLeft(g + k, 23) ^ 0x369C; h = ulong.RotateLeft(h ^ k, 29) + 0x48AD;
        }
        return (long)(a ^ b ^ c ^ d ^ e ^ f ^ g ^ h);
    }

    /// <summary>Follows the single cycle through the buffer: each load's address is the previous load's value.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static unsafe long Walk(int* next, int steps)
    {
        var at = 0;
        for (var i = 0; i < steps; i++) at = next[at];
        return at;
    }

    /// <summary>One random cycle through every entry (Sattolo's shuffle, fixed seed), so the walk visits the whole
    /// buffer in an order the prefetcher cannot follow.</summary>
    private static unsafe void FillCycle(int* next)
    {
        for (var i = 0; i < WalkEntries; i++) next[i] = i;
        var random = new Random(12345);
        for (var i = WalkEntries - 1; i > 0; i--)
        {
            var j = random.Next(i);
            (next[i], next[j]) = (next[j], next[i]);
        }
    }

    [DllImport("libc", EntryPoint = "sched_getcpu")]
    private static extern int SchedGetCpu();

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetTid();

    /// <summary>pid 0: the calling thread.</summary>
    [DllImport("libc", EntryPoint = "sched_getaffinity")]
    private static extern int SchedGetAffinity(int pid, nuint size, [Out] ulong[] mask);

    [DllImport("libc", EntryPoint = "sched_setaffinity")]
    private static extern int SchedSetAffinity(int pid, nuint size, ulong[] mask);
}
