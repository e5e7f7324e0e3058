using System.Globalization;
using Graph.Queries;
using Graph.Queries.Analysis;
using Graph.Queries.Model;
using Graph.Queries.Settings;

namespace Graph.Web.Views;

/// <summary>
/// Builds the three views of a debate (alignment, communities, agreement matrix) from the query library, with one
/// set of analysis settings, so the web page, graph viz and every export show the same numbers as the CLI.
/// Layouts are computed here (deterministic: same data and settings, same picture); the browser only draws.
/// </summary>
public sealed class DebateViews(DebateQueries queries, AnalysisSettings settings)
{
    public AnalysisSettings Settings => settings;

    private async Task<ViewHeader> HeaderAsync(string title, string sentence, CancellationToken ct)
    {
        var sources = await queries.SourcesAsync(ct);
        var snapshot = await queries.LoadSnapshotAsync(ct);
        var source = sources.Count == 0 ? "the loaded graph" : string.Join("; ", sources.Select(s => s.Citation));
        return new ViewHeader(title, sentence,
            $"{source}; {snapshot.Experts.Count} experts, {snapshot.Stances.Count} stances" + (queries.Window.IsAll ? "" : $" dated {queries.Window}"),
            $"Settings: {settings.Describe()}");
    }

    private async Task<(DiscourseSnapshot Snapshot, ClusterReport Report, IReadOnlyDictionary<string, int> Community, IReadOnlyDictionary<string, ParadigmProfile> Profiles)> BasicsAsync(CancellationToken ct)
    {
        var snapshot = await queries.LoadSnapshotAsync(ct);
        var report = await queries.ClustersAsync(settings, ct);
        var profiles = snapshot.Experts.Keys.ToDictionary(id => id, id => ParadigmProfiles.ForExpert(snapshot, id), StringComparer.Ordinal);
        return (snapshot, report, report.CommunityOf(), profiles);
    }

    private static List<LegendEntry> CommunityLegend(IEnumerable<int> used)
    {
        var groups = used.Distinct().Order().ToList();
        var legend = groups.Where(g => g >= 1 && g <= ViewPalette.Communities.Count)
            .Select(g => new LegendEntry($"group-{g}", $"group {g}", ViewPalette.Community(g))).ToList();
        if (groups.Any(g => g > ViewPalette.Communities.Count))
            legend.Add(new LegendEntry("group-other", $"groups {ViewPalette.Communities.Count + 1}+ (smaller)", ViewPalette.OtherGroups));
        if (groups.Contains(0)) legend.Add(new LegendEntry("group-none", "in no group (shares no claim)", ViewPalette.None));
        return legend;
    }

    public async Task<AlignmentView> AlignmentAsync(CancellationToken ct)
    {
        var (snapshot, _, community, profiles) = await BasicsAsync(ct);
        var paradigms = snapshot.Paradigms.Values.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var directions = AlignmentView.Directions(paradigms.Count);
        const double radius = AlignmentView.DefaultRadius;
        var placed = snapshot.Experts.Values.Where(e => snapshot.StancesOf(e.Id).Count > 0).ToList();
        var maxActivity = placed.Select(e => snapshot.StancesOf(e.Id).Count).DefaultIfEmpty(1).Max();
        var radii = placed.Select(e => Spread.Radius(snapshot.StancesOf(e.Id).Count, maxActivity, placed.Count)).ToList();
        var targets = placed.Select(e => AlignmentView.Target(
            paradigms.Select(p => profiles[e.Id].Scores.First(s => s.ParadigmId == p.Id).Score).ToList(), directions, radius)).ToList();
        var positions = Spread.Relax(targets, radii);

        var experts = placed.Select((e, i) =>
        {
            var group = community.GetValueOrDefault(e.Id);
            return new ViewExpert(e.Id, e.Name, snapshot.StancesOf(e.Id).Count, group, profiles[e.Id].Dominant,
                profiles[e.Id].Scores.ToDictionary(s => s.ParadigmId, s => Math.Round(s.Score, 3)), positions[i], radii[i], ViewPalette.Community(group));
        }).ToList();
        var corners = paradigms.Select((p, i) => new AlignmentCorner(p.Id, p.Name, ViewPalette.Paradigm(i),
            new Point(radius * directions[i].X, radius * directions[i].Y), new Point(-radius * directions[i].X, -radius * directions[i].Y))).ToList();
        var dominantUsed = experts.Select(e => e.Dominant).Distinct().ToHashSet();
        var paradigmLegend = corners.Where(c => dominantUsed.Contains(c.ParadigmId))
            .Select(c => new LegendEntry(c.ParadigmId, $"leans to {c.Name}", c.Color)).ToList();
        if (dominantUsed.Contains(null)) paradigmLegend.Add(new LegendEntry("none", "no paradigm it supports", ViewPalette.None));

        var header = await HeaderAsync("Where the experts stand between the paradigms",
            "Each dot is an expert, placed towards the paradigms whose claims they support and away from those they oppose; " +
            "the centre means no leaning, size is the number of stances and colour the group they agree with most.", ct);
        return new AlignmentView(header, radius, radius * 0.3, corners, experts,
            snapshot.Experts.Values.Where(e => snapshot.StancesOf(e.Id).Count == 0).Select(e => new ExpertRef(e.Id, e.Name)).ToList(),
            CommunityLegend(experts.Select(e => e.Community)), paradigmLegend);
    }

    public async Task<CommunityView> CommunitiesAsync(CancellationToken ct)
    {
        var (snapshot, report, _, profiles) = await BasicsAsync(ct);
        var portrait = CommunityPortraits.Describe(snapshot, report);
        var maxActivity = report.Clusters.SelectMany(c => c.Members).Select(m => snapshot.StancesOf(m.ExpertId).Count).DefaultIfEmpty(1).Max();
        var clustered = report.Clusters.Sum(c => c.Members.Count);

        // Each group a sunflower of its members (most active in the middle); groups on shelves, largest first,
        // each shelf cell wide enough for the group's caption.
        const double captionWidth = 300, captionHeight = 110, margin = 50;
        // Big debates split into a few large groups and many of one or two experts: those are pooled into one
        // "small groups" cluster (group 0), so the picture shows the camps, not a grid of dots.
        var minimum = Math.Max(3, (int)Math.Ceiling(clustered * 0.005));
        var major = portrait.Communities.Where(c => c.Members.Count >= minimum).Take(CommunityView.RingLimit - 1).ToList();
        var minor = portrait.Communities.Except(major).ToList();
        var drawn = major.Select(c => (Number: c.Number, c.Members, Caption: $"Group {c.Number}: {c.Caption}",
            Short: $"Group {c.Number}: " + CommunityPortraits.Caption(c.Number, c.Members.Count, c.MainParadigmName, c.Consensus, c.SharpestSplit, 40))).ToList();
        if (minor.Count > 0)
        {
            var text = $"{minor.Count} small group{(minor.Count == 1 ? "" : "s")} of {minor.Min(c => c.Members.Count)}–{minor.Max(c => c.Members.Count)} experts ({minor.Sum(c => c.Members.Count)} in all), " +
                       $"groups {minor.Min(c => c.Number)}–{minor.Max(c => c.Number)}";
            drawn.Add((0, minor.SelectMany(c => c.Members).ToList(), text, text));
        }
        var groupOf = portrait.Communities.SelectMany(c => c.Members.Select(m => (m.ExpertId, c.Number))).ToDictionary(x => x.ExpertId, x => x.Number);
        var packed = drawn.Select(c =>
        {
            var members = c.Members.OrderByDescending(m => snapshot.StancesOf(m.ExpertId).Count).ThenBy(m => m.ExpertId, StringComparer.Ordinal).ToList();
            var radii = members.Select(m => Spread.Radius(snapshot.StancesOf(m.ExpertId).Count, maxActivity, clustered)).ToList();
            var step = (2 * radii.Max() + 2) / 1.6;
            var golden = Math.PI * (3 - Math.Sqrt(5));
            var local = members.Select((_, k) => new Point(step * Math.Sqrt(k + 0.5) * Math.Cos(k * golden), step * Math.Sqrt(k + 0.5) * Math.Sin(k * golden))).ToList();
            var spread = Spread.Relax(local, radii, gap: 2, rounds: 30);
            var extent = spread.Select((p, i) => Math.Sqrt(p.X * p.X + p.Y * p.Y) + radii[i]).Max() + 6;
            return (Group: c, Members: members, Radii: radii, Local: spread, Radius: extent);
        }).ToList();
        var placedGroups = new List<(int Index, Point Center)>();
        if (packed.Count <= CommunityView.RingLimit)
        {
            // A ring, largest group on top: every fault line is a chord, and each caption sits outside the ring.
            var circumference = packed.Sum(g => Math.Max(2 * g.Radius, captionWidth) + margin);
            // No group (a time window without ties) or one: no ring.
            var ring = packed.Count <= 1 ? 0 : Math.Max(circumference / (2 * Math.PI), packed.Max(g => g.Radius) * 1.5 + captionHeight);
            var angle = -Math.PI / 2;
            for (var i = 0; i < packed.Count; i++)
            {
                var share = (Math.Max(2 * packed[i].Radius, captionWidth) + margin) / circumference * 2 * Math.PI;
                if (i > 0) angle += share / 2;
                placedGroups.Add((i, new Point(Math.Round(ring * Math.Cos(angle), 1), Math.Round(ring * Math.Sin(angle), 1))));
                angle += share / 2;
            }
        }
        else
        {
            var totalWidth = Math.Sqrt(packed.Sum(g => Math.Pow(Math.Max(2 * g.Radius, captionWidth) + margin, 2)) * 1.6);
            double x = 0, y = 0, rowHeight = 0;
            for (var i = 0; i < packed.Count; i++)
            {
                var width = Math.Max(2 * packed[i].Radius, captionWidth) + margin;
                var height = 2 * packed[i].Radius + captionHeight + margin;
                if (x > 0 && x + width > totalWidth) { x = 0; y += rowHeight; rowHeight = 0; }
                placedGroups.Add((i, new Point(x + width / 2, y + packed[i].Radius + margin / 2)));
                x += width;
                rowHeight = Math.Max(rowHeight, height);
            }
        }

        var groups = new List<CommunityGroup>();
        var experts = new List<ViewExpert>();
        foreach (var (index, center) in placedGroups)
        {
            var g = packed[index];
            groups.Add(new CommunityGroup(g.Group.Number, g.Group.Number == 0 ? ViewPalette.OtherGroups : ViewPalette.Community(g.Group.Number), center,
                Math.Round(g.Radius, 1), g.Group.Caption, g.Group.Short, g.Members.Count));
            experts.AddRange(g.Members.Select((m, k) => new ViewExpert(m.ExpertId, m.Name, snapshot.StancesOf(m.ExpertId).Count, groupOf[m.ExpertId], m.DominantParadigm,
                profiles[m.ExpertId].Scores.ToDictionary(sc => sc.ParadigmId, sc => Math.Round(sc.Score, 3)),
                new Point(Math.Round(center.X + g.Local[k].X, 1), Math.Round(center.Y + g.Local[k].Y, 1)), g.Radii[k], ViewPalette.Community(groupOf[m.ExpertId]))));
        }
        // One line per group: its sharpest split, the one its caption names (so lines and captions tell the same story).
        var shown = major.Select(c => c.Number).ToHashSet();
        var faultLines = major.Select(c => c.SharpestSplit).OfType<FaultLine>().Where(f => shown.Contains(f.GroupA) && shown.Contains(f.GroupB))
            .DistinctBy(f => (f.GroupA, f.GroupB)).OrderByDescending(f => f.OpposedPairs).ThenBy(f => f.GroupA).ThenBy(f => f.GroupB)
            .Take(CommunityView.DrawnFaultLines).Select(CommunityView.From).ToList();

        var header = await HeaderAsync("Which groups form, and where they split",
            "Each cluster is a group of experts who agree with one another more than with the rest; its caption says what they share, " +
            "and the dashed lines are the claims two groups take opposite sides on.", ct);
        var agreement = report.ParadigmAgreement;
        return new CommunityView(header, groups, experts, faultLines,
            portrait.Unclustered.Select(id => new ExpertRef(id, snapshot.NameOf(id))).ToList(),
            CommunityLegend(experts.Select(e => e.Community)),
            $"Modularity {report.Modularity.ToString("0.###", CultureInfo.InvariantCulture)}: how much more the experts agree inside their groups (and disagree across them) than chance would give (0: not at all).",
            agreement.Compared == 0 ? "No expert leans to a paradigm." :
                $"{Math.Round(agreement.Purity * 100)}% of the {agreement.Compared} experts who lean to a paradigm share it with most of their group " +
                $"(purity {agreement.Purity.ToString("0.###", CultureInfo.InvariantCulture)}; NMI {agreement.Nmi.ToString("0.###", CultureInfo.InvariantCulture)}, 0 to 1: how much knowing the group tells about the paradigm).");
    }

    public async Task<MatrixView> MatrixAsync(CancellationToken ct)
    {
        var snapshot = await queries.LoadSnapshotAsync(ct);
        var matrix = await queries.AgreementMatrixAsync(settings, ct);
        var experts = matrix.Order.Select((id, i) => new MatrixExpert(id, snapshot.NameOf(id), matrix.Community[i])).ToList();
        var blocks = new List<MatrixBlock>();
        for (var i = 0; i < experts.Count;)
        {
            var j = i;
            while (j < experts.Count && experts[j].Community == experts[i].Community) j++;
            blocks.Add(new MatrixBlock(experts[i].Community, i, j, ViewPalette.Community(experts[i].Community)));
            i = j;
        }
        var withClaims = experts.Count <= MatrixView.ClaimsLimit;
        var claims = withClaims
            ? matrix.Cells.ToDictionary(c => $"{c.Row}-{c.Column}", c => new[] { c.AgreeClaims.ToArray(), c.DisagreeClaims.ToArray() })
            : null;
        var texts = withClaims
            ? matrix.Cells.SelectMany(c => c.AgreeClaims.Concat(c.DisagreeClaims)).Distinct()
                .ToDictionary(id => id, id => snapshot.Claims.TryGetValue(id, out var claim) ? claim.Text : id)
            : null;
        var header = await HeaderAsync("Who agrees with whom",
            "Each row and column is an expert, ordered by group; a purple cell means the two agree on more claims than they disagree on, " +
            "orange the reverse, white that they share no claim.", ct);
        return new MatrixView(header, settings.Normalization.Name(), $"score ({settings.ScoreName})",
            matrix.Cells.Select(c => Math.Abs(c.Score)).DefaultIfEmpty(1).Max(),
            experts, blocks,
            matrix.Cells.Select(c => new[] { c.Row, c.Column, Math.Round(c.Score, 4), c.Counts.Agreements, c.Counts.Disagreements }).ToList(),
            claims, texts, matrix.Unmatched.Select(id => new ExpertRef(id, snapshot.NameOf(id))).ToList());
    }
}
