using Graph.Queries.Algorithms;
using Graph.Queries.Analysis;
namespace Graph.Queries.Tests;
public class ZzExplore(ShippedDataFixture data) : IClassFixture<ShippedDataFixture>
{
    [Fact]
    public async Task Dump()
    {
        var q = data.Queries;
        var s = await q.LoadSnapshotAsync();
        var o = new System.Text.StringBuilder();
        o.AppendLine($"experts {s.Experts.Count} claims {s.Claims.Count} stances {s.Stances.Count} ties {s.Ties.Count} inst {s.Institutions.Count}");
        var net = SignedNetwork.FromTies(s.Experts.Keys, s.Ties);
        var fromStances = SignedNetwork.FromStances(s);
        o.AppendLine($"pairs ties {net.Pairs.Count()} fromStances {fromStances.Pairs.Count()}");
        foreach (var c in await q.ContestedAsync()) o.AppendLine($"CONTESTED {c.ClaimId} e={string.Join(",", c.Endorsers)} c={string.Join(",", c.Critics)} ev={c.Evenness}");
        foreach (var e in s.Experts.Keys) { var p = ParadigmProfiles.ForExpert(s, e); o.AppendLine($"PROFILE {e} dom={p.Dominant} " + string.Join(" ", p.Scores.Select(x => $"{x.ParadigmId}={x.Score:0.00}/{x.Stances}"))); }
        var cl = await q.ClustersAsync(42);
        foreach (var c in cl.Clusters) o.AppendLine($"CLUSTER {c.Number} main={c.MainParadigm}: " + string.Join(", ", c.Members.Select(m => m.ExpertId + ":" + m.DominantParadigm)));
        o.AppendLine($"Q={cl.Modularity} purity={cl.ParadigmAgreement.Purity} nmi={cl.ParadigmAgreement.Nmi} n={cl.ParadigmAgreement.Compared}");
        foreach (var p in cl.Polarization) o.AppendLine($"POL {p.Scope} {p.Score:0.000} {p.OpposedPairs}/{p.PairsOnSameClaim}");
        o.AppendLine($"BAL {cl.Balance.BalancedTriangles}/{cl.Balance.Triangles}");
        foreach (var t in cl.Balance.Unbalanced.Take(10)) o.AppendLine($"UNBAL {t}");
        foreach (var c in s.Claims.Values) o.AppendLine($"CLAIM {c.Id} [{c.Topic}] {string.Join(",", c.Paradigms.Select(p => p.ParadigmId + p.Sign))} :: {c.Text}");
        foreach (var st in s.Stances.Where(x => x.Polarity == Model.Polarity.Criticizes)) o.AppendLine($"CRIT {st.ExpertId} {st.ClaimId} :: {st.Quote}");
        foreach (var e in s.Experts.Values) o.AppendLine($"EXPERT {e.Id} | {e.Name} | {string.Join(";", e.Aliases)} | {string.Join(";", e.Institutions)}");
        File.WriteAllText("/tmp/q/explore.txt", o.ToString());
    }
}
