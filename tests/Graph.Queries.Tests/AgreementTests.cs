using Graph.Queries.Analysis;
using static Graph.Queries.Tests.SmallDebate;

namespace Graph.Queries.Tests;

public class AgreementTests
{
    private readonly Model.DiscourseSnapshot _debate = Snapshot();

    [Fact]
    public void Shared_positions_split_into_both_endorse_both_criticize_and_disagree()
    {
        // ana and cid: both endorse c3; disagree on c1 (ana C, cid E) and c2 (ana E, cid C).
        var pair = PairAgreement.Compute(_debate, Ana, Cid);
        Assert.Equal(["c3"], pair.BothEndorse.Select(c => c.ClaimId));
        Assert.Empty(pair.BothCriticize);
        Assert.Equal(["c1", "c2"], pair.Disagree.Select(c => c.ClaimId));
        Assert.Equal(-1.0 / 3, pair.SignedScore!.Value, 12); // (1 - 2) / 3

        // ana and ben both criticize c1 and both endorse c2.
        var allies = PairAgreement.Compute(_debate, Ana, Ben);
        Assert.Equal(["c2"], allies.BothEndorse.Select(c => c.ClaimId));
        Assert.Equal(["c1"], allies.BothCriticize.Select(c => c.ClaimId));
        Assert.Equal(1.0, allies.SignedScore);
        Assert.Equal("ana-nunez on c1", allies.BothCriticize[0].QuoteA);
    }

    // ana-ben: a = 2, n = 3 and 3, shared 2.
    //   none 2; average 2 / 3; Jaccard 2 / (3 + 3 - 2) = 0.5; cosine 2 / sqrt(9) = 2/3.
    // ana-dan: d = 2, n = 3 and 2, shared 2.
    //   none 2; average 2 / 2.5 = 0.8; Jaccard 2 / (3 + 2 - 2) = 2/3; cosine 2 / sqrt(6).
    [Theory]
    [InlineData(Normalization.None, 2.0, 2.0)]
    [InlineData(Normalization.Average, 2.0 / 3, 0.8)]
    [InlineData(Normalization.Jaccard, 0.5, 2.0 / 3)]
    [InlineData(Normalization.Cosine, 2.0 / 3, 0.816496580927726)]
    public void Normalizations_follow_the_discourse_network_analyzer(Normalization n, double congruenceAnaBen, double conflictAnaDan)
    {
        var anaBen = PairAgreement.Compute(_debate, Ana, Ben);
        var anaDan = PairAgreement.Compute(_debate, Ana, Dan);
        Assert.Equal(congruenceAnaBen, anaBen.Congruence(n), 12);
        Assert.Equal(0, anaBen.Conflict(n));
        Assert.Equal(conflictAnaDan, anaDan.Conflict(n), 12);
        Assert.Equal(-conflictAnaDan, anaDan.Subtract(n), 12);
    }

    [Fact]
    public void Experts_with_nothing_in_common_have_no_signed_score()
    {
        var pair = PairAgreement.Compute(_debate, Dan, Eva);
        Assert.True(pair.NothingInCommon);
        Assert.Null(pair.SignedScore);
        Assert.Equal(0, pair.Congruence(Normalization.Jaccard));
    }

    [Fact]
    public void Allies_are_ranked_by_normalized_subtract_score()
    {
        // ben: ana (a2, subtract none 2) and fay (a1, subtract 1); cid and dan are opponents; eva shares nothing.
        var allies = Allies.Rank(_debate, Ben, opponents: false, Normalization.None);
        Assert.Equal([Ana, Fay], allies.Select(a => a.ExpertId));
        Assert.Equal([2.0, 1.0], allies.Select(a => a.Score));
        // Jaccard: ana 2 / (3 + 3 - 2) = 0.5, fay 1 / (3 + 1 - 1) = 1/3.
        var jaccard = Allies.Rank(_debate, Ben, false, Normalization.Jaccard);
        Assert.Equal([Ana, Fay], jaccard.Select(a => a.ExpertId));
        Assert.Equal(0.5, jaccard[0].Score, 12);
        Assert.Equal(1.0 / 3, jaccard[1].Score, 12);
    }

    [Theory]
    // ana's opponents: cid (a1 d2, signed -1/3), dan (d2, -1), eva (d1, -1).
    // none: dan 2, cid 2-1 = 1, eva 1 -> tie cid/eva broken by the more extreme signed score: eva.
    // Jaccard: dan 2/3, cid 2/3 - 1/3 = 1/3, eva 1/(3+1-1) = 1/3 -> the same tie.
    // cosine: dan 2/sqrt(6) = 0.816, eva 1/sqrt(3) = 0.577, cid 2/3 - 1/3 = 1/3.
    [InlineData(Normalization.None)]
    [InlineData(Normalization.Jaccard)]
    [InlineData(Normalization.Cosine)]
    [InlineData(Normalization.Average)]
    public void Opponents_are_ranked_by_conflict_minus_congruence(Normalization n)
    {
        var opponents = Allies.Rank(_debate, Ana, opponents: true, n);
        Assert.Equal([Dan, Eva, Cid], opponents.Select(o => o.ExpertId));
        Assert.Equal(["c1", "c2"], opponents[0].Evidence.Disagree.Select(c => c.ClaimId));
    }
}
