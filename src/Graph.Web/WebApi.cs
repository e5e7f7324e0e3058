using Graph.Client;
using Graph.Queries;
using Graph.Queries.Algorithms;
using Graph.Queries.Analysis;
using Graph.Queries.Cypher;
using Graph.Queries.Lookup;
using Graph.Queries.Model;

namespace Graph.Web;

/// <summary>A request the view cannot answer as asked (unknown id, missing argument): becomes a 404/400 with the message.</summary>
public sealed class WebApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// The answers behind the web view's pages, as plain JSON-ready objects. Everything goes through the query library
/// (and so through the client contract): the view works the same on the embedded store and on Neo4j.
/// One instance serves one request (the library caches the discourse snapshot per instance).
/// </summary>
public sealed class WebApi(IDriver driver)
{
    /// <summary>Above this many drawn edges, keep each expert's strongest ties only, so a big map stays responsive.</summary>
    public const int EdgeBudget = 6000;
    public const int TiesPerExpertWhenSimplified = 4;

    private readonly DebateQueries _queries = new(driver);

    public async Task<MapView> MapAsync(int seed, CancellationToken ct)
    {
        var snapshot = await _queries.LoadSnapshotAsync(ct);
        var network = await _queries.NetworkAsync(ct);
        var clusters = snapshot.Ties.Count > 0 ? await _queries.ClustersAsync(seed, ct) : null;
        var sessions = (await RunAsync("sessions", null, ct)).Records;

        var paradigms = snapshot.Paradigms.Values.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var clusterOf = clusters?.Clusters.SelectMany(c => c.Members.Select(m => (m.ExpertId, c.Number)))
            .ToDictionary(x => x.ExpertId, x => x.Number) ?? [];
        var sessionsOf = sessions
            .SelectMany(r => r.TextList("experts").Select(e => (Expert: e, Session: r.Text("id"))))
            .GroupBy(x => x.Expert).ToDictionary(g => g.Key, g => g.Select(x => x.Session).ToList());

        var experts = snapshot.Experts.Values.OrderBy(e => e.Id, StringComparer.Ordinal).Select(e =>
        {
            var profile = ParadigmProfiles.ForExpert(snapshot, e.Id);
            return (Expert: e, Profile: profile, Cluster: clusterOf.GetValueOrDefault(e.Id));
        }).ToList();

        var (edges, simplified) = Simplify(network);
        var layout = MapLayout.Compute(paradigms.Count,
            experts.Select(x => new LayoutExpert(x.Expert.Id, paradigms.Select(p => x.Profile.Scores.First(s => s.ParadigmId == p.Id).Score).ToList(), x.Cluster)).ToList(),
            edges.Select(e => new LayoutEdge(e.Source, e.Target, e.Weight, e.Kind == "agree")).ToList(), seed);

        return new MapView(
            seed,
            paradigms.Select((p, i) => new MapParadigm(p.Id, p.Name, Rounded(layout.Anchors[i]))).ToList(),
            experts.Select(x => new MapExpert(
                x.Expert.Id,
                x.Expert.Name,
                x.Profile.Dominant,
                x.Cluster,
                snapshot.StancesOf(x.Expert.Id).Count,
                x.Expert.Institutions,
                sessionsOf.GetValueOrDefault(x.Expert.Id) ?? [],
                x.Profile.Scores.ToDictionary(s => s.ParadigmId, s => Math.Round(s.Score, 3)),
                Rounded(layout.Experts[x.Expert.Id]))).ToList(),
            edges,
            simplified,
            sessions.Select(r => new MapOption(r.Text("id"), $"{r.OptionalInteger("number")}. {r.OptionalText("title")}")).ToList(),
            snapshot.Institutions.Values
                .Where(i => snapshot.Experts.Values.Any(e => e.Institutions.Contains(i.Id)))
                .OrderBy(i => i.Name, StringComparer.Ordinal)
                .Select(i => new MapOption(i.Id, i.Acronym is { Length: > 0 } a ? $"{i.Name} ({a})" : i.Name)).ToList(),
            clusters is null ? null
                : $"{clusters.Clusters.Count} communities (signed Louvain, seed {seed}), modularity {clusters.Modularity:0.###}; " +
                  $"vs dominant paradigm: purity {clusters.ParadigmAgreement.Purity:0.###}, NMI {clusters.ParadigmAgreement.Nmi:0.###}; " +
                  $"balanced triangles {clusters.Balance.BalancedShare:P0}");
    }

    private static Point Rounded(Point p) => new(Math.Round(p.X, 1), Math.Round(p.Y, 1));

    /// <summary>All ties for small maps; for big ones each expert's strongest few per kind (the union), with a note saying so.</summary>
    private static (IReadOnlyList<MapEdge> Edges, string? Note) Simplify(SignedNetwork network)
    {
        var all = network.Pairs.SelectMany(p => new[]
            {
                p.Agreements > 0 ? new MapEdge(p.A, p.B, "agree", p.Agreements) : null,
                p.Disagreements > 0 ? new MapEdge(p.A, p.B, "disagree", p.Disagreements) : null,
            }).OfType<MapEdge>().ToList();
        if (all.Count <= EdgeBudget) return (all, null);

        var kept = all.SelectMany(e => new[] { (Expert: e.Source, Edge: e), (Expert: e.Target, Edge: e) })
            .GroupBy(x => (x.Expert, x.Edge.Kind))
            .SelectMany(g => g.Select(x => x.Edge).OrderByDescending(e => e.Weight).ThenBy(e => e.Source, StringComparer.Ordinal)
                .ThenBy(e => e.Target, StringComparer.Ordinal).Take(TiesPerExpertWhenSimplified))
            .Distinct()
            .ToList();
        return (kept, $"{kept.Count} of {all.Count} ties drawn: each expert's {TiesPerExpertWhenSimplified} strongest agreements and disagreements");
    }

    public async Task<object> ExpertsAsync(CancellationToken ct)
    {
        var snapshot = await _queries.LoadSnapshotAsync(ct);
        return snapshot.Experts.Values.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => new { id = e.Id, name = e.Name });
    }

    public async Task<object> ExpertAsync(string id, CancellationToken ct)
    {
        // Only this expert's neighbourhood is read (the whole snapshot only to explain an unknown id).
        var cards = (await RunAsync("expert-detail", new() { ["expertId"] = id }, ct)).Records;
        if (cards.Count == 0) throw NotFound("expert", id, await _queries.LoadSnapshotAsync(ct));
        var card = cards[0];
        var positions = await _queries.PositionsAsync(id, ct);
        var profile = await _queries.ProfileAsync(new LookupEntry(EntityKind.Expert, id, card.OptionalText("name") ?? id, []), ct);
        var allies = (await _queries.AlliesAsync(id, opponents: false, Normalization.Jaccard, limit: 10, ct)).Entries;
        var opponents = (await _queries.AlliesAsync(id, opponents: true, Normalization.Jaccard, limit: 10, ct)).Entries;

        object Person(AllyEntry a, Func<SharedClaim, bool> evidence) => new
        {
            expert = new { id = a.ExpertId, name = a.Name },
            score = a.Score,
            claims = a.Evidence.Shared.Where(evidence).Select(c => new { id = c.ClaimId, text = c.Text }),
        };

        return new
        {
            id,
            name = card.OptionalText("name") ?? id,
            bio = card.OptionalText("bio"),
            country = card.OptionalText("country"),
            aliases = card.TextList("aliases"),
            roles = card.TextList("roles"),
            affiliations = Maps(card["affiliations"]).Select(a => new
            {
                institution = new { id = a.GetValueOrDefault("id"), name = a.GetValueOrDefault("name"), acronym = a.GetValueOrDefault("acronym") },
                role = a.GetValueOrDefault("role"),
            }),
            sessions = Maps(card["sessions"]),
            profile = profile.Scores.Select(s => new { paradigm = s.ParadigmId, name = s.Name, score = s.Score, stances = s.Stances }),
            positions = positions.Groups.Select(g => new
            {
                paradigm = g.ParadigmId is null ? null : new { id = g.ParadigmId, name = g.Title },
                stances = g.Positions.Select(p => new
                {
                    claim = new { id = p.ClaimId, text = p.Text },
                    stance = p.Polarity.Verb(),
                    quote = p.Quote,
                    section = p.Section,
                    sign = p.AlignmentSign,
                    confidence = p.Confidence,
                }),
            }),
            allies = allies.Where(a => a.Score > 0).Take(10).Select(a => Person(a, c => c.Agree)),
            opponents = opponents.Where(a => a.Evidence.Shared.Any(c => !c.Agree)).Take(10).Select(a => Person(a, c => !c.Agree)),
        };
    }

    public async Task<object> ClaimsAsync(CancellationToken ct)
    {
        var snapshot = await _queries.LoadSnapshotAsync(ct);
        var counts = snapshot.Stances.GroupBy(s => s.ClaimId).ToDictionary(g => g.Key,
            g => (Endorsers: g.Count(s => s.Polarity == Polarity.Endorses), Critics: g.Count(s => s.Polarity == Polarity.Criticizes)));
        return snapshot.Claims.Values
            .Select(c => (Claim: c, Counts: counts.GetValueOrDefault(c.Id)))
            .OrderByDescending(x => x.Counts.Endorsers > 0 && x.Counts.Critics > 0)
            .ThenByDescending(x => x.Counts.Endorsers + x.Counts.Critics)
            .ThenBy(x => x.Claim.Id, StringComparer.Ordinal)
            .Select(x => new { id = x.Claim.Id, text = x.Claim.Text, topic = x.Claim.Topic, endorsers = x.Counts.Endorsers, critics = x.Counts.Critics });
    }

    public async Task<object> ClaimAsync(string id, CancellationToken ct)
    {
        var result = await RunAsync("claim-detail", new() { ["claimId"] = id }, ct);
        if (result.Records.Count == 0) throw NotFound("claim", id, await _queries.LoadSnapshotAsync(ct));
        var row = result.Records[0];
        var stances = Maps(row["stances"]).Select(s => new
        {
            kind = s.GetValueOrDefault("stance") as string,
            body = new
            {
                expert = new { id = s.GetValueOrDefault("expert"), name = s.GetValueOrDefault("name") },
                quote = s.GetValueOrDefault("quote"),
                section = s.GetValueOrDefault("section"),
                line = s.GetValueOrDefault("line"),
                confidence = s.GetValueOrDefault("confidence") is { } c ? Convert.ToDouble(c, System.Globalization.CultureInfo.InvariantCulture) : 1.0,
                note = s.GetValueOrDefault("note"),
            },
        }).OrderBy(s => (string?)s.body.expert.name, StringComparer.Ordinal).ToList();
        return new
        {
            id,
            text = row.OptionalText("text"),
            topic = row.OptionalText("topic"),
            paradigms = Maps(row["paradigms"]).Select(p => new { id = p.GetValueOrDefault("id"), name = p.GetValueOrDefault("name"), sign = p.GetValueOrDefault("sign") }),
            relations = Maps(row["relations"]).Select(r => new { kind = r.GetValueOrDefault("kind"), claim = new { id = r.GetValueOrDefault("id"), text = r.GetValueOrDefault("text") } }),
            endorsers = stances.Where(s => s.kind == "ENDORSES").Select(s => s.body),
            critics = stances.Where(s => s.kind == "CRITICIZES").Select(s => s.body),
        };
    }

    public async Task<object> PathAsync(string? from, string? to, string? kind, int k, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
            throw new WebApiException(400, "A path needs two experts: /api/path?from=<id or name>&to=<id or name>&kind=agreement|disagreement|signed.");
        var mode = (kind ?? "agreement").ToLowerInvariant() switch
        {
            "agreement" => NetworkMode.Agreement,
            "disagreement" => NetworkMode.Disagreement,
            "signed" => NetworkMode.Signed,
            _ => throw new WebApiException(400, $"Unknown path kind '{kind}': use agreement, disagreement or signed."),
        };
        // Ids resolve by index seeks and only the experts and claims on the paths are read, so a large graph answers quickly.
        async Task<string> Resolve(string name)
        {
            var hit = await _queries.ResolveAsync(name, [EntityKind.Expert], ct);
            return hit.Status == LookupStatus.Found ? hit.Single.Id : throw new WebApiException(404, hit.Explain());
        }
        var a = await Resolve(from);
        var b = await Resolve(to);
        if (a == b) throw new WebApiException(400, "Pick two different experts.");
        var paths = await _queries.PathsAsync(a, b, mode, Math.Clamp(k, 1, 10), ct);
        var names = await _queries.NamesAsync(paths.SelectMany(p => p.Experts).Append(a).Append(b), ct);
        var claimIds = paths.SelectMany(p => p.Hops).SelectMany(h => h.AgreeClaims.Concat(h.DisagreeClaims)).Distinct().ToList();
        var claimTexts = (await RunAsync("claim-texts", new() { ["ids"] = claimIds.Cast<object?>().ToList() }, ct)).Records
            .ToDictionary(r => r.Text("id"), r => r.Text("text"));
        object Ref(string id) => new { id, name = names.GetValueOrDefault(id, id) };
        return new
        {
            from = Ref(a),
            to = Ref(b),
            kind = mode.ToString().ToLowerInvariant(),
            message = paths.Count == 0
                ? $"No {mode.ToString().ToLowerInvariant()} chain connects {names[a]} and {names[b]}."
                : null,
            paths = paths.Select(p => new
            {
                sign = p.Sign,
                hops = p.Hops.Select(h => new
                {
                    from = Ref(h.From),
                    to = Ref(h.To),
                    sign = h.Sign,
                    claims = (h.Sign >= 0 ? h.AgreeClaims : h.DisagreeClaims)
                        .Select(c => new { id = c, text = claimTexts.GetValueOrDefault(c, c) }),
                }),
            }),
        };
    }

    public async Task<object> SearchAsync(string? q, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q)) return Array.Empty<object>();
        var index = await _queries.LoadIndexAsync(ct);
        var result = index.Resolve(q);
        var entries = result.Status == LookupStatus.NotFound ? result.Suggestions : result.Matches;
        return entries.Take(20).Select(e => new { kind = e.Kind.ToString().ToLowerInvariant(), id = e.Id, name = e.Name, exact = result.Status != LookupStatus.NotFound });
    }

    private static WebApiException NotFound(string kind, string id, DiscourseSnapshot snapshot)
    {
        var kinds = kind == "expert" ? EntityKind.Expert : EntityKind.Claim;
        var hint = EntityIndex.From(snapshot).Resolve(id, kinds);
        return new WebApiException(404, snapshot.IsEmpty
            ? "The store is empty: run graph ingest first."
            : $"No {kind} has the id '{id}'. {hint.Explain()}");
    }

    private static IEnumerable<IReadOnlyDictionary<string, object?>> Maps(object? value) =>
        value is IReadOnlyList<object?> list ? list.OfType<IReadOnlyDictionary<string, object?>>() : [];

    private async Task<QueryResult> RunAsync(string name, Dictionary<string, object?>? parameters, CancellationToken ct)
    {
        await using var session = driver.AsyncSession(SessionConfig.Read);
        return await session.RunAsync(QueryCatalog.Get(name), parameters, ct);
    }
}
