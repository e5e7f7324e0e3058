using Graph.Queries.Settings;
using Graph.Queries.Algorithms;
using Graph.Queries.Analysis;
using Graph.Queries.Export;
using Graph.Queries.Lookup;
using Graph.Queries.Model;

namespace Graph.Queries.Tests;

/// <summary>
/// Questions about the ECLAC meeting (LC/L.3702) whose answers the source states, asked of the shipped
/// graph-data after loading it with the ingestion pipeline. Only facts the curated stances record are asserted.
/// </summary>
public class ShippedDataTests(ShippedDataFixture data) : IClassFixture<ShippedDataFixture>
{
    private const string SecurityClaim = "migration-as-security-issue";

    [Theory]
    [InlineData("Raul Delgado", "raul-delgado-wise")]
    [InlineData("lelio marmora", "lelio-marmora")]
    [InlineData("Mármora", "lelio-marmora")]
    public async Task Experts_are_found_without_accents_or_full_names(string query, string id)
    {
        var index = await data.Queries.LoadIndexAsync();
        Assert.Equal(id, index.Resolve(query, EntityKind.Expert).Single.Id);
    }

    [Fact]
    public async Task Uncertain_attributions_keep_their_confidence_in_an_experts_positions()
    {
        var snapshot = await data.Queries.LoadSnapshotAsync();
        var uncertain = snapshot.Stances.Where(s => s.Confidence < 1).ToList();
        Assert.NotEmpty(uncertain);
        foreach (var stance in uncertain)
        {
            var positions = await data.Queries.PositionsAsync(stance.ExpertId);
            Assert.Equal(stance.Confidence, positions.Groups.SelectMany(g => g.Positions).First(p => p.ClaimId == stance.ClaimId).Confidence);
        }
    }

    [Fact]
    public async Task The_critics_of_treating_migration_as_a_security_issue_all_share_that_position()
    {
        // Mármora's securitization paradigm ("national ... security as the underpinning of migration policy") is
        // criticized by several speakers (e.g. Delgado Wise: "upholding human security over national security").
        var snapshot = await data.Queries.LoadSnapshotAsync();
        var critics = snapshot.Stances.Where(s => s.ClaimId == SecurityClaim && s.Polarity == Polarity.Criticizes)
            .Select(s => s.ExpertId).ToList();
        Assert.Contains("lelio-marmora", critics);
        Assert.Contains("raul-delgado-wise", critics);
        Assert.Contains("sandra-gil-araujo", critics);
        Assert.True(critics.Count >= 3);

        var network = await data.Queries.NetworkAsync();
        foreach (var a in critics)
        foreach (var b in critics.Where(b => string.CompareOrdinal(a, b) < 0))
        {
            var shared = await data.Queries.SharedAsync(a, b);
            Assert.Contains(SecurityClaim, shared.BothCriticize.Select(c => c.ClaimId));
            Assert.Contains(SecurityClaim, network.Between(a, b)!.AgreeClaims);
            Assert.Equal(1, Assert.Single(await data.Queries.PathsAsync(a, b, NetworkMode.Agreement)).Length);
        }
    }

    [Fact]
    public async Task Nobody_at_the_meeting_leans_towards_securitization()
    {
        var snapshot = await data.Queries.LoadSnapshotAsync();
        Assert.DoesNotContain(snapshot.Stances, s => s.ClaimId == SecurityClaim && s.Polarity == Polarity.Endorses);
        foreach (var expert in snapshot.Experts.Keys)
        {
            var profile = ParadigmProfiles.ForExpert(snapshot, expert);
            Assert.True(profile.Scores.Single(s => s.ParadigmId == "securitization").Score <= 0, $"{expert} leans towards securitization");
            Assert.NotEqual("securitization", profile.Dominant);
        }
    }

    [Fact]
    public async Task Marmora_profile_follows_the_human_development_paradigm_he_describes()
    {
        var index = await data.Queries.LoadIndexAsync();
        var profile = await data.Queries.ProfileAsync(index.Resolve("Lelio Mármora", EntityKind.Expert).Single);
        Assert.Equal("human-development", profile.Dominant);
        Assert.True(profile.Scores.Single(s => s.ParadigmId == "securitization").Score < 0);
        // The profile from Cypher equals the one computed from the snapshot.
        var fromSnapshot = ParadigmProfiles.ForExpert(await data.Queries.LoadSnapshotAsync(), "lelio-marmora");
        Assert.Equal(fromSnapshot.Scores.Select(s => (s.ParadigmId, s.Sum, s.Stances)), profile.Scores.Select(s => (s.ParadigmId, s.Sum, s.Stances)));

        var institution = await data.Queries.ProfileAsync(index.Resolve("institute-migration-asylum-policies", EntityKind.Institution).Single);
        Assert.Contains("lelio-marmora", institution.Experts);
    }

    [Fact]
    public async Task Remittances_as_a_lever_of_development_is_the_most_evenly_contested_claim()
    {
        // Delgado Wise criticizes "the persistent myths and mantras surrounding remittances as a lever of
        // development"; Lozano the utilitarian view of remittances; others present them as a lever.
        var contested = await data.Queries.ContestedAsync();
        var top = contested[0];
        Assert.Equal("remittances-lever-of-development", top.ClaimId);
        Assert.Equal(1.0, top.Evenness);
        Assert.Equal(["fernando-lozano-ascencio", "raul-delgado-wise"], top.Critics);
        Assert.Equal(ContestedClaims.From(await data.Queries.LoadSnapshotAsync()).Select(c => c.ClaimId), contested.Select(c => c.ClaimId));

        var critics = await data.Queries.SharedAsync("fernando-lozano-ascencio", "raul-delgado-wise");
        Assert.Contains("remittances-lever-of-development", critics.BothCriticize.Select(c => c.ClaimId));
        foreach (var endorser in top.Endorsers)
            Assert.Contains("remittances-lever-of-development", (await data.Queries.SharedAsync("raul-delgado-wise", endorser)).Disagree.Select(c => c.ClaimId));
    }

    [Fact]
    public async Task Derived_agreement_relationships_match_the_stances_and_clusters_are_deterministic()
    {
        var snapshot = await data.Queries.LoadSnapshotAsync();
        var fromTies = (await data.Queries.NetworkAsync()).Pairs.ToList();
        var fromStances = SignedNetwork.FromStances(snapshot).Pairs.ToList();
        Assert.Equal(fromStances.Select(p => (p.A, p.B, string.Join(",", p.AgreeClaims), string.Join(",", p.DisagreeClaims))),
            fromTies.Select(p => (p.A, p.B, string.Join(",", p.AgreeClaims), string.Join(",", p.DisagreeClaims))));

        var first = await new DebateQueries(data.Driver).ClustersAsync(AnalysisSettings.Default with { Seed = 7 });
        var again = await new DebateQueries(data.Driver).ClustersAsync(AnalysisSettings.Default with { Seed = 7 });
        Assert.Equal(first.Clusters.Select(c => string.Join(",", c.Members.Select(m => m.ExpertId))), again.Clusters.Select(c => string.Join(",", c.Members.Select(m => m.ExpertId))));
        Assert.Equal(first.Modularity, again.Modularity);
        var clustered = first.Clusters.SelectMany(c => c.Members).Select(m => m.ExpertId).ToList();
        Assert.Equal(clustered.Count, clustered.Distinct().Count());
        Assert.InRange(first.ParadigmAgreement.Purity, 0, 1);

        var congruence = NetworkBuilder.OneMode(snapshot, NetworkKind.Congruence, Normalization.None);
        Assert.Equal(snapshot.Ties.Count(t => t.Kind == TieKind.Agreement), congruence.Edges.Count);
    }
}
