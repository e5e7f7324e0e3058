using Graph.Bench.Data;

namespace Graph.Bench;

/// <summary>One question asked of both engines: our Cypher and Kùzu's dialect side by side, and the parameter sets to cycle through.</summary>
public sealed record Workload
{
    public required string Name { get; init; }
    public required string Ours { get; init; }
    public required string Kuzu { get; init; }
    public IReadOnlyList<Dictionary<string, object?>> Params { get; init; } = [];
    /// <summary>Timed runs (fewer when the time budget runs out); global workloads use fewer.</summary>
    public int Runs { get; init; }
    public bool Global { get; init; }
    /// <summary>Why the workload is not run at this scale, or null.</summary>
    public string? Skipped { get; init; }
    /// <summary>The Cypher orders its rows (ORDER BY), so the sides' rows are compared in order; otherwise as a multiset.</summary>
    public bool RowsOrdered => Ours.Contains(" ORDER BY ", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The workloads of issue 8. The two dialects differ only where Kùzu's does: <c>label(r)</c> for <c>type(r)</c>,
/// <c>-[* SHORTEST 1..4]-</c> for <c>shortestPath(...)</c>.
/// </summary>
public static class Workloads
{
    public const int ParameterSets = 16;

    public static List<Workload> Create(SyntheticDebate debate, int runs, long networkBudget)
    {
        var random = new Random(debate.Shape.Seed + 1);
        var experts = PickExperts(debate, random);
        var sharedPairs = PickSharedPairs(debate, random);
        var agreementPairs = PickAgreementPairs(debate, random);
        var one = experts.Select(e => P(("id", SyntheticDebate.ExpertId(e)))).ToList();
        var global = Math.Max(3, runs / 4);

        return
        [
            new()
            {
                Name = "point lookup", Runs = runs, Params = one,
                Ours = "MATCH (e:Expert {id: $id}) RETURN e.id, e.name, e.country",
                Kuzu = "MATCH (e:Expert {id: $id}) RETURN e.id, e.name, e.country",
            },
            new()
            {
                Name = "positions (1 hop)", Runs = runs, Params = one,
                Ours = "MATCH (e:Expert {id: $id})-[r:ENDORSES|CRITICIZES]->(c:Claim) RETURN c.id AS claim, type(r) AS stance",
                Kuzu = "MATCH (e:Expert {id: $id})-[r:ENDORSES|CRITICIZES]->(c:Claim) RETURN c.id AS claim, label(r) AS stance",
            },
            new()
            {
                Name = "shared positions (2 hops)", Runs = runs,
                Params = sharedPairs.Select(p => P(("a", SyntheticDebate.ExpertId(p.A)), ("b", SyntheticDebate.ExpertId(p.B)))).ToList(),
                Ours = "MATCH (a:Expert {id: $a})-[r:ENDORSES|CRITICIZES]->(c:Claim)<-[s:ENDORSES|CRITICIZES]-(b:Expert {id: $b}) RETURN c.id, type(r), type(s)",
                Kuzu = "MATCH (a:Expert {id: $a})-[r:ENDORSES|CRITICIZES]->(c:Claim)<-[s:ENDORSES|CRITICIZES]-(b:Expert {id: $b}) RETURN c.id, label(r), label(s)",
            },
            new()
            {
                Name = "shared positions, ends matched first", Runs = runs,
                Params = sharedPairs.Select(p => P(("a", SyntheticDebate.ExpertId(p.A)), ("b", SyntheticDebate.ExpertId(p.B)))).ToList(),
                Ours = "MATCH (a:Expert {id: $a}), (b:Expert {id: $b}) MATCH (a)-[r:ENDORSES|CRITICIZES]->(c:Claim)<-[s:ENDORSES|CRITICIZES]-(b) RETURN c.id, type(r), type(s)",
                Kuzu = "MATCH (a:Expert {id: $a}), (b:Expert {id: $b}) MATCH (a)-[r:ENDORSES|CRITICIZES]->(c:Claim)<-[s:ENDORSES|CRITICIZES]-(b) RETURN c.id, label(r), label(s)",
            },
            new()
            {
                Name = "top-10 allies (2 hops + agg)", Runs = runs, Params = one,
                Ours = "MATCH (a:Expert {id: $id})-[:ENDORSES]->(:Claim)<-[:ENDORSES]-(b:Expert) WHERE b.id <> a.id RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 10",
                Kuzu = "MATCH (a:Expert {id: $id})-[:ENDORSES]->(:Claim)<-[:ENDORSES]-(b:Expert) WHERE b.id <> a.id RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 10",
            },
            new()
            {
                Name = "shortest agreement path (≤4 hops)", Runs = runs,
                Params = agreementPairs.Select(p => P(("a", SyntheticDebate.ExpertId(p.A)), ("b", SyntheticDebate.ExpertId(p.B)))).ToList(),
                Ours = "MATCH p = shortestPath((a:Expert {id: $a})-[:AGREES_WITH*1..4]-(b:Expert {id: $b})) RETURN length(p) AS hops",
                Kuzu = "MATCH (a:Expert {id: $a})-[r:AGREES_WITH* SHORTEST 1..4]-(b:Expert {id: $b}) RETURN length(r) AS hops",
            },
            new()
            {
                Name = "shortest path, ends matched first", Runs = runs,
                Params = agreementPairs.Select(p => P(("a", SyntheticDebate.ExpertId(p.A)), ("b", SyntheticDebate.ExpertId(p.B)))).ToList(),
                Ours = "MATCH (a:Expert {id: $a}), (b:Expert {id: $b}) MATCH p = shortestPath((a)-[:AGREES_WITH*1..4]-(b)) RETURN length(p) AS hops",
                Kuzu = "MATCH (a:Expert {id: $a}), (b:Expert {id: $b}) MATCH (a)-[r:AGREES_WITH* SHORTEST 1..4]-(b) RETURN length(r) AS hops",
            },
            new()
            {
                Name = "agreement reach (var-length ≤2)", Runs = runs, Params = one,
                Ours = "MATCH (a:Expert {id: $id})-[:AGREES_WITH*1..2]-(b:Expert) WHERE b.id <> a.id RETURN count(DISTINCT b) AS reach",
                Kuzu = "MATCH (a:Expert {id: $id})-[:AGREES_WITH*1..2]-(b:Expert) WHERE b.id <> a.id RETURN count(DISTINCT b) AS reach",
            },
            new()
            {
                Name = "endorsements per claim (global)", Runs = global, Global = true,
                Ours = "MATCH (:Expert)-[:ENDORSES]->(c:Claim) RETURN c.id AS claim, count(*) AS endorsements",
                Kuzu = "MATCH (:Expert)-[:ENDORSES]->(c:Claim) RETURN c.id AS claim, count(*) AS endorsements",
            },
            new()
            {
                Name = "stances per paradigm per institution", Runs = global, Global = true,
                Ours = "MATCH (i:Institution)<-[:AFFILIATED_WITH]-(:Expert)-[r:ENDORSES|CRITICIZES]->(:Claim)-[a:ALIGNS_WITH]->(p:Paradigm) RETURN i.id, p.id, type(r), a.sign, count(*)",
                Kuzu = "MATCH (i:Institution)<-[:AFFILIATED_WITH]-(:Expert)-[r:ENDORSES|CRITICIZES]->(:Claim)-[a:ALIGNS_WITH]->(p:Paradigm) RETURN i.id, p.id, label(r), a.sign, count(*)",
            },
            new()
            {
                Name = "agreement network (materialize)", Runs = Math.Max(2, runs / 8), Global = true,
                Skipped = debate.EndorsementPairEstimate > networkBudget
                    ? $"~{debate.EndorsementPairEstimate:N0} pair rows estimated (Σ n_c(n_c-1)/2 over claims), above the budget of {networkBudget:N0}"
                    : null,
                Ours = "MATCH (a:Expert)-[:ENDORSES]->(:Claim)<-[:ENDORSES]-(b:Expert) WHERE a.id < b.id RETURN a.id, b.id, count(*) AS claims",
                Kuzu = "MATCH (a:Expert)-[:ENDORSES]->(:Claim)<-[:ENDORSES]-(b:Expert) WHERE a.id < b.id RETURN a.id, b.id, count(*) AS claims",
            },
        ];
    }

    private static Dictionary<string, object?> P(params (string Key, object? Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    /// <summary>Half uniformly among experts with a stance, half weighted by activity (so prolific experts are asked about too).</summary>
    private static List<int> PickExperts(SyntheticDebate d, Random random)
    {
        var active = d.StanceExpert.Distinct().Order().ToArray();
        return Enumerable.Range(0, ParameterSets)
            .Select(i => i % 2 == 0 ? active[random.Next(active.Length)] : d.StanceExpert[random.Next(d.StanceExpert.Length)])
            .ToList();
    }

    /// <summary>Two experts with at least one claim in common: a random stance, then another stance on the same claim.</summary>
    private static List<(int A, int B)> PickSharedPairs(SyntheticDebate d, Random random)
    {
        var byClaim = d.StanceClaim.Select((c, s) => (c, s)).GroupBy(x => x.c).Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => g.Select(x => d.StanceExpert[x.s]).ToArray());
        var pairs = new List<(int, int)>();
        while (pairs.Count < ParameterSets && byClaim.Count > 0)
        {
            var s = random.Next(d.StanceClaim.Length);
            if (!byClaim.TryGetValue(d.StanceClaim[s], out var others)) continue;
            var b = others[random.Next(others.Length)];
            if (b != d.StanceExpert[s]) pairs.Add((d.StanceExpert[s], b));
        }
        return pairs;
    }

    /// <summary>Two experts that both have AGREES_WITH relationships (the path may or may not exist within 4 hops).</summary>
    private static List<(int A, int B)> PickAgreementPairs(SyntheticDebate d, Random random)
    {
        if (d.Agreements.Length == 0) return [(0, 1)];
        return Enumerable.Range(0, ParameterSets).Select(_ =>
        {
            var x = d.Agreements[random.Next(d.Agreements.Length)];
            var y = d.Agreements[random.Next(d.Agreements.Length)];
            return (x.A, y.B == x.A ? y.A : y.B);
        }).ToList();
    }
}
