using Graph.Ingestion.Planning;

namespace Graph.Ingestion.Tests;

/// <summary>The in-memory derivation of the discourse network and its diff against the stored pairs.</summary>
public class NetworkPlanTests
{
    private static Dictionary<(string Expert, string Claim), List<string>> Stances(params (string Expert, string Claim, string Type)[] stances) =>
        stances.GroupBy(s => (s.Expert, s.Claim)).ToDictionary(g => g.Key, g => g.Select(s => s.Type).ToList());

    [Fact]
    public void Pairs_go_from_the_smaller_id_with_claims_in_order()
    {
        var pairs = NetworkPlan.Derive(Stances(
            ("zoe", "c2", "ENDORSES"), ("amy", "c2", "ENDORSES"), ("amy", "c1", "CRITICIZES"), ("zoe", "c1", "CRITICIZES"),
            ("bob", "c1", "ENDORSES")));

        Assert.Equal(["c1", "c2"], pairs[("amy", "zoe", "AGREES_WITH")]);
        Assert.Equal(["c1"], pairs[("amy", "bob", "DISAGREES_WITH")]);
        Assert.Equal(["c1"], pairs[("bob", "zoe", "DISAGREES_WITH")]);
        Assert.Equal(3, pairs.Count);
    }

    [Fact]
    public void Diff_writes_only_new_or_changed_pairs_and_removes_stale_ones()
    {
        var desired = NetworkPlan.Derive(Stances(("a", "c1", "ENDORSES"), ("b", "c1", "ENDORSES"), ("c", "c1", "ENDORSES")));
        var stored = new Dictionary<(string, string, string), List<string>?>
        {
            [("a", "b", "AGREES_WITH")] = ["c1"],          // unchanged
            [("a", "c", "AGREES_WITH")] = ["c0", "c1"],    // changed claims
            [("a", "d", "DISAGREES_WITH")] = ["c9"],       // no longer derived
        };

        var (upserts, removals) = NetworkPlan.Diff(desired, stored);

        Assert.Equal([("a", "c"), ("b", "c")], upserts.Select(p => (p.A, p.B)).Order().ToList());
        Assert.Equal(("a", "d", "DISAGREES_WITH"), removals.Select(p => (p.A, p.B, p.Type)).Single());
        var (again, none) = NetworkPlan.Diff(desired, desired.ToDictionary(p => p.Key, p => (List<string>?)p.Value));
        Assert.Empty(again);
        Assert.Empty(none);
    }
}
