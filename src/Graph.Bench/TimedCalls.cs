using System.Diagnostics;

namespace Graph.Bench;

/// <summary>
/// One call of a workload as the timed runs make it: timestamps around the awaited call, its time and row count added to
/// the result's lists. The warm-up makes its calls through this same code, so that everything the timed loop runs (the
/// awaits of <c>Task&lt;long&gt;</c>, the lists' adds, the timestamps) was called, counted and promoted by tiered
/// compilation before the timing starts, not first during it (their tier-1 compilations were seen in positions'
/// timed runs: docs/benchmarks.md, branch poskuzu). The lists are made with room for every timed run, so that no timed
/// call grows them (a list's resize runs rarely and is promoted late); the warm-up's entries are dropped before timing.
/// </summary>
public sealed class TimedCalls
{
    private readonly WorkloadResult _result;
    private readonly int _capacity;

    /// <summary>Sum of the calls' times since the last <see cref="StartTiming"/>.</summary>
    public double SpentMs { get; private set; }

    public TimedCalls(WorkloadResult result, int timedRuns)
    {
        _result = result;
        _capacity = Math.Max(1, timedRuns);
        result.Ms = new List<double>(_capacity);
        result.Rows = new List<long>(_capacity);
    }

    /// <summary>Times one call and records it. While warming, the lists are emptied (keeping their room) when full.</summary>
    public async Task RunAsync(Func<Dictionary<string, object?>, Task<long>> run, Dictionary<string, object?> parameters, bool warming)
    {
        if (warming && _result.Ms.Count == _capacity) StartTiming();
        // timestamps, not Elapsed: a TimeSpan counts 100 ns ticks, and the arrays answer a point query in less. The timed
        // span is the one the bench always measured (the row count's add inside it): the arrays' point workloads take
        // 50–70 ns, so moving even a list add out of it would move their ratios.
        var start = Stopwatch.GetTimestamp();
        _result.Rows.Add(await run(parameters));
        var ms = (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
        _result.Ms.Add(ms);
        SpentMs += ms;
    }

    /// <summary>Drops the warm-up's entries (the lists keep their room) and the time spent.</summary>
    public void StartTiming()
    {
        _result.Ms.Clear();
        _result.Rows.Clear();
        SpentMs = 0;
    }
}
