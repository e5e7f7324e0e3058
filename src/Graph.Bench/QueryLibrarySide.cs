using Graph.Client;
using Graph.Core.Generation;
using Graph.Queries;
using Graph.Queries.Algorithms;
using Graph.Queries.Analysis;

namespace Graph.Bench;

/// <summary>
/// The query library (Graph.Queries, what `graph positions|shared|allies|path` run) on the graph the ingestion
/// pipeline loaded: the questions users ask one expert at a time, timed end to end (Cypher through the driver, the
/// C# ranking and the evidence reads), over experts from the most prolific to the long tail.
/// </summary>
public static class QueryLibrarySide
{
    public static async Task<List<WorkloadResult>> RunAsync(IDriver driver, int experts, int runs, double budgetMs, TextWriter log)
    {
        // Zipf ranks: SyntheticCorpus draws expert i with probability ~ 1/(i+1)^s, so low ids are the prolific ones.
        var ids = new[] { 0, 1, 2, 5, 10, 50, 100, 500, 1000, 5000, 10_000, 20_000, 40_000, 60_000, 80_000, 99_000 }
            .Where(i => i < experts).Select(SyntheticCorpus.ExpertId).ToList();
        var one = ids.Select(id => new Dictionary<string, object?> { ["expert"] = id }).ToList();
        var two = ids.Select((id, i) => new Dictionary<string, object?> { ["a"] = id, ["b"] = ids[(i + 1) % ids.Count] }).ToList();
        var results = new List<WorkloadResult>();

        async Task Time(string name, IReadOnlyList<Dictionary<string, object?>> parameters, Func<DebateQueries, Dictionary<string, object?>, Task<long>> run)
        {
            // A fresh DebateQueries per call: nothing cached between runs, as for one CLI command or web request. Every
            // expert of the list is asked (at least one run per parameter set), so the median spans prolific to tail.
            var result = await Measure.RunAsync(name, parameters, Math.Max(runs, parameters.Count), warmup: 1,
                Math.Max(budgetMs, 30_000), p => run(new DebateQueries(driver), p));
            log.WriteLine($"  query library: {name}: median {Measure.Median(result.Ms):N1} ms{(result.Error is null ? "" : ", " + result.Error)}");
            results.Add(result);
        }

        await Time("name lookup (index of every expert, institution, claim)", one,
            async (q, p) => (await q.LoadIndexAsync()).Resolve($"Expert {((string)p["expert"]!)[7..].TrimStart('0')}").Matches.Count);
        await Time("positions of an expert", one, async (q, p) => (await q.PositionsAsync((string)p["expert"]!)).Groups.Sum(g => g.Positions.Count));
        await Time("shared positions of two experts", two, async (q, p) => (await q.SharedAsync((string)p["a"]!, (string)p["b"]!)).Shared.Count);
        await Time("allies of an expert (all candidates ranked, top 20 with evidence)", one,
            async (q, p) => (await q.AlliesAsync((string)p["expert"]!, false, Normalization.Average, limit: 20)).Total);
        await Time("opponents of an expert (top 20)", one,
            async (q, p) => (await q.AlliesAsync((string)p["expert"]!, true, Normalization.Average, limit: 20)).Total);
        await Time("agreement path between two experts", two,
            async (q, p) => (await q.PathsAsync((string)p["a"]!, (string)p["b"]!, NetworkMode.Agreement)).Sum(path => path.Length));
        return results;
    }
}
