using Graph.Queries.Settings;
using Graph.Queries.Algorithms;
using Graph.Queries.Analysis;
using static Graph.Queries.Tests.SmallDebate;

namespace Graph.Queries.Tests;

// Signed network of the small debate (net sign of agreements minus disagreements):
//   + ana-ben, cid-dan, ben-fay
//   - ana-cid (1 agreement, 2 disagreements), ana-dan, ana-eva, ben-cid, ben-dan, cid-eva
public class NetworkTests
{
    private readonly Model.DiscourseSnapshot _debate = Snapshot();
    private SignedNetwork Network => SignedNetwork.FromTies(_debate.Experts.Keys, _debate.Ties);

    [Fact]
    public void Ties_read_from_agrees_with_and_disagrees_with_match_those_derived_from_stances()
    {
        var fromStances = SignedNetwork.FromStances(_debate).Pairs.ToList();
        var fromTies = Network.Pairs.ToList();
        Assert.Equal(fromStances, fromTies, (x, y) => x!.A == y!.A && x.B == y.B
            && x.AgreeClaims.SequenceEqual(y.AgreeClaims) && x.DisagreeClaims.SequenceEqual(y.DisagreeClaims));
        Assert.Equal(9, fromTies.Count);
    }

    [Fact]
    public void Shortest_agreement_chain_goes_through_the_claims_behind_each_hop()
    {
        // Agreement edges: ana-ben (c1, c2), ana-cid (c3), cid-dan (c1, c2), ben-fay (c4).
        var path = Assert.Single(Paths.Find(Network, NetworkMode.Agreement, Fay, Dan, k: 3));
        Assert.Equal([Fay, Ben, Ana, Cid, Dan], path.Experts);
        Assert.Equal(["c4"], path.Hops[0].AgreeClaims);
        Assert.Equal(["c3"], path.Hops[2].AgreeClaims);
        Assert.Equal(1, path.Sign);
    }

    [Fact]
    public void K_shortest_disagreement_chains_follow_yen()
    {
        // Disagreement edges: ana-cid, ana-dan, ana-eva, ben-cid, ben-dan, cid-eva.
        // 1: ben-cid-eva (2 hops); spur at ben without ben-cid: ben-dan-ana-eva; spur at cid without cid-eva:
        // ben-cid-ana-eva. Both 3 hops: the id order puts ben-cid-ana-eva second.
        // 4: from ben-dan-ana-eva, spur at ana without ana-eva: ben-dan-ana-cid-eva.
        var paths = Paths.Find(Network, NetworkMode.Disagreement, Ben, Eva, k: 5);
        Assert.Equal(
            [
                [Ben, Cid, Eva],
                [Ben, Cid, Ana, Eva],
                [Ben, Dan, Ana, Eva],
                [Ben, Dan, Ana, Cid, Eva],
            ],
            paths.Select(p => p.Experts.ToArray()));
        Assert.Equal(1, paths[0].Sign); // two disagreements: (-1)(-1)
        Assert.Equal(["c3"], paths[0].Hops[1].DisagreeClaims);
    }

    [Fact]
    public void Signed_paths_multiply_edge_signs()
    {
        // eva-ana (-) then ana-ben (+): negative; eva-cid (-) then cid-ben (-): the opponent of my opponent.
        var paths = Paths.Find(Network, NetworkMode.Signed, Eva, Ben, k: 2);
        Assert.Equal([[Eva, Ana, Ben], [Eva, Cid, Ben]], paths.Select(p => p.Experts.ToArray()));
        Assert.Equal([-1, 1], paths.Select(p => p.Sign));
        // ana-cid is negative on balance: one claim agreed (c3), two disagreed.
        var hop = Paths.Find(Network, NetworkMode.Signed, Ana, Cid)[0].Hops.Single();
        Assert.Equal(-1, hop.Sign);
        Assert.Equal(["c3"], hop.AgreeClaims);
        Assert.Equal(["c1", "c2"], hop.DisagreeClaims);
    }

    [Fact]
    public void No_chain_between_unconnected_experts()
    {
        Assert.Empty(Paths.Find(Network, NetworkMode.Disagreement, Fay, Dan));
        Assert.Empty(Paths.Find(Network, NetworkMode.Agreement, Eva, Ana));
    }

    [Fact]
    public void Structural_balance_counts_triangles_and_lists_the_unbalanced()
    {
        // Triangles: ana-ben-cid (+ - -), ana-ben-dan (+ - -), ana-cid-dan (- + -), ben-cid-dan (- + -): balanced;
        // ana-cid-eva (- - -): three mutual opponents, unbalanced. 4 of 5 balanced.
        var report = StructuralBalance.Analyze(Network);
        Assert.Equal(5, report.Triangles);
        Assert.Equal(0.8, report.BalancedShare, 12);
        var unbalanced = Assert.Single(report.Unbalanced);
        Assert.Equal((Ana, Cid, Eva, -1, -1, -1), (unbalanced.A, unbalanced.B, unbalanced.C, unbalanced.SignAB, unbalanced.SignBC, unbalanced.SignAC));
        // Dense networks have millions of triangles: the list is capped, the counts are not.
        var capped = StructuralBalance.Analyze(Network, maxListed: 0);
        Assert.Empty(capped.Unbalanced);
        Assert.Equal(1, capped.UnbalancedTriangles);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void Signed_louvain_finds_the_two_camps_and_leaves_the_lone_critic_alone(int seed)
    {
        // Positive strengths: ana 3, ben 3, cid 3, dan 2, fay 1 (2w+ = 12); negative: ana 5, ben 4, cid 5,
        // dan 4, eva 2 (2w- = 20). For {ana, ben, fay} {cid, dan} {eva}:
        //   positive part (6 - 7*7/12) + (4 - 5*5/12) = 23/6; negative part -(81/20) - (81/20) - (4/20) = -8.3
        //   Q = (23/6 + 8.3) / 32 = 364/960. Eva joining {cid, dan} would give (23/6 + 8.1) / 32, lower.
        var report = Clusters.Analyze(_debate, Network, AnalysisSettings.Default with { Seed = seed });
        Assert.Equal([[Ana, Ben, Fay], [Cid, Dan], [Eva]],
            report.Clusters.Select(c => c.Members.Select(m => m.ExpertId).ToArray()));
        Assert.Equal(364.0 / 960, report.Modularity, 12);
        // Dominant paradigms: ana, ben human-development; cid, dan securitization; eva and fay none.
        Assert.Equal("human-development", report.Clusters[0].MainParadigm);
        Assert.Equal("securitization", report.Clusters[1].MainParadigm);
        Assert.Equal((4, 1.0, 1.0), (report.ParadigmAgreement.Compared, report.ParadigmAgreement.Purity, report.ParadigmAgreement.Nmi));
    }

    [Fact]
    public void Louvain_is_deterministic_for_a_seed_and_separates_two_hostile_cliques()
    {
        // Two 4-cliques of agreement (weight 1) joined by disagreement between every cross pair.
        var nodes = Enumerable.Range(0, 8).Select(i => $"n{i}").ToList();
        var pos = new double[8, 8];
        var neg = new double[8, 8];
        for (var i = 0; i < 8; i++)
        for (var j = 0; j < 8; j++)
            if (i != j) (i < 4 == j < 4 ? pos : neg)[i, j] = 1;
        var first = SignedLouvain.Detect(nodes, pos, neg, seed: 3);
        Assert.Equal([["n0", "n1", "n2", "n3"], ["n4", "n5", "n6", "n7"]], first.Members.Select(m => m.ToArray()));
        // Per clique: positive internal 12, strength sum 12, 2w+ = 24: 12 - 12*12/24 = 6, twice = 12.
        // Negative: strength sum 16 per clique, 2w- = 32: 0 - 16*16/32 = -8, twice = -16. Q = (12 + 16) / (24 + 32) = 0.5.
        Assert.Equal(0.5, first.Modularity, 12);
        Assert.Equal(first.Community, SignedLouvain.Detect(nodes, pos, neg, seed: 3).Community);
    }

    [Fact]
    public void Purity_and_nmi_compare_a_partition_with_labels()
    {
        // Clusters {a, b, c} {d}; labels x x y y. Purity = (2 + 1) / 4 = 0.75.
        // H(C) = -(3/4 ln 3/4 + 1/4 ln 1/4) = 0.5623; H(L) = ln 2 = 0.6931;
        // I = 2/4 ln((2/4)/(3/4 * 2/4)) + 1/4 ln((1/4)/(3/4 * 2/4)) + 1/4 ln((1/4)/(1/4 * 2/4)) = 0.14384 - 0.10137 + 0.17329 = 0.21576
        // NMI = 2 * 0.21576 / (0.5623 + 0.6931) = 0.3437.
        var clusters = new Dictionary<string, int> { ["a"] = 1, ["b"] = 1, ["c"] = 1, ["d"] = 2 };
        var labels = new Dictionary<string, string> { ["a"] = "x", ["b"] = "x", ["c"] = "y", ["d"] = "y" };
        var result = PartitionComparison.Compare(clusters, labels);
        Assert.Equal(0.75, result.Purity, 12);
        var hc = -(0.75 * Math.Log(0.75) + 0.25 * Math.Log(0.25));
        var hl = Math.Log(2);
        var mutual = 0.5 * Math.Log(0.5 / (0.75 * 0.5)) + 0.25 * Math.Log(0.25 / (0.75 * 0.5)) + 0.25 * Math.Log(0.25 / (0.25 * 0.5));
        Assert.Equal(2 * mutual / (hc + hl), result.Nmi, 12);
        Assert.Equal(0.3437, result.Nmi, 4);
    }

    [Fact]
    public void Polarization_is_the_share_of_opposed_pairs_on_the_same_claim()
    {
        // c1: 2 E 2 C -> 6 pairs, 4 opposed; c2 the same; c3: 2 E 1 C -> 3 pairs, 2 opposed; c4: 2 E -> 1 pair, 0.
        // all: 10 / 16; security 4/6; rights 4/6; development (c3, c4) 2/4.
        var scores = Polarization.ByTopic(_debate).ToDictionary(s => s.Scope, s => s.Score);
        Assert.Equal(10.0 / 16, scores["all claims"], 12);
        Assert.Equal(4.0 / 6, scores["security"], 12);
        Assert.Equal(0.5, scores["development"], 12);
    }

    [Fact]
    public void Contested_claims_rank_by_evenness_then_volume()
    {
        // c1, c2: 2 vs 2 -> evenness 1, volume 4 (tie broken by id); c3: 2 vs 1 -> 1 - 1/3; c4 has no critic.
        var contested = ContestedClaims.From(_debate);
        Assert.Equal(["c1", "c2", "c3"], contested.Select(c => c.ClaimId));
        Assert.Equal(2.0 / 3, contested[2].Evenness, 12);
        Assert.Equal([Eva], contested[2].Critics);
    }
}
