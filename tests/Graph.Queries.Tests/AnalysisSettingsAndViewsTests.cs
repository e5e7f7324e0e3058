using Graph.Queries.Algorithms;
using Graph.Queries.Analysis;
using Graph.Queries.Model;
using Graph.Queries.Settings;
using static Graph.Queries.Tests.SmallDebate;

namespace Graph.Queries.Tests;

/// <summary>The analysis settings, tied paths, community captions and the agreement matrix, on the hand-computed debate.</summary>
public class AnalysisSettingsAndViewsTests
{
    private readonly DiscourseSnapshot _debate = Snapshot();

    private SignedNetwork Network => SignedNetwork.FromTies(_debate.Experts.Keys, _debate.Ties);

    private ClusterReport Report(int seed = 7) => Clusters.Analyze(_debate, Network, AnalysisSettings.Default with { Seed = seed });

    [Fact]
    public void Settings_come_from_the_analysis_section_and_bad_values_name_the_setting()
    {
        Assert.Equal(AnalysisSettings.Default, AnalysisSettings.Read(_ => null));
        var values = new Dictionary<string, string> { ["Analysis:Seed"] = "7", ["Analysis:Resolution"] = "1.5", ["Analysis:Normalization"] = "Jaccard" };
        var read = AnalysisSettings.Read(values.GetValueOrDefault);
        Assert.Equal((7, 1.5, Normalization.Jaccard), (read.Seed, read.Resolution, read.Normalization));
        Assert.Equal("signed Louvain, seed 7, resolution 1.5", read.ClusteringMethod);
        Assert.Contains("Jaccard", read.Describe());

        foreach (var (key, value, message) in new[]
                 {
                     ("Analysis:Seed", "forty-two", "Analysis:Seed 'forty-two' is not a whole number"),
                     ("Analysis:Resolution", "0", "Analysis:Resolution 0 is out of range"),
                     ("Analysis:Normalization", "median", "Analysis:Normalization 'median' is not a normalization: use none, average, jaccard or cosine"),
                 })
        {
            var error = Assert.Throws<AnalysisSettingsException>(() => AnalysisSettings.Read(k => k == key ? value : null));
            Assert.Contains(message, error.Message);
        }
    }

    [Fact]
    public void Equally_short_signed_chains_are_all_found_with_their_opposite_verdicts()
    {
        // eva-ana (-) then ana-ben (+), and eva-cid (-) then cid-ben (-): two chains of two hops, neither "the" shortest.
        var paths = Paths.Find(Network, NetworkMode.Signed, Eva, Ben);
        Assert.Equal([[Eva, Ana, Ben], [Eva, Cid, Ben]], paths.Select(p => p.Experts.ToArray()));
        Assert.Equal(["expected opponents", "expected allies"], paths.Select(p => p.Verdict));
    }

    [Fact]
    public void Resolution_weighs_the_null_model_of_the_modularity()
    {
        var report = Report();
        var connected = report.Clusters.SelectMany(c => c.Members).Select(m => m.ExpertId).Order(StringComparer.Ordinal).ToList();
        var index = connected.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var positive = SparseWeights.FromPairs(connected.Count, Network.Pairs.Select(t => (index[t.A], index[t.B], (double)t.Agreements)));
        var negative = SparseWeights.FromPairs(connected.Count, Network.Pairs.Select(t => (index[t.A], index[t.B], (double)t.Disagreements)));
        var communities = report.CommunityOf();
        // Q(gamma) = [inside+ - gamma sum(K+^2)/2w+ - inside- + gamma sum(K-^2)/2w-] / (2w+ + 2w-): linear in gamma.
        var q = new[] { 0.5, 1.0, 1.5 }.Select(g => SignedLouvain.Modularity(connected, positive, negative, communities, g)).ToArray();
        Assert.Equal(364.0 / 960, q[1], 12);
        Assert.Equal(q[1] - q[0], q[2] - q[1], 12);
        Assert.NotEqual(q[0], q[1]);
    }

    [Fact]
    public void Communities_are_numbered_by_size_and_described_in_words_with_their_fault_lines()
    {
        var portrait = CommunityPortraits.Describe(_debate, Report());
        Assert.Equal([[Ana, Ben, Fay], [Cid, Dan], [Eva]], portrait.Communities.Select(c => c.Members.Select(m => m.ExpertId).ToArray()));
        // Group 1: ana and ben both criticize c1 and both endorse c2 (c1 first by id); fay takes neither.
        var first = portrait.Communities[0];
        Assert.Equal((Polarity.Criticizes, 2, 3), (first.Consensus!.Polarity, first.Consensus.Holders, first.Consensus.Members));
        Assert.StartsWith("3 experts, mostly ", first.Caption);
        Assert.Contains("2 of 3 criticize “Borders must be controlled first”", first.Caption);
        // cid and dan endorse c1 and criticize c2: group 1 vs 2 on c1 makes 2 x 2 opposed pairs, the sharpest split.
        Assert.Contains("all 2 endorse “Borders must be controlled first”", portrait.Communities[1].Caption);
        Assert.Equal((1, 2, "c1", 4), (first.SharpestSplit!.GroupA, first.SharpestSplit.GroupB, first.SharpestSplit.ClaimId, first.SharpestSplit.OpposedPairs));
        Assert.EndsWith("split from group 2 on “Borders must be controlled first”", first.Caption);
        Assert.Equal("group 1 criticizes, group 2 endorses", first.SharpestSplit.Phrase);
        // Eva alone criticizes c3, which ana (group 1) and cid (group 2) endorse.
        Assert.Equal("1 expert; criticizes “Remittances benefit origin countries”; split from group 1 on “Remittances benefit origin countries”", portrait.Communities[2].Caption);
        Assert.Empty(portrait.Unclustered);
        Assert.Equal("Remittances benefit…", CommunityPortraits.Shorten("Remittances benefit origin countries", 22));
    }

    [Fact]
    public void Agreement_matrix_orders_by_community_and_scores_like_the_allies()
    {
        var report = Report();
        var matrix = AgreementMatrix.Build(_debate, Network, report, Normalization.Average);
        Assert.Equal([1, 1, 1, 2, 2, 3], matrix.Community);
        // ana and ben agree on c1 and c2 (2 each of 3 claims): average (2 / 3) - 0.
        var anaBen = matrix.Cells.Single(c => matrix.Order[c.Row] == Ana && matrix.Order[c.Column] == Ben || matrix.Order[c.Row] == Ben && matrix.Order[c.Column] == Ana);
        Assert.Equal(2.0 / 3, anaBen.Score, 12);
        var allies = Allies.Rank(_debate, Ana, opponents: false, Normalization.Average);
        Assert.Equal(allies.Single(a => a.ExpertId == Ben).Score, anaBen.Score, 12);
        // ana and cid: one agreement (c3), two disagreements: (1 - 2) / 3.
        var anaCid = matrix.Cells.Single(c => new[] { matrix.Order[c.Row], matrix.Order[c.Column] }.Order().SequenceEqual(new[] { Ana, Cid }.Order()));
        Assert.Equal(-1.0 / 3, anaCid.Score, 12);
        Assert.Empty(matrix.Unmatched);
    }
}
