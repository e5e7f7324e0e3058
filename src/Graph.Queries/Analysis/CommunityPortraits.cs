using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

public static class CommunityPortraits
{
    /// <summary>Fault lines listed per pair of communities (the sharpest first), and in all.</summary>
    public const int FaultLinesPerPair = 3;

    public const int MaxFaultLines = 60;

    /// <summary>
    /// Describes each community: how many experts, the paradigm most of them lean to, the claim most of them
    /// agree on (nobody in the community taking the opposite stance; at least two holders), and the sharpest
    /// split from another community (the disputed claim with the most cross-community opposed pairs).
    /// </summary>
    public static CommunityPortrait Describe(DiscourseSnapshot snapshot, ClusterReport report)
    {
        var communityOf = report.CommunityOf();
        // Per claim and community: how many members endorse and criticize it.
        var tally = new Dictionary<string, Dictionary<int, (int E, int C)>>(StringComparer.Ordinal);
        foreach (var stance in snapshot.Stances)
        {
            if (!communityOf.TryGetValue(stance.ExpertId, out var group)) continue;
            if (!tally.TryGetValue(stance.ClaimId, out var byGroup)) tally[stance.ClaimId] = byGroup = [];
            var (e, c) = byGroup.GetValueOrDefault(group);
            byGroup[group] = stance.Polarity == Polarity.Endorses ? (e + 1, c) : (e, c + 1);
        }
        string Text(string claim) => snapshot.Claims.TryGetValue(claim, out var c) ? c.Text : claim;

        var faultLines = new List<FaultLine>();
        foreach (var (claim, byGroup) in tally.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var leaning = byGroup.Where(kv => kv.Value.E != kv.Value.C).OrderBy(kv => kv.Key).ToList();
            for (var i = 0; i < leaning.Count; i++)
            for (var j = i + 1; j < leaning.Count; j++)
            {
                var (a, b) = (leaning[i], leaning[j]);
                if (Math.Sign(a.Value.E - a.Value.C) == Math.Sign(b.Value.E - b.Value.C)) continue;
                faultLines.Add(new FaultLine(a.Key, b.Key, claim, Text(claim), a.Value.E, a.Value.C, b.Value.E, b.Value.C));
            }
        }
        var sharpest = faultLines
            .OrderByDescending(f => f.OpposedPairs).ThenBy(f => f.GroupA).ThenBy(f => f.GroupB).ThenBy(f => f.ClaimId, StringComparer.Ordinal)
            .ToList();
        var listed = sharpest.GroupBy(f => (f.GroupA, f.GroupB)).SelectMany(g => g.Take(FaultLinesPerPair))
            .OrderByDescending(f => f.OpposedPairs).ThenBy(f => f.GroupA).ThenBy(f => f.GroupB).ThenBy(f => f.ClaimId, StringComparer.Ordinal)
            .Take(MaxFaultLines).ToList();

        var summaries = report.Clusters.Select(cluster =>
        {
            var size = cluster.Members.Count;
            var consensus = tally
                .Select(kv => (Claim: kv.Key, Counts: kv.Value.GetValueOrDefault(cluster.Number)))
                .Where(x => (x.Counts.E == 0) != (x.Counts.C == 0) && x.Counts.E + x.Counts.C >= Math.Min(2, size))
                .OrderByDescending(x => x.Counts.E + x.Counts.C).ThenBy(x => x.Claim, StringComparer.Ordinal)
                .Select(x => new CommunityConsensus(x.Claim, Text(x.Claim), x.Counts.E > 0 ? Polarity.Endorses : Polarity.Criticizes, x.Counts.E + x.Counts.C, size))
                .FirstOrDefault();
            var split = sharpest.FirstOrDefault(f => f.GroupA == cluster.Number || f.GroupB == cluster.Number);
            var main = cluster.MainParadigm;
            var mainName = main is not null && snapshot.Paradigms.TryGetValue(main, out var p) ? p.Name : main;
            return new CommunitySummary(cluster.Number, cluster.Members, main, mainName, consensus, split,
                Caption(cluster.Number, size, mainName, consensus, split));
        }).ToList();

        var unclustered = snapshot.Experts.Keys.Where(id => !communityOf.ContainsKey(id)).ToList();
        return new CommunityPortrait(report, summaries, listed, unclustered);
    }

    /// <summary>"8 experts, mostly human development; all 8 criticize “…”; split from group 2 on “…”".</summary>
    public static string Caption(int number, int size, string? paradigm, CommunityConsensus? consensus, FaultLine? split, int maxClaimLength = int.MaxValue)
    {
        var parts = new List<string> { size == 1 ? "1 expert" : $"{size} experts" };
        if (paradigm is not null) parts[0] += $", mostly {paradigm}";
        if (consensus is not null) parts.Add($"{consensus.Phrase} “{Shorten(consensus.Text, maxClaimLength)}”");
        if (split is not null)
            parts.Add($"split from group {(split.GroupA == number ? split.GroupB : split.GroupA)} on “{Shorten(split.Text, maxClaimLength)}”");
        return string.Join("; ", parts);
    }

    /// <summary>Cuts a claim text at a word boundary, with an ellipsis.</summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = text.LastIndexOf(' ', Math.Max(0, max - 1));
        return (cut > max / 2 ? text[..cut] : text[..(max - 1)]).TrimEnd(',', ';', ':', '.') + "…";
    }
}
