using Graph.Queries.Algorithms;

namespace Graph.Queries.Analysis;

public static class Paths
{
    /// <summary>At most this many equally short chains are listed.</summary>
    public const int MaxTied = 10;

    /// <summary>
    /// Every fewest-hop chain from <paramref name="from"/> to <paramref name="to"/> (tied chains together, up to
    /// <see cref="MaxTied"/>), then longer alternatives (Yen) until there are <paramref name="k"/> chains.
    /// </summary>
    public static IReadOnlyList<ExpertPath> Find(SignedNetwork network, NetworkMode mode, string from, string to, int k = 1)
    {
        var graph = network.ToGraph(mode);
        var tied = ShortestPaths.AllShortest(graph, from, to, MaxTied);
        var chains = k > tied.Count ? ShortestPaths.KShortest(graph, from, to, k) : tied;
        return chains
            .Select(nodes => new ExpertPath(nodes, nodes.Zip(nodes.Skip(1), (a, b) => Hop(network.Between(a, b)!, mode, a, b)).ToList()))
            .ToList();
    }

    /// <summary>The chain through <paramref name="experts"/>, each hop explained by its tie in <paramref name="evidence"/>.</summary>
    public static ExpertPath Along(IReadOnlyList<string> experts, SignedNetwork evidence, NetworkMode mode) =>
        new(experts, experts.Zip(experts.Skip(1), (a, b) => Hop(evidence.Between(a, b)
            ?? throw new InvalidOperationException($"No AGREES_WITH / DISAGREES_WITH between {a} and {b} on a path that crosses it."), mode, a, b)).ToList());

    /// <summary>The same chains with each hop's claims taken from <paramref name="evidence"/> (found on a weights-only network).</summary>
    public static IReadOnlyList<ExpertPath> WithEvidence(IReadOnlyList<ExpertPath> paths, SignedNetwork evidence, NetworkMode mode) =>
        paths.Select(p => new ExpertPath(p.Experts, p.Hops.Select(h =>
            evidence.Between(h.From, h.To) is { } tie ? Hop(tie, mode, h.From, h.To) : h).ToList())).ToList();

    private static PathHop Hop(TieEvidence tie, NetworkMode mode, string from, string to) => mode switch
    {
        NetworkMode.Agreement => new PathHop(from, to, +1, tie.AgreeClaims, []),
        NetworkMode.Disagreement => new PathHop(from, to, -1, [], tie.DisagreeClaims),
        _ => new PathHop(from, to, tie.Sign, tie.AgreeClaims, tie.DisagreeClaims),
    };
}
