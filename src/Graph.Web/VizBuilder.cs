using Graph.Client;
using Graph.Queries;
using Graph.Queries.Lookup;
using Graph.Queries.Model;
using Graph.Queries.Settings;

namespace Graph.Web;

/// <summary>
/// Collects the answers one shared picture needs and renders the self-contained HTML (graph viz). Keys are the exact
/// API paths app.js requests, so the page runs unchanged from the snapshot; the page hides every tab whose answers
/// the snapshot does not carry (a clusters snapshot has no paths: it would need one answer per pair of experts).
/// With a time window every answer is the windowed one (the views' captions name it), and the snapshot carries the
/// window's network bound so every page says which claims the window's network left out, as graph serve does.
/// </summary>
public sealed class VizBuilder(IDriver driver, AnalysisSettings settings, TimeWindow? window = null)
{
    /// <summary>Up to this many experts a snapshot of a view also carries every expert and claim page.</summary>
    public const int DetailPagesLimit = 300;

    private readonly WebApi _api = new(driver, settings, window);
    private readonly Dictionary<string, object> _responses = new(StringComparer.Ordinal);

    public async Task<string> BuildAsync(VizView view, IReadOnlyList<string> names, CancellationToken ct)
    {
        var queries = new DebateQueries(driver);
        if (await queries.IsEmptyAsync(ct)) throw new WebApiException(404, "The store is empty: run graph ingest first.");
        var index = await queries.LoadIndexAsync(ct);
        string Resolve(string name)
        {
            var hit = index.Resolve(name, EntityKind.Expert);
            return hit.Status == LookupStatus.Found ? hit.Single.Id : throw new WebApiException(404, hit.Explain());
        }

        _responses["/api/settings"] = _api.SettingsAnswer();
        var alignment = await _api.AlignmentAsync(ct);
        _responses["/api/alignment"] = alignment;
        _responses["/api/communities"] = await _api.CommunitiesAsync(ct);
        _responses["/api/matrix"] = await _api.MatrixAsync(ct);
        _responses["/api/experts"] = await _api.ExpertsAsync(ct);
        _responses["/api/claims"] = await _api.ClaimsAsync(ct);
        if (window is { IsAll: false }) _responses["/api/network-bound"] = await _api.NetworkBoundAsync(ct);
        var everyone = alignment.Experts.Select(e => e.Id).Concat(alignment.Unplaced.Select(u => u.Id)).ToList();

        switch (view)
        {
            case VizView.Expert:
            {
                if (names.Count != 1) throw new WebApiException(400, "--view expert needs one expert name, e.g. --view expert \"Raúl Delgado\".");
                var id = Resolve(names[0]);
                await AddExpertAsync(id, withClaims: true, ct);
                return Render($"#/expert/{Uri.EscapeDataString(id)}", $"Graph: {index.Resolve(id, EntityKind.Expert).Single.Name}");
            }
            case VizView.Path:
            {
                if (names.Count != 2) throw new WebApiException(400, "--view path needs two expert names, e.g. --view path \"Raúl Delgado\" \"Lelio Mármora\".");
                var (from, to) = (Resolve(names[0]), Resolve(names[1]));
                foreach (var kind in new[] { "agreement", "disagreement", "signed" })
                    _responses[$"/api/path?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}&kind={kind}&k=3"] = await _api.PathAsync(from, to, kind, 3, ct);
                foreach (var id in new[] { from, to }) await AddExpertAsync(id, withClaims: false, ct);
                return Render($"#/path?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}&kind=agreement", "Graph: paths between experts");
            }
            default:
                if (everyone.Count <= DetailPagesLimit)
                    foreach (var id in everyone) await AddExpertAsync(id, withClaims: true, ct);
                var (route, title) = view switch
                {
                    VizView.Communities => ("#/communities", "Graph: which groups form"),
                    VizView.Matrix => ("#/matrix", "Graph: who agrees with whom"),
                    _ => ("#/alignment", "Graph: where the experts stand"),
                };
                return Render(route, title);
        }
    }

    private async Task AddExpertAsync(string id, bool withClaims, CancellationToken ct)
    {
        var key = "/api/experts/" + Uri.EscapeDataString(id);
        if (_responses.ContainsKey(key)) return;
        _responses[key] = await _api.ExpertAsync(id, ct);
        if (!withClaims) return;
        var positions = await new DebateQueries(driver).PositionsAsync(id, ct);
        foreach (var claim in positions.Groups.SelectMany(g => g.Positions).Select(p => p.ClaimId).Distinct())
        {
            var claimKey = "/api/claims/" + Uri.EscapeDataString(claim);
            if (!_responses.ContainsKey(claimKey)) _responses[claimKey] = await _api.ClaimAsync(claim, ct);
        }
    }

    private string Render(string start, string title) => SelfContainedHtml.Build(_responses, start, title);
}
