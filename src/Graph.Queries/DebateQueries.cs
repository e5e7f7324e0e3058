using Graph.Client;
using Graph.Queries.Algorithms;
using Graph.Queries.Analysis;
using Graph.Queries.Cypher;
using Graph.Queries.Export;
using Graph.Queries.Lookup;
using Graph.Queries.Model;
using Graph.Queries.Settings;

namespace Graph.Queries;

/// <summary>
/// The query library: every question about a debate, asked through the client contract (<see cref="IDriver"/>),
/// so it works the same on the embedded store and on Neo4j. Statements come from cypher/queries/*.cypher; graph
/// algorithms run in memory (QuikGraph) over the subgraph those statements return.
/// Methods take entity ids; resolve names first with <see cref="LoadIndexAsync"/>.
/// With a <see cref="TimeWindow"/> (<see cref="Within"/>) the whole-debate analyses — snapshot, network, clusters,
/// communities, matrix, contested claims — see only the stances dated inside it, and the network is derived from
/// those stances (the stored AGREES_WITH / DISAGREES_WITH span all dates); so do the per-expert questions (positions,
/// shared positions, allies, paths, profile), which then answer from the window's snapshot instead of their Cypher
/// statements. With or without a window, the stances that count follow <see cref="StanceRule"/>.
/// </summary>
public sealed class DebateQueries(IDriver driver, TimeWindow? window = null)
{
    /// <summary>The dates this instance's analyses cover.</summary>
    public TimeWindow Window { get; } = window ?? TimeWindow.All;

    /// <summary>The same questions restricted to <paramref name="dates"/> (a new instance: nothing cached is shared).</summary>
    public DebateQueries Within(TimeWindow dates) => new(driver, dates);

    private DiscourseSnapshot? _snapshot;
    private EntityIndex? _index;
    private ClusterReport? _clusters;
    private SignedNetwork? _network;

    /// <summary>True when nothing has been ingested (no expert and no claim).</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken ct = default)
    {
        var record = (await RunAsync("store-counts", null, ct)).Single();
        return record.Integer("experts") == 0 && record.Integer("claims") == 0;
    }

    /// <summary>
    /// A cheap fingerprint of the stored debate (cypher/queries/store-fingerprint.cypher): equal fingerprints mean the
    /// same number of nodes and of relationships of each type, and the same content hashes in the graph-data manifest
    /// (which every load and every coding save updates).
    /// </summary>
    public async Task<string> FingerprintAsync(CancellationToken ct = default) =>
        string.Join(";", (await RunAsync("store-fingerprint", null, ct)).Records
            .Select(r => $"{r.Integer("nodes")}/{r.OptionalText("version")}/{r.OptionalText("type")}/{r.Integer("relationships")}"));

    /// <summary>The whole discourse network (cached for the lifetime of this object: one CLI command or request).</summary>
    public async Task<DiscourseSnapshot> LoadSnapshotAsync(CancellationToken ct = default) =>
        _snapshot ??= await LoadEntitiesAsync(withStances: true, ct);

    private async Task<DiscourseSnapshot> LoadEntitiesAsync(bool withStances, CancellationToken ct)
    {

        var experts = (await RunAsync("experts", null, ct)).Records.Select(r => new Expert(
            r.Text("id"), r.OptionalText("name") ?? r.Text("id"), r.TextList("aliases"), r.OptionalText("country"),
            r.TextList("roles"), r.TextList("institutions")));
        var institutions = (await RunAsync("institutions", null, ct)).Records.Select(r => new Institution(
            r.Text("id"), r.OptionalText("name") ?? r.Text("id"), r.OptionalText("acronym"), r.OptionalText("type"),
            r.OptionalText("country"), r.OptionalText("parent")));
        var paradigms = (await RunAsync("paradigms", null, ct)).Records.Select(r => new Paradigm(
            r.Text("id"), r.OptionalText("name") ?? r.Text("id"), r.OptionalText("description")));
        var claims = (await RunAsync("claims", null, ct)).Records
            .GroupBy(r => r.Text("id"))
            .Select(g => new Claim(g.Key, g.First().OptionalText("text") ?? g.Key, g.First().OptionalText("topic"),
                g.Where(r => r["paradigm"] is not null)
                    .Select(r => new ParadigmAlignment(r.Text("paradigm"), Math.Sign(r.OptionalInteger("sign") ?? 1)))
                    .ToList()));
        if (!withStances)
            return new DiscourseSnapshot(experts.ToList(), institutions.ToList(), paradigms.ToList(), claims.ToList(), []);
        var stances = (await RunAsync(Window.IsAll ? "stances" : "stances-dated", Window.IsAll ? null : Window.Parameters(), ct)).Records.Select(r => new Stance(
            r.Text("expert"), r.Text("claim"), PolarityNames.Parse(r.Text("stance")), r.OptionalText("quote"),
            r.OptionalText("section"), r.Number("confidence")));
        if (!Window.IsAll)
        {
            // The stances in the window that count (StanceRule, applied by the snapshot), and the network they make.
            var dated = new DiscourseSnapshot(experts.ToList(), institutions.ToList(), paradigms.ToList(), claims.ToList(), stances.ToList());
            var bound = await StoredBoundAsync(ct);
            var derived = SignedNetwork.FromStances(dated, bound.MaxParticipants);
            var windowTies = derived.Pairs.SelectMany(p => new[]
            {
                p.Agreements > 0 ? new ExpertTie(p.A, p.B, TieKind.Agreement, p.Agreements, p.AgreeClaims) : null,
                p.Disagreements > 0 ? new ExpertTie(p.A, p.B, TieKind.Disagreement, p.Disagreements, p.DisagreeClaims) : null,
            }).OfType<ExpertTie>();
            var leftOut = bound.MaxParticipants is { } max ? SignedNetwork.ClaimsAbove(dated, max) : [];
            _bound = new NetworkBound(bound.MaxParticipants, leftOut.Count, leftOut, $"the discourse network of the stances dated {Window}");
            return new DiscourseSnapshot(dated.Experts.Values, dated.Institutions.Values, dated.Paradigms.Values, dated.Claims.Values, dated.Stances, windowTies.ToList());
        }
        var ties = (await RunAsync("agreement-network", null, ct)).Records.Select(ReadTie);

        return new DiscourseSnapshot(experts.ToList(), institutions.ToList(), paradigms.ToList(), claims.ToList(),
            stances.ToList(), ties.ToList());
    }

    private NetworkBound? _bound;
    private NetworkBound? _stored;

    /// <summary>
    /// The participant bound of the network this instance analyses, and the claims it leaves out: for all dates the
    /// stored network's (from the store's manifest; their names are not kept), inside a window the window's (names
    /// and participants), derived with the same bound.
    /// </summary>
    public async Task<NetworkBound> NetworkBoundAsync(CancellationToken ct = default)
    {
        if (Window.IsAll) return await StoredBoundAsync(ct);
        await LoadSnapshotAsync(ct);
        return _bound!;
    }

    /// <summary>The stored network's bound: the manifest's, else graph ingest's default; no bound when the store was loaded without a network.</summary>
    private async Task<NetworkBound> StoredBoundAsync(CancellationToken ct)
    {
        if (_stored is not null) return _stored;
        var row = (await RunAsync("network-bound", null, ct)).Records is [var first, ..] ? first : (Record?)null;
        var max = row?.OptionalInteger("maxParticipants");
        var network = row?.OptionalText("network");
        var bound = network == "none" ? null : (int?)(max is { } m and > 0 and <= int.MaxValue ? (int)m : NetworkBound.DefaultMaxParticipants);
        return _stored = new NetworkBound(bound, row?.OptionalInteger("claimsLeftOut") ?? 0, [], "the stored discourse network");
    }

    /// <summary>Names of every expert, institution, claim and paradigm, without stances or ties (cached like the snapshot).</summary>
    public async Task<EntityIndex> LoadIndexAsync(CancellationToken ct = default)
    {
        if (_index is not null) return _index;
        var snapshot = _snapshot ?? await LoadEntitiesAsync(withStances: false, ct);
        return _index = EntityIndex.From(snapshot);
    }

    /// <summary>
    /// Which entity a name means (see <see cref="EntityIndex.Resolve"/>). An exact id is answered by index seeks
    /// (cypher/queries/entity-by-id.cypher) without loading every name, which is what a large graph needs for
    /// `graph allies expert-000005`; anything else goes through the index of every name.
    /// </summary>
    public async Task<LookupResult> ResolveAsync(string query, EntityKind[] kinds, CancellationToken ct = default)
    {
        var id = query.Trim();
        if (id.Length > 0 && _index is null)
        {
            var byId = (await RunAsync("entity-by-id", new() { ["id"] = id }, ct)).Records
                .Select(r => (Kind: Enum.Parse<EntityKind>(r.Text("kind")), Id: r.Text("id"), Name: r.Text("name")))
                .Where(e => kinds.Length == 0 || kinds.Contains(e.Kind))
                .ToList();
            if (byId.Count == 1)
                return new LookupResult(query, LookupStatus.Found, [new LookupEntry(byId[0].Kind, byId[0].Id, byId[0].Name, [])], []);
        }
        return (await LoadIndexAsync(ct)).Resolve(query, kinds);
    }

    /// <summary>Display names of the given experts (id to name; the id itself when unknown).</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> expertIds, CancellationToken ct = default)
    {
        var ids = expertIds.Distinct().ToList();
        var names = (await RunAsync("expert-names", new() { ["ids"] = ids.Cast<object?>().ToList() }, ct)).Records
            .ToDictionary(r => r.Text("id"), r => r.Text("name"));
        return ids.ToDictionary(id => id, id => names.GetValueOrDefault(id, id));
    }

    /// <summary>An expert's stances grouped by the paradigms their claims align with (cypher/queries/expert-positions.cypher).</summary>
    public async Task<ExpertPositions> PositionsAsync(string expertId, CancellationToken ct = default)
    {
        var names = await NamesAsync([expertId], ct);
        var rows = (await RunAsync("expert-positions", new() { ["expertId"] = expertId }, ct)).Records.Select(r => new PositionRow(
            r.Text("claim"), r.OptionalText("text") ?? r.Text("claim"), r.OptionalText("topic"), PolarityNames.Parse(r.Text("stance")),
            r.OptionalText("quote"), r.OptionalText("section"), r.OptionalText("paradigm"), r.OptionalText("paradigmName"),
            r.OptionalInteger("sign") is { } s ? Math.Sign(s) : null, r.Number("confidence"),
            r.OptionalText("document") is { } document ? new DocumentRef(document, r.OptionalText("documentTitle"), r.OptionalText("documentDate")) : null));
        if (!Window.IsAll)
        {
            // The expert's stances dated inside the window, by claim, polarity and document.
            var inWindow = (await RunAsync("stances-dated", Window.Parameters(), ct)).Records
                .Where(r => r.Text("expert") == expertId)
                .Select(r => (r.Text("claim"), PolarityNames.Parse(r.Text("stance")), r.OptionalText("source"))).ToHashSet();
            rows = rows.Where(r => inWindow.Contains((r.ClaimId, r.Polarity, r.Document?.Id)));
        }
        return PositionGrouping.Group(expertId, names[expertId], rows);
    }

    /// <summary>What two experts share (cypher/queries/shared-positions.cypher and stance-counts.cypher).</summary>
    public async Task<PairAgreement> SharedAsync(string a, string b, CancellationToken ct = default)
    {
        if (!Window.IsAll) return PairAgreement.Compute(await LoadSnapshotAsync(ct), a, b);
        var shared = (await RunAsync("shared-positions", new() { ["a"] = a, ["b"] = b }, ct)).Records.Select(r => new SharedClaim(
            r.Text("claim"), r.OptionalText("text") ?? r.Text("claim"), PolarityNames.Parse(r.Text("stanceA")), r.OptionalText("quoteA"),
            PolarityNames.Parse(r.Text("stanceB")), r.OptionalText("quoteB"))).DistinctBy(c => (c.ClaimId, c.StanceA, c.StanceB)).ToList();
        var counts = (await RunAsync("stance-counts", new() { ["ids"] = new[] { a, b }.Distinct().Cast<object?>().ToList() }, ct)).Records
            .ToDictionary(r => r.Text("expert"), r => (int)r.Integer("claims"));
        return new PairAgreement(a, b, counts.GetValueOrDefault(a), counts.GetValueOrDefault(b), shared);
    }

    /// <summary>
    /// Allies or opponents of one expert, from its two-hop neighbourhood only (experts with no claim in common have
    /// no signed score, so they can never rank). Every candidate is scored from counts (cypher/queries/allies.cypher);
    /// the claims behind the score are read for the best <paramref name="limit"/> only (allies-evidence.cypher), so
    /// an expert who shares claims with tens of thousands of others still answers in interactive time.
    /// </summary>
    /// <param name="limit">How many entries to return with evidence; null for all.</param>
    public async Task<AllyRanking> AlliesAsync(string expertId, bool opponents, Normalization normalization, int? limit = null, CancellationToken ct = default)
    {
        if (!Window.IsAll)
        {
            var all = Allies.Rank(await LoadSnapshotAsync(ct), expertId, opponents, normalization);
            return new AllyRanking(limit is { } most ? all.Take(Math.Max(0, most)).ToList() : all, all.Count);
        }
        var candidates = (await RunAsync("allies", new() { ["expertId"] = expertId }, ct)).Records.Select(r => new AllyCandidate(
            r.Text("expert"), r.Text("name"),
            new PairCounts((int)r.Integer("agree"), (int)r.Integer("disagree"), (int)r.Integer("claimsA"), (int)r.Integer("claimsB"), (int)r.Integer("shared"))));
        var ranked = Allies.Rank(candidates, opponents, normalization);
        var top = limit is { } n ? ranked.Take(Math.Max(0, n)).ToList() : ranked;
        if (top.Count == 0) return new AllyRanking([], ranked.Count);

        var shared = (await RunAsync("allies-evidence", new()
        {
            ["expertId"] = expertId,
            ["others"] = top.Select(c => (object?)c.ExpertId).ToList(),
        }, ct)).Records
            .GroupBy(r => r.Text("expert"))
            .ToDictionary(g => g.Key, g => g.Select(r => new SharedClaim(r.Text("claim"), r.Text("text"),
                PolarityNames.Parse(r.Text("stanceA")), r.OptionalText("quoteA"), PolarityNames.Parse(r.Text("stanceB")), r.OptionalText("quoteB")))
                .DistinctBy(c => (c.ClaimId, c.StanceA, c.StanceB)).ToList());
        var entries = top.Select(c => new AllyEntry(c.ExpertId, c.Name, Allies.Score(c, opponents, normalization),
            new PairAgreement(expertId, c.ExpertId, c.Counts.ClaimsA, c.Counts.ClaimsB, shared.GetValueOrDefault(c.ExpertId) ?? []))).ToList();
        return new AllyRanking(entries, ranked.Count);
    }

    /// <summary>Chains between two experts over the derived AGREES_WITH / DISAGREES_WITH relationships.</summary>
    /// <remarks>
    /// The shortest chain of agreement or of disagreement is one Cypher shortestPath from both experts
    /// (cypher/queries/path-agreement.cypher, path-disagreement.cypher), which reads only the neighbourhoods it
    /// needs. k alternatives (Yen) and signed chains (whose ties are the net of both relationship types) search the
    /// whole tie list instead (ids and weights only: network-weights.cypher). Either way the claim evidence is read
    /// for just the hops found (tie-evidence.cypher).
    /// </remarks>
    public async Task<IReadOnlyList<ExpertPath>> PathsAsync(string from, string to, NetworkMode mode, int k = 1, CancellationToken ct = default)
    {
        if (!Window.IsAll)
        {
            // The window's network carries its evidence (the claims of each tie).
            return Paths.Find(await NetworkAsync(ct), mode, from, to, k);
        }
        if (k <= 1 && mode is NetworkMode.Agreement or NetworkMode.Disagreement)
        {
            // Every tied shortest chain (allShortestPaths), in the order of their id sequences.
            var chains = (await RunAsync($"path-{mode.ToString().ToLowerInvariant()}", new() { ["from"] = from, ["to"] = to }, ct))
                .Records.Select(r => r.TextList("experts")).Where(c => c.Count >= 2)
                .DistinctBy(c => string.Join("\u0001", c)).Order(ShortestPaths.ChainOrder).Take(Paths.MaxTied).ToList();
            if (chains.Count == 0) return [];
            var evidence = await EvidenceAsync(chains.SelectMany(c => c.Zip(c.Skip(1))).Distinct().ToList(), ct);
            return chains.Select(c => Paths.Along(c, evidence, mode)).ToList();
        }

        var weights = (await RunAsync("network-weights", null, ct)).Records.Select(ReadTie);
        var paths = Paths.Find(SignedNetwork.FromTies([from, to], weights), mode, from, to, k);
        if (paths.Count == 0) return paths;
        var hops = paths.SelectMany(p => p.Hops).Select(h => (h.From, h.To)).Distinct().ToList();
        return Paths.WithEvidence(paths, await EvidenceAsync(hops, ct), mode);
    }

    private async Task<SignedNetwork> EvidenceAsync(IReadOnlyList<(string From, string To)> hops, CancellationToken ct)
    {
        var evidence = (await RunAsync("tie-evidence", new()
        {
            ["from"] = hops.Select(h => (object?)h.From).ToList(),
            ["to"] = hops.Select(h => (object?)h.To).ToList(),
        }, ct)).Records.Select(ReadTie);
        return SignedNetwork.FromTies([], evidence);
    }

    private static ExpertTie ReadTie(Record r) => new(
        r.Text("source"), r.Text("target"), r.Text("relType") == "AGREES_WITH" ? TieKind.Agreement : TieKind.Disagreement,
        (int)r.Integer("weight"),
        // Without evidence, distinct placeholders keep the agreement and disagreement counts (and so the signs) right.
        r.ContainsKey("claims") ? r.TextList("claims") : Enumerable.Range(1, (int)r.Integer("weight")).Select(i => $"#{i}").ToList());

    /// <summary>
    /// The debate window by window (<see cref="Evolution"/>): windows of <paramref name="length"/> every
    /// <paramref name="step"/> from the first dated stance to the last (or over <paramref name="range"/>).
    /// </summary>
    public async Task<EvolutionReport> EvolutionAsync(CalendarPeriod length, CalendarPeriod step, AnalysisSettings? settings = null,
        TimeWindow? range = null, int contested = 3, CancellationToken ct = default)
    {
        settings ??= AnalysisSettings.Default;
        var days = (await RunAsync("stances-dated", (range ?? TimeWindow.All).Parameters(), ct)).Records
            .Select(r => DateOnly.ParseExact(r.Text("day"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (days.Count == 0) return new EvolutionReport(length, step, settings, []);
        var windows = Evolution.Windows(range?.From ?? days.Min(), range?.To ?? days.Max(), length, step);
        var result = new List<EvolutionWindow>();
        foreach (var window in windows)
        {
            var within = Within(window);
            result.Add(Evolution.Describe(window, await within.LoadSnapshotAsync(ct), await within.ClustersAsync(settings, ct), contested, await within.NetworkBoundAsync(ct)));
        }
        return new EvolutionReport(length, step, settings, result);
    }

    /// <summary>The signed network of the whole discourse (cached like the snapshot).</summary>
    public async Task<SignedNetwork> NetworkAsync(CancellationToken ct = default)
    {
        if (_network is not null) return _network;
        var snapshot = await LoadSnapshotAsync(ct);
        return _network = SignedNetwork.FromTies(snapshot.Experts.Keys, snapshot.Ties);
    }

    /// <summary>
    /// An expert's or institution's alignment with the paradigms (cypher/queries/profile-contributions.cypher). An
    /// expert's reads only its own stances; an institution's needs the membership tree, so it reads the snapshot.
    /// </summary>
    public async Task<ParadigmProfile> ProfileAsync(LookupEntry subject, CancellationToken ct = default)
    {
        if (!Window.IsAll)
        {
            var snapshot = await LoadSnapshotAsync(ct);
            return subject.Kind switch
            {
                EntityKind.Expert => ParadigmProfiles.ForExpert(snapshot, subject.Id),
                EntityKind.Institution => ParadigmProfiles.ForInstitution(snapshot, subject.Id),
                _ => throw new ArgumentException($"A profile is for an expert or an institution, not a {subject.Kind.ToString().ToLowerInvariant()}."),
            };
        }
        IReadOnlyList<string> experts = subject.Kind switch
        {
            EntityKind.Expert => [subject.Id],
            EntityKind.Institution => (await LoadSnapshotAsync(ct)).MembersOf(subject.Id),
            _ => throw new ArgumentException($"A profile is for an expert or an institution, not a {subject.Kind.ToString().ToLowerInvariant()}."),
        };
        var paradigms = (await RunAsync("paradigms", null, ct)).Records
            .Select(r => new Paradigm(r.Text("id"), r.OptionalText("name") ?? r.Text("id"), r.OptionalText("description")));
        var drivers = (await RunAsync("profile-contributions", new() { ["expertIds"] = experts.Cast<object?>().ToList() }, ct)).Records
            .Select(r => new ProfileDriver(r.Text("expert"), r.Text("paradigm"), r.Text("claim"), PolarityNames.Parse(r.Text("stance")),
                Math.Sign(r.OptionalInteger("sign") ?? 1), r.OptionalText("quote")))
            .DistinctBy(d => (d.ExpertId, d.ParadigmId, d.ClaimId, d.Polarity));   // StanceRule: a polarity repeated in another document counts once
        return ParadigmProfiles.Build(subject.Id, subject.Name, subject.Kind.ToString().ToLowerInvariant(), experts, paradigms, drivers);
    }

    /// <summary>Communities of the agreement network under the given settings (defaults: <see cref="AnalysisSettings.Default"/>).</summary>
    public async Task<ClusterReport> ClustersAsync(AnalysisSettings? settings = null, CancellationToken ct = default)
    {
        settings ??= AnalysisSettings.Default;
        if (_clusters is { } cached && cached.Settings == settings) return cached;
        return _clusters = Clusters.Analyze(await LoadSnapshotAsync(ct), await NetworkAsync(ct), settings);
    }

    /// <summary>The communities described in words, with the fault lines between them.</summary>
    public async Task<CommunityPortrait> CommunitiesAsync(AnalysisSettings? settings = null, CancellationToken ct = default) =>
        CommunityPortraits.Describe(await LoadSnapshotAsync(ct), await ClustersAsync(settings, ct));

    /// <summary>Experts x experts signed agreement ordered by community, scored under the settings' normalization.</summary>
    public async Task<AgreementMatrix> AgreementMatrixAsync(AnalysisSettings? settings = null, CancellationToken ct = default)
    {
        settings ??= AnalysisSettings.Default;
        return AgreementMatrix.Build(await LoadSnapshotAsync(ct), await NetworkAsync(ct), await ClustersAsync(settings, ct), settings.Normalization);
    }

    /// <summary>One expert's card (cypher/queries/expert-detail.cypher); null when no expert has that id.</summary>
    public async Task<ExpertCard?> ExpertCardAsync(string expertId, CancellationToken ct = default)
    {
        // (a record is a struct: no record is "none", not null)
        if ((await RunAsync("expert-detail", new() { ["expertId"] = expertId }, ct)).Records is not [var card, ..]) return null;
        return new ExpertCard(card.Text("id"), card.OptionalText("name") ?? expertId, card.OptionalText("bio"), card.OptionalText("country"),
            card.TextList("aliases"), card.TextList("roles"),
            card.Maps("affiliations").Select(a => new ExpertAffiliation(Str(a, "id") ?? "", Str(a, "name") ?? Str(a, "id") ?? "", Str(a, "acronym"), Str(a, "role"))).ToList(),
            card.Maps("sessions").Select(x => new ExpertSession(Str(x, "id") ?? "", Str(x, "title"), Long(x, "number"), Str(x, "role") ?? "SPOKE_IN")).ToList());
    }

    /// <summary>One claim with its stances (cypher/queries/claim-detail.cypher); null when no claim has that id.</summary>
    public async Task<ClaimDetail?> ClaimDetailAsync(string claimId, CancellationToken ct = default)
    {
        if ((await RunAsync("claim-detail", new() { ["claimId"] = claimId }, ct)).Records is not [var row, ..]) return null;
        var detail = new ClaimDetail(claimId, row.OptionalText("text") ?? claimId, row.OptionalText("topic"),
            row.Maps("paradigms").Select(p => new ClaimParadigm(Str(p, "id") ?? "", Str(p, "name") ?? Str(p, "id") ?? "", Math.Sign(Long(p, "sign") ?? 1))).ToList(),
            row.Maps("relations").Select(r => new ClaimRelation(Str(r, "kind") ?? "", Str(r, "id") ?? "", Str(r, "text") ?? Str(r, "id") ?? "")).ToList(),
            row.Maps("stances").Select(x => new ClaimStance(Str(x, "expert") ?? "", Str(x, "name") ?? Str(x, "expert") ?? "", PolarityNames.Parse(Str(x, "stance") ?? ""),
                    Str(x, "quote"), Str(x, "section"), Long(x, "line"), x.GetValueOrDefault("confidence") switch { double d => d, long l => l, _ => 1.0 }, Str(x, "note"),
                    Str(x, "document") is { } document ? new DocumentRef(document, Str(x, "documentTitle"), Str(x, "documentDate")) : null))
                .OrderBy(x => x.Name, StringComparer.Ordinal).ThenBy(x => x.ExpertId, StringComparer.Ordinal).ToList());
        if (Window.IsAll) return detail;
        // Only the stances dated inside the window, by expert, polarity and document.
        var inWindow = (await RunAsync("stances-dated", Window.Parameters(), ct)).Records
            .Where(r => r.Text("claim") == claimId)
            .Select(r => (r.Text("expert"), PolarityNames.Parse(r.Text("stance")), r.OptionalText("source"))).ToHashSet();
        return detail with { Stances = detail.Stances.Where(x => inWindow.Contains((x.ExpertId, x.Polarity, x.Document?.Id))).ToList() };
    }

    /// <summary>Every claim with its number of endorsers and critics: contested ones first, then by volume, then id.</summary>
    public async Task<IReadOnlyList<ClaimSummary>> ClaimSummariesAsync(CancellationToken ct = default)
    {
        var snapshot = await LoadSnapshotAsync(ct);
        var counts = snapshot.Stances.GroupBy(s => s.ClaimId).ToDictionary(g => g.Key,
            g => (E: g.Count(s => s.Polarity == Polarity.Endorses), C: g.Count(s => s.Polarity == Polarity.Criticizes)));
        return snapshot.Claims.Values
            .Select(c => (Claim: c, Counts: counts.GetValueOrDefault(c.Id)))
            .Select(x => new ClaimSummary(x.Claim.Id, x.Claim.Text, x.Claim.Topic, x.Counts.E, x.Counts.C))
            .OrderByDescending(c => c.Contested).ThenByDescending(c => c.Endorsers + c.Critics).ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The source documents, e.g. "LC/L.3702 (ECLAC, 2013)" (cypher/queries/sources.cypher).</summary>
    public async Task<IReadOnlyList<SourceDocument>> SourcesAsync(CancellationToken ct = default) =>
        (await RunAsync("sources", null, ct)).Records
            .Select(r => new SourceDocument(r.Text("id"), r.OptionalText("symbol"), r.OptionalText("title"), r.OptionalText("date"), r.OptionalText("publisher"))).ToList();

    /// <summary>The texts of the given claims (cypher/queries/claim-texts.cypher); an unknown id maps to itself.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ClaimTextsAsync(IEnumerable<string> claimIds, CancellationToken ct = default)
    {
        var ids = claimIds.Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<string, string>();
        var texts = (await RunAsync("claim-texts", new() { ["ids"] = ids.Cast<object?>().ToList() }, ct)).Records
            .ToDictionary(r => r.Text("id"), r => r.Text("text"));
        return ids.ToDictionary(id => id, id => texts.GetValueOrDefault(id, id));
    }

    private static string? Str(IReadOnlyDictionary<string, object?> map, string key) =>
        map.GetValueOrDefault(key) switch { null => null, string s => s, var v => ValueFormatter.ToDisplayString(v) };

    private static long? Long(IReadOnlyDictionary<string, object?> map, string key) =>
        map.GetValueOrDefault(key) switch { long l => l, double d => (long)d, int i => i, _ => null };

    /// <summary>Claims with both endorsers and critics, most evenly split first (cypher/queries/contested-claims.cypher).</summary>
    public async Task<IReadOnlyList<ContestedClaim>> ContestedAsync(CancellationToken ct = default) =>
        !Window.IsAll ? ContestedClaims.From(await LoadSnapshotAsync(ct)) : ContestedClaims.Rank((await RunAsync("contested-claims", null, ct)).Records.Select(r => new ContestedClaim(
            r.Text("claim"), r.OptionalText("text") ?? r.Text("claim"), r.OptionalText("topic"),
            r.TextList("endorserIds").Order(StringComparer.Ordinal).ToList(), r.TextList("criticIds").Order(StringComparer.Ordinal).ToList())));

    public async Task<ExportNetwork> ExportAsync(NetworkKind kind, Normalization normalization, TwoModeNormalization twoMode, CancellationToken ct = default)
    {
        var snapshot = await LoadSnapshotAsync(ct);
        var network = kind == NetworkKind.TwoMode ? NetworkBuilder.TwoMode(snapshot, twoMode) : NetworkBuilder.OneMode(snapshot, kind, normalization);
        // A windowed file says so in its name (GraphML and GEXF carry it).
        return Window.IsAll ? network : network with { Name = $"{network.Name}, stances dated {Window}" };
    }

    private async Task<QueryResult> RunAsync(string name, Dictionary<string, object?>? parameters, CancellationToken ct)
    {
        await using var session = driver.AsyncSession(SessionConfig.Read);
        return await session.RunAsync(QueryCatalog.Get(name), parameters, ct);
    }
}
