using Graph.Ingestion.Planning;

namespace Graph.Ingestion.Tests;

/// <summary>The in-memory derivation of the discourse network, its limits, and its diff against the stored pairs.</summary>
public class NetworkPlanTests
{
    private static Dictionary<(string Expert, string Claim), List<string>> Stances(params (string Expert, string Claim, string Type)[] stances) =>
        stances.GroupBy(s => (s.Expert, s.Claim)).ToDictionary(g => g.Key, g => g.Select(s => s.Type).ToList());

    private static Dictionary<(string, string, string), List<string>?> AsStored(NetworkPlan network) =>
        network.Pairs().ToDictionary(p => (p.A, p.B, p.Type), p => (List<string>?)p.Claims.ToList());

    [Fact]
    public void Pairs_go_from_the_smaller_id_with_claims_in_order()
    {
        var network = NetworkPlan.Derive(Stances(
            ("zoe", "c2", "ENDORSES"), ("amy", "c2", "ENDORSES"), ("amy", "c1", "CRITICIZES"), ("zoe", "c1", "CRITICIZES"),
            ("bob", "c1", "ENDORSES")));

        Assert.Equal(["c1", "c2"], network.ClaimsOf("amy", "zoe", "AGREES_WITH"));
        Assert.Equal(["c1"], network.ClaimsOf("amy", "bob", "DISAGREES_WITH"));
        Assert.Equal(["c1"], network.ClaimsOf("bob", "zoe", "DISAGREES_WITH"));
        Assert.Null(network.ClaimsOf("zoe", "amy", "AGREES_WITH"));
        Assert.Equal(3, network.PairCount);
        Assert.Equal(0, network.Summary.ClaimsLeftOut);
    }

    [Fact]
    public void Diff_creates_new_pairs_updates_changed_ones_and_removes_stale_ones()
    {
        var network = NetworkPlan.Derive(Stances(("a", "c1", "ENDORSES"), ("b", "c1", "ENDORSES"), ("c", "c1", "ENDORSES")));
        var stored = new Dictionary<(string, string, string), List<string>?>
        {
            [("a", "b", "AGREES_WITH")] = ["c1"],          // unchanged
            [("a", "c", "AGREES_WITH")] = ["c0", "c1"],    // changed claims
            [("a", "d", "DISAGREES_WITH")] = ["c9"],       // no longer derived
        };

        var changes = network.Diff(stored);

        Assert.Equal(("b", "c"), changes.Creates().Select(p => (p.A, p.B)).Single());
        Assert.Equal(("a", "c", "c1"), changes.Updates().Select(p => (p.A, p.B, string.Join(",", p.Claims))).Single());
        Assert.Equal(("a", "d", "DISAGREES_WITH"), changes.Removals.Select(p => (p.A, p.B, p.Type)).Single());
        Assert.True(network.Diff(AsStored(network)).IsEmpty);
    }

    [Fact]
    public void Claims_with_more_participants_than_the_limit_add_no_pairs_and_are_reported()
    {
        // c-big has four participants, c-small two: with a limit of three only c-small links experts.
        var stances = Stances(("a", "c-big", "ENDORSES"), ("b", "c-big", "ENDORSES"), ("c", "c-big", "CRITICIZES"), ("d", "c-big", "ENDORSES"),
            ("a", "c-small", "ENDORSES"), ("b", "c-small", "CRITICIZES"));

        var limited = NetworkPlan.Derive(stances, new NetworkLimits { MaxClaimParticipants = 3 });
        var full = NetworkPlan.Derive(stances, NetworkLimits.Unbounded);

        Assert.Equal(("a", "b", "DISAGREES_WITH"), limited.Pairs().Select(p => (p.A, p.B, p.Type)).Single());
        Assert.Equal(1, limited.Summary.ClaimsUsed);
        Assert.Equal(("c-big", 4), limited.Summary.LargestLeftOut.Single());
        Assert.Equal(6 + 1, full.PairCount);   // 4 choose 2 through c-big, plus a-b disagreeing on c-small
        Assert.Equal(["c-big"], full.ClaimsOf("a", "b", "AGREES_WITH"));
    }

    [Fact]
    public void A_network_above_the_pair_budget_fails_before_it_is_enumerated_and_names_the_fixes()
    {
        var stances = Stances(Enumerable.Range(0, 5).Select(i => ($"e{i}", "c1", "ENDORSES")).ToArray());

        var error = Assert.Throws<IngestionException>(() => NetworkPlan.Derive(stances, new NetworkLimits { PairBudget = 9 }));

        Assert.Contains("up to 10 pairs", error.Message);
        Assert.Contains("--network-max-participants", error.Message);
        Assert.Contains("--no-network", error.Message);
        Assert.Equal(10, NetworkPlan.Derive(stances, new NetworkLimits { PairBudget = 10 }).PairCount);
    }

    [Fact]
    public void Fitting_to_the_budget_lowers_the_participant_limit_until_the_network_fits()
    {
        // c3 has three participants (3 pairs), c2 two (1 pair): a budget of 2 keeps c2 only.
        var stances = Stances(("a", "c3", "ENDORSES"), ("b", "c3", "ENDORSES"), ("c", "c3", "ENDORSES"),
            ("a", "c2", "ENDORSES"), ("b", "c2", "CRITICIZES"));

        var network = NetworkPlan.Derive(stances, new NetworkLimits { PairBudget = 2, FitToBudget = true });

        Assert.Equal(2, network.Summary.MaxClaimParticipants);
        Assert.Equal(("a", "b", "DISAGREES_WITH"), network.Pairs().Select(p => (p.A, p.B, p.Type)).Single());
        Assert.Equal(("c3", 3), network.Summary.LargestLeftOut.Single());
    }
}
