using Graph.Queries.Analysis;
using Graph.Queries.Model;
using static Graph.Queries.Tests.SmallDebate;

namespace Graph.Queries.Tests;

public class ProfileAndPositionTests
{
    private readonly DiscourseSnapshot _debate = Snapshot();

    [Fact]
    public void Expert_profile_counts_endorsing_supporters_and_criticizing_opponents()
    {
        // ana: criticizes c1 (supports securitization: -1; opposes human-development: +1),
        //      endorses c2 (human-development +1, securitization -1), endorses c3 (shared-benefits +1).
        // securitization -2/2 = -1; human-development 2/2 = 1; shared-benefits 1/1 = 1.
        // Dominant: human-development and shared-benefits tie at 1; the larger sum (2) wins.
        var profile = ParadigmProfiles.ForExpert(_debate, Ana);
        var scores = profile.Scores.ToDictionary(s => s.ParadigmId, s => s.Score);
        Assert.Equal(-1, scores["securitization"]);
        Assert.Equal(1, scores["human-development"]);
        Assert.Equal(1, scores["shared-benefits"]);
        Assert.Equal("human-development", profile.Dominant);
        var driver = profile.Scores.Single(s => s.ParadigmId == "securitization").Drivers.Single(d => d.ClaimId == "c1");
        Assert.Equal((Polarity.Criticizes, 1, -1), (driver.Polarity, driver.AlignmentSign, driver.Contribution));
    }

    [Fact]
    public void Expert_without_aligned_positive_stance_has_no_dominant_paradigm()
    {
        Assert.Null(ParadigmProfiles.ForExpert(_debate, Eva).Dominant); // criticizes c3 only: shared-benefits -1
        Assert.Equal(-1, ParadigmProfiles.ForExpert(_debate, Eva).Scores.Single(s => s.ParadigmId == "shared-benefits").Score);
        Assert.All(ParadigmProfiles.ForExpert(_debate, Fay).Scores, s => Assert.Equal(0, s.Stances)); // c4 is unaligned
    }

    [Fact]
    public void Institution_profile_pools_its_experts_and_those_of_institutions_part_of_it()
    {
        // uni: ana, ben, and cid through lab PART_OF uni.
        // securitization: ana -1 -1, ben -1 -1, cid +1 +1 -> -2/6; human-development: +2 +2 -2 -> 2/6;
        // shared-benefits: ana +1, cid +1 -> 2/2.
        var profile = ParadigmProfiles.ForInstitution(_debate, "uni");
        Assert.Equal([Ana, Ben, Cid], profile.Experts);
        var scores = profile.Scores.ToDictionary(s => s.ParadigmId, s => s.Score);
        Assert.Equal(-1.0 / 3, scores["securitization"], 12);
        Assert.Equal(1.0 / 3, scores["human-development"], 12);
        Assert.Equal(1, scores["shared-benefits"], 12);
        Assert.Equal("shared-benefits", profile.Dominant);
        Assert.Equal([Cid], ParadigmProfiles.ForInstitution(_debate, "lab").Experts);
    }

    [Fact]
    public void Positions_group_by_paradigm_with_unaligned_last()
    {
        // ben: c1 (securitization, human-development), c2 (same two), c4 (unaligned).
        var positions = PositionGrouping.Group(Ben, "Benjamín Ortega", PositionGrouping.RowsFrom(_debate, Ben));
        Assert.Equal(["human-development", "securitization", null], positions.Groups.Select(g => g.ParadigmId));
        Assert.Equal(["c1", "c2"], positions.Groups[0].Positions.Select(p => p.ClaimId));
        Assert.Equal([-1, 1], positions.Groups[0].Positions.Select(p => p.AlignmentSign)); // c1 opposes, c2 supports
        Assert.Equal("unaligned", positions.Groups[2].Title);
        Assert.Equal(3, positions.StanceCount);
        Assert.Equal("ben-ortega on c4", positions.Groups[2].Positions.Single().Quote);
    }
}
