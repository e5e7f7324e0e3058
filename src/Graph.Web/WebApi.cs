using Graph.Client;
using Graph.Queries;
using Graph.Queries.Algorithms;
using Graph.Queries.Analysis;
using Graph.Queries.Lookup;
using Graph.Queries.Model;
using Graph.Queries.Settings;
using Graph.Web.Views;

namespace Graph.Web;

/// <summary>
/// The answers behind the web view's pages, as plain JSON-ready objects. Every number comes from the query library
/// (<see cref="DebateQueries"/>, and so through the client contract) with the one set of analysis settings the
/// server was started with: the same numbers `graph allies`, `graph clusters` and `graph profile` print.
/// One instance serves one request (the library caches the discourse snapshot per instance).
/// </summary>
public sealed class WebApi(IDriver driver, AnalysisSettings settings, TimeWindow? window = null)
{
    private DebateQueries? _warm;

    public AnalysisSettings Settings => settings;

    /// <summary>The dates every answer but the search and the claim's evidence list covers: the page's range control, ?from=&amp;to=.</summary>
    public TimeWindow Window { get; } = window ?? TimeWindow.All;

    /// <summary>The query library, warm from earlier requests while the store is unchanged (<see cref="ViewCache"/>).</summary>
    private async Task<DebateQueries> QueriesAsync(CancellationToken ct) => _warm ??= await ViewCache.For(driver).QueriesAsync(ct);

    private DebateQueries? _windowed;

    /// <summary>The query library restricted to <see cref="Window"/> (the warm one for all dates).</summary>
    private async Task<DebateQueries> WindowedAsync(CancellationToken ct) =>
        _windowed ??= Window.IsAll ? await QueriesAsync(ct) : (await QueriesAsync(ct)).Within(Window);

    private Task<T> ViewAsync<T>(string name, Func<DebateViews, Task<T>> build, CancellationToken ct) where T : class =>
        ViewCache.For(driver).GetAsync($"{name}|{settings}|{Window}", queries => build(new DebateViews(Window.IsAll ? queries : queries.Within(Window), settings)), ct);

    public object SettingsAnswer() => new
    {
        seed = settings.Seed,
        resolution = settings.Resolution,
        normalization = settings.ScoreName,
        clustering = settings.ClusteringMethod,
        normalizationExplained = NormalizationNames.Explain(settings.Normalization),
        description = settings.Describe(),
    };

    private async Task EnsureLoadedAsync(CancellationToken ct)
    {
        if (await (await QueriesAsync(ct)).IsEmptyAsync(ct)) throw new WebApiException(404, "The store is empty: run graph ingest first.");
    }

    /// <summary>A view as JSON, serialized once per cached view (a 5,000-expert matrix is megabytes).</summary>
    public async Task<byte[]> ViewJsonAsync(string name, CancellationToken ct)
    {
        object view = name switch
        {
            "alignment" => await AlignmentAsync(ct),
            "communities" => await CommunitiesAsync(ct),
            _ => await MatrixAsync(ct),
        };
        return await ViewCache.For(driver).GetAsync($"{name}.json|{settings}|{Window}",
            _ => Task.FromResult(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(view, view.GetType(), WebEndpoints.Json)), ct);
    }

    public async Task<AlignmentView> AlignmentAsync(CancellationToken ct)
    {
        await EnsureLoadedAsync(ct);
        return await ViewAsync("alignment", v => v.AlignmentAsync(CancellationToken.None), ct);
    }

    public async Task<CommunityView> CommunitiesAsync(CancellationToken ct)
    {
        await EnsureLoadedAsync(ct);
        return await ViewAsync("communities", v => v.CommunitiesAsync(CancellationToken.None), ct);
    }

    public async Task<MatrixView> MatrixAsync(CancellationToken ct)
    {
        await EnsureLoadedAsync(ct);
        return await ViewAsync("matrix", v => v.MatrixAsync(CancellationToken.None), ct);
    }

    public async Task<object> ExpertsAsync(CancellationToken ct)
    {
        var snapshot = await (await WindowedAsync(ct)).LoadSnapshotAsync(ct);
        return snapshot.Experts.Values.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => new { id = e.Id, name = e.Name });
    }

    public async Task<object> ExpertAsync(string id, CancellationToken ct)
    {
        // Only this expert's neighbourhood is read, except for its group (the communities need the whole network).
        var card = await (await QueriesAsync(ct)).ExpertCardAsync(id, ct) ?? throw await NotFoundAsync(EntityKind.Expert, id, ct);
        var positions = await (await WindowedAsync(ct)).PositionsAsync(id, ct);
        var profile = await (await WindowedAsync(ct)).ProfileAsync(new LookupEntry(EntityKind.Expert, id, card.Name, []), ct);
        var allies = await (await WindowedAsync(ct)).AlliesAsync(id, opponents: false, settings.Normalization, limit: 10, ct);
        var opponents = await (await WindowedAsync(ct)).AlliesAsync(id, opponents: true, settings.Normalization, limit: 10, ct);
        var clusters = await (await WindowedAsync(ct)).ClustersAsync(settings, ct);
        var group = clusters.CommunityOf().GetValueOrDefault(id);

        object Person(AllyEntry a, bool agreeing) => new
        {
            expert = new { id = a.ExpertId, name = a.Name },
            score = a.Score,
            signedScore = a.Evidence.SignedScore,
            agreements = a.Evidence.Agreements,
            disagreements = a.Evidence.Disagreements,
            claims = a.Evidence.Shared.Where(c => c.Agree == agreeing).Select(c => new
            {
                id = c.ClaimId,
                text = c.Text,
                // Keep the polarity: "both criticize" is not "both endorse".
                relation = c.Agree ? (c.StanceA == Polarity.Endorses ? "both endorse" : "both criticize") : $"{c.StanceA.Verb()} / {c.StanceB.Verb()}",
            }),
        };

        return new
        {
            id,
            name = card.Name,
            bio = card.Bio,
            country = card.Country,
            aliases = card.Aliases,
            roles = card.Roles,
            affiliations = card.Affiliations.Select(a => new { institution = new { id = a.InstitutionId, name = a.Name, acronym = a.Acronym }, role = a.Role }),
            sessions = card.Sessions.Select(s => new { id = s.Id, title = s.Title, number = s.Number, role = s.Role }),
            community = group == 0 ? null : (int?)group,
            communityColor = ViewPalette.Community(group),
            settings = SettingsAnswer(),
            profile = profile.Scores.Select(s => new { paradigm = s.ParadigmId, name = s.Name, score = s.Score, stances = s.Stances, sum = s.Sum }),
            dominant = profile.Dominant,
            positions = positions.Groups.Select(g => new
            {
                paradigm = g.ParadigmId is null ? null : new { id = g.ParadigmId, name = g.Title },
                stances = g.Positions.Select(p => new
                {
                    claim = new { id = p.ClaimId, text = p.Text },
                    stance = p.Polarity.Verb(),
                    quote = p.Quote,
                    section = p.Section,
                    // +1: the claim supports this paradigm, -1: it opposes it (and is labelled so), 0: unaligned.
                    sign = p.AlignmentSign,
                    counts = p.AlignmentSign == 0 ? null : (int)p.Polarity * p.AlignmentSign > 0 ? "for" : "against",
                    confidence = p.Confidence,
                    document = p.Document is { } d ? new { id = d.Id, title = d.Title ?? d.Id, date = d.Date } : null,
                }),
            }),
            scoreName = $"score ({settings.ScoreName})",
            allies = allies.Entries.Select(a => Person(a, agreeing: true)),
            alliesTotal = allies.Total,
            opponents = opponents.Entries.Select(a => Person(a, agreeing: false)),
            opponentsTotal = opponents.Total,
        };
    }

    /// <summary>The debate per time window (`graph evolution`), for the web's chart.</summary>
    public async Task<object> EvolutionAsync(string? length, string? step, CancellationToken ct)
    {
        await EnsureLoadedAsync(ct);
        EvolutionReport report;
        try
        {
            var windowLength = CalendarPeriod.Parse(length ?? "1y", "window");
            var every = CalendarPeriod.Parse(step ?? "6m", "step");
            report = await ViewCache.For(driver).GetAsync($"evolution|{windowLength}|{every}|{settings}|{Window}",
                queries => queries.EvolutionAsync(windowLength, every, settings, Window, 3, CancellationToken.None), ct);
        }
        catch (TimeWindowException e)
        {
            throw new WebApiException(400, e.Message);
        }
        return new
        {
            window = report.Length.ToString(),
            step = report.Step.ToString(),
            method = settings.ClusteringMethod,
            windows = report.Windows.Select(w => new
            {
                from = w.Window.From is { } f ? TimeWindow.Text(f) : null,
                to = w.Window.To is { } t ? TimeWindow.Text(t) : null,
                experts = w.Experts, stances = w.Stances, pairs = w.Pairs, density = w.Density, polarization = w.Polarization,
                modularity = w.Modularity, communities = w.Communities,
                contested = w.Contested.Select(c => new { id = c.ClaimId, text = c.Text, endorsers = c.Endorsers.Count, critics = c.Critics.Count }),
                boundNote = w.Bound?.Note(),
            }),
        };
    }

    public async Task<object> ClaimsAsync(CancellationToken ct) =>
        (await (await WindowedAsync(ct)).ClaimSummariesAsync(ct)).Select(c => new { id = c.Id, text = c.Text, topic = c.Topic, endorsers = c.Endorsers, critics = c.Critics });

    public async Task<object> ClaimAsync(string id, CancellationToken ct)
    {
        var claim = await (await WindowedAsync(ct)).ClaimDetailAsync(id, ct) ?? throw await NotFoundAsync(EntityKind.Claim, id, ct);
        object Body(ClaimStance s) => new
        {
            expert = new { id = s.ExpertId, name = s.Name },
            quote = s.Quote,
            section = s.Section,
            line = s.Line,
            confidence = s.Confidence,
            note = s.Note,
            document = s.Document is { } d ? new { id = d.Id, title = d.Title ?? d.Id, date = d.Date } : null,
        };
        return new
        {
            id = claim.Id,
            text = claim.Text,
            topic = claim.Topic,
            paradigms = claim.Paradigms.Select(p => new { id = p.Id, name = p.Name, sign = p.Sign }),
            relations = claim.Relations.Select(r => new { kind = r.Kind, claim = new { id = r.ClaimId, text = r.Text } }),
            endorsers = claim.Stances.Where(s => s.Polarity == Polarity.Endorses).Select(Body),
            critics = claim.Stances.Where(s => s.Polarity == Polarity.Criticizes).Select(Body),
        };
    }

    /// <summary>What two experts share, for the matrix's hover on debates too large to ship every cell's claims.</summary>
    /// <summary>
    /// The participant bound of the network the window's analyses use (the stored network's, from its manifest; a
    /// window's network is derived with the same bound) and the claims it leaves out, with the sentence the CLI prints.
    /// </summary>
    public async Task<object> NetworkBoundAsync(CancellationToken ct)
    {
        await EnsureLoadedAsync(ct);
        var queries = await WindowedAsync(ct);
        var snapshot = await queries.LoadSnapshotAsync(ct);
        var bound = await queries.NetworkBoundAsync(ct);
        return new
        {
            maxParticipants = bound.MaxParticipants,
            leftOutCount = bound.LeftOutCount,
            leftOut = bound.LeftOut.Select(c => new { claim = c.Claim, text = snapshot.Claims.TryGetValue(c.Claim, out var claim) ? claim.Text : c.Claim, participants = c.Participants }),
            note = bound.Note(id => snapshot.Claims.TryGetValue(id, out var claim) ? $"\u201c{claim.Text}\u201d" : id),
        };
    }

    /// <summary>The expert–claim network of the window, as `graph export --network two-mode` builds it.</summary>
    public async Task<Graph.Queries.Export.ExportNetwork> TwoModeAsync(CancellationToken ct)
    {
        await EnsureLoadedAsync(ct);
        return await (await WindowedAsync(ct)).ExportAsync(Graph.Queries.Export.NetworkKind.TwoMode, Graph.Queries.Analysis.Normalization.None,
            Graph.Queries.Export.TwoModeNormalization.None, ct);
    }

    public async Task<object> PairAsync(string? a, string? b, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b))
            throw new WebApiException(400, "A pair needs two experts: /api/pair?a=<id>&b=<id>.");
        var pair = await (await WindowedAsync(ct)).SharedAsync(a, b, ct);
        return new
        {
            a, b,
            score = pair.Subtract(settings.Normalization),
            scoreName = $"score ({settings.ScoreName})",
            agreements = pair.Agreements,
            disagreements = pair.Disagreements,
            agree = pair.Shared.Where(c => c.Agree).Select(c => new { id = c.ClaimId, text = c.Text, relation = c.StanceA == Polarity.Endorses ? "both endorse" : "both criticize" }),
            disagree = pair.Disagree.Select(c => new { id = c.ClaimId, text = c.Text }),
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
            var hit = await (await QueriesAsync(ct)).ResolveAsync(name, [EntityKind.Expert], ct);
            return hit.Status == LookupStatus.Found ? hit.Single.Id : throw new WebApiException(404, hit.Explain());
        }
        var a = await Resolve(from);
        var b = await Resolve(to);
        if (a == b) throw new WebApiException(400, "Pick two different experts.");
        var paths = await (await WindowedAsync(ct)).PathsAsync(a, b, mode, Math.Clamp(k, 1, 10), ct);
        var names = await (await QueriesAsync(ct)).NamesAsync(paths.SelectMany(p => p.Experts).Append(a).Append(b), ct);
        var texts = await (await QueriesAsync(ct)).ClaimTextsAsync(paths.SelectMany(p => p.Hops).SelectMany(h => h.AgreeClaims.Concat(h.DisagreeClaims)), ct);
        // How each hop's pair stands on each claim, so the page can say "both criticize" rather than "agree on".
        var relations = new Dictionary<(string, string, string), string>();
        foreach (var (a1, b1) in paths.SelectMany(p => p.Hops).Select(h => (h.From, h.To)).Distinct())
            foreach (var c in (await (await WindowedAsync(ct)).SharedAsync(a1, b1, ct)).Shared)
                relations[(a1, b1, c.ClaimId)] = c.Agree
                    ? (c.StanceA == Polarity.Endorses ? "both endorse" : "both criticize")
                    : $"{names.GetValueOrDefault(a1, a1)} {c.StanceA.Verb()}, {names.GetValueOrDefault(b1, b1)} {c.StanceB.Verb()}";
        var shortest = paths.Count == 0 ? 0 : paths[0].Length;
        object Ref(string id) => new { id, name = names.GetValueOrDefault(id, id) };
        return new
        {
            from = Ref(a),
            to = Ref(b),
            kind = mode.ToString().ToLowerInvariant(),
            message = paths.Count == 0 ? $"No {mode.ToString().ToLowerInvariant()} chain connects {names[a]} and {names[b]}." : null,
            tied = paths.Count(p => p.Length == shortest),
            paths = paths.Select(p => new
            {
                sign = p.Sign,
                length = p.Length,
                tied = p.Length == shortest,
                verdict = mode == NetworkMode.Signed ? p.Verdict : null,
                hops = p.Hops.Select(h => new
                {
                    from = Ref(h.From),
                    to = Ref(h.To),
                    sign = h.Sign,
                    claims = (h.Sign >= 0 ? h.AgreeClaims : h.DisagreeClaims).Select(c => new { id = c, text = texts.GetValueOrDefault(c, c), relation = relations.GetValueOrDefault((h.From, h.To, c)) }),
                }),
            }),
        };
    }

    public async Task<object> SearchAsync(string? q, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q)) return Array.Empty<object>();
        var index = await (await QueriesAsync(ct)).LoadIndexAsync(ct);
        var result = index.Resolve(q);
        var entries = result.Status == LookupStatus.NotFound ? result.Suggestions : result.Matches;
        return entries.Take(20).Select(e => new { kind = e.Kind.ToString().ToLowerInvariant(), id = e.Id, name = e.Name, exact = result.Status != LookupStatus.NotFound });
    }

    private async Task<WebApiException> NotFoundAsync(EntityKind kind, string id, CancellationToken ct)
    {
        if (await (await QueriesAsync(ct)).IsEmptyAsync(ct)) return new WebApiException(404, "The store is empty: run graph ingest first.");
        var hint = (await (await QueriesAsync(ct)).LoadIndexAsync(ct)).Resolve(id, kind);
        return new WebApiException(404, $"No {kind.ToString().ToLowerInvariant()} has the id '{id}'. {hint.Explain()}");
    }
}
