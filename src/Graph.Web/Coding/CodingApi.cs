using System.Diagnostics;
using Graph.Client;
using Graph.Core;
using Graph.Core.Agreement;
using Graph.Core.Model;
using Graph.Core.Reading;
using Graph.Core.Validation;
using Graph.Ingestion;
using Graph.Ingestion.Coding;
using Graph.Queries.Lookup;
using Path = System.IO.Path;

namespace Graph.Web.Coding;

/// <summary>
/// The answers behind the Code page: a document's text with its standing coding (read from graph-data, the source of
/// truth, with each stance's version for conditional writes), the registry to choose experts and claims from, and
/// saves through <see cref="CodingWorkspace"/> (YAML first, then the store at once). After a save the views' cache is
/// dropped, so every view shows the edit on the next request.
/// </summary>
public sealed class CodingApi(IDriver driver, string dataDirectory, CodingWorkspace workspace)
{
    public string DataDirectory { get; } = Path.GetFullPath(dataDirectory);

    /// <summary>
    /// The documents to choose from: only each document's document.yaml is read (a corpus of many documents lists
    /// fast); <c>read</c> says how many files that took.
    /// </summary>
    public object Documents()
    {
        var clock = Stopwatch.StartNew();
        var sources = new GraphDataReader(new Core.Diagnostics.DiagnosticBag()).ReadSources(DataDirectory);
        return new
        {
            documents = sources.Select(d => new { id = d.Id, title = d.Source?.Title ?? d.Id, date = d.Source?.Date }),
            read = new { files = sources.Count, milliseconds = clock.ElapsedMilliseconds },
        };
    }

    /// <summary>
    /// The document's text, its standing stances with where each quote sits, and the registry's lists; only the
    /// registry and this document are read (<c>read</c>: how many files, in how long).
    /// </summary>
    public object Document(string id)
    {
        var clock = Stopwatch.StartNew();
        var data = Read(id);
        var document = data.Documents.Single();
        var source = document.Source ?? throw new WebApiException(400, $"documents/{id}/document.yaml could not be read: run graph validate");
        var text = source.TextPath is { } path && File.Exists(path) ? File.ReadAllText(path) : throw new WebApiException(400, $"documents/{id} has no readable text ({source.TextField}): run graph validate");
        var locator = new QuoteLocator(text);
        var experts = data.Experts.ToDictionary(e => e.Id);
        var claims = data.Claims.ToDictionary(c => c.Id);
        var paradigms = data.Paradigms.ToDictionary(p => p.Id);
        return new
        {
            id = document.Id,
            title = source.Title,
            date = source.Date,
            text,
            sections = document.Sessions.Select(s => s.Section).OfType<string>().Distinct().ToList(),
            stances = document.Stances.Select(s =>
            {
                var span = s.Span ?? locator.Locate(s.Quote);
                var range = span is { } found ? locator.OriginalRange(found) : ((int Start, int End)?)null;
                return new
                {
                    expert = new { id = s.Expert.Id, name = experts.GetValueOrDefault(s.Expert.Id)?.Name ?? s.Expert.Id },
                    claim = new { id = s.Claim.Id, text = claims.GetValueOrDefault(s.Claim.Id)?.Text ?? s.Claim.Id },
                    stance = s.Kind == StanceKind.Endorses ? "endorses" : "criticizes",
                    quote = s.Quote,
                    section = s.Section,
                    confidence = s.ConfidenceGiven ? s.Confidence : (double?)null,
                    note = s.Note,
                    coder = s.Coder,
                    rejected = document.Rejected.Contains(s),
                    version = CodingWorkspace.VersionOf(s),
                    start = range?.Start,
                    end = range?.End,
                };
            }),
            institutions = data.Institutions.OrderBy(i => i.Name, StringComparer.Ordinal).Select(i => new { id = i.Id, name = i.Name, acronym = i.Acronym }),
            paradigmList = data.Paradigms.Select(p => new { id = p.Id, name = p.Name }),
            topics = data.Claims.Select(c => c.Topic).Distinct().Order(StringComparer.Ordinal),
            experts = data.Experts.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => new { id = e.Id, name = e.Name, aliases = e.Aliases }),
            claims = data.Claims.OrderBy(c => c.Text, StringComparer.Ordinal).Select(c => new
            {
                id = c.Id,
                text = c.Text,
                topic = c.Topic,
                paradigms = c.Paradigms.Select(p => new
                {
                    id = p.Paradigm.Id,
                    name = paradigms.GetValueOrDefault(p.Paradigm.Id)?.Name ?? p.Paradigm.Id,
                    sign = p.Sign == ParadigmSign.Supports ? "supports" : "opposes",
                }),
            }),
            read = new { files = data.FilesRead, milliseconds = clock.ElapsedMilliseconds },
        };
    }

    /// <summary>Experts of the registry matching a name or one of its variants ("Tomas Ferreira" → Tomás Ferreyra), else the nearest names.</summary>
    public object Experts(string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) throw new WebApiException(400, "'q': missing; /api/coding/experts?q=<name>");
        var data = GraphData.Load(DataDirectory, new GraphDataSelection(true, new HashSet<string>()), null).Data;
        var index = new EntityIndex(data.Experts.Select(e => new LookupEntry(EntityKind.Expert, e.Id, e.Name, e.Aliases)));
        var result = index.Resolve(q, EntityKind.Expert);
        return new
        {
            query = q,
            exact = result.Status != LookupStatus.NotFound,
            experts = (result.Status == LookupStatus.NotFound ? result.Suggestions : result.Matches).Select(e => new { id = e.Id, name = e.Name }),
        };
    }

    public Task<object> AddAsync(string document, StanceInput input, WebUser user, CancellationToken ct) =>
        SaveAsync(document, user, coder => workspace.AddAsync(document, input.ToDraft(coder), null, ct));

    public Task<object> UpdateAsync(string document, string expert, string claim, StanceInput input, WebUser user, CancellationToken ct)
    {
        var version = input.Version is { Length: > 0 and <= 200 } v ? v : throw new WebApiException(400, "'version': missing; send the version the stance was read at");
        return SaveAsync(document, user, coder => workspace.UpdateAsync(document, expert, claim, version, input.ToDraft(coder), null, ct));
    }

    public Task<object> DeleteAsync(string document, string expert, string claim, string? version, WebUser user, CancellationToken ct)
    {
        if (version is not { Length: > 0 and <= 200 }) throw new WebApiException(400, "'version': missing; DELETE ...?version=<the version the stance was read at>");
        return SaveAsync(document, user, _ => workspace.DeleteAsync(document, expert, claim, version, null, ct));
    }

    private async Task<object> SaveAsync(string document, WebUser user, Func<string, Task<SavedStance>> save)
    {
        if (!user.CanWrite)
            throw new WebApiException(403, $"'{user.Name}' is a reader: readers may look at codings but not change them. Sign in as an editor to code.");
        var coder = user.Coder ?? throw new WebApiException(403, $"The user name '{user.Name}' gives no coder id (letters or digits); use another account to code.");
        if (!GraphDataReader.DocumentIds(DataDirectory).Contains(document))
            throw new WebApiException(404, $"There is no document '{document}' in {DataDirectory}/documents.");
        var clock = Stopwatch.StartNew();
        var saved = await WriteAsync(() => save(coder), "Reload the document to see the current coding, then redo your change.");
        return new { document = saved.Document, expert = saved.Expert, claim = saved.Claim, version = saved.Version, coder, milliseconds = clock.ElapsedMilliseconds };
    }

    /// <summary>Runs a write of the workspace: drops the views' cache after it, and turns its refusals into HTTP answers.</summary>
    private async Task<T> WriteAsync<T>(Func<Task<T>> write, string onConflict)
    {
        try
        {
            var saved = await write();
            ViewCache.For(driver).Invalidate();
            return saved;
        }
        catch (StanceConflictException e)
        {
            throw new WebApiException(409, $"Not saved: {e.Message}. {onConflict}");
        }
        catch (StanceRejectedException e)
        {
            throw new WebApiException(400, "Not saved: " + string.Join("; ", e.Errors.Select(d => d.Message)));
        }
        catch (IngestionException e) when (e.InnerException is null)
        {
            throw new WebApiException(400, $"Not saved: {e.Message}");
        }
        catch (IngestionException e)
        {
            ViewCache.For(driver).Invalidate();
            throw new WebApiException(500, e.Message);
        }
    }

    /// <summary>
    /// Every coder pair's agreement on a document, as `graph agreement` computes it (same code), with each disagreement's
    /// two codings, where their quotes sit in the text, and the review that decided it (with its version).
    /// </summary>
    public object Agreement(string id)
    {
        var data = Read(id);
        var document = data.Documents.Single();
        var text = document.Source?.TextPath is { } path && File.Exists(path) ? File.ReadAllText(path) : "";
        var locator = new QuoteLocator(text);
        var experts = data.Experts.ToDictionary(e => e.Id);
        var claims = data.Claims.ToDictionary(c => c.Id);
        var codings = CodingAgreement.CodingsOf(document);
        var coders = codings.Keys.ToList();
        var pairs = new List<object>();
        for (var i = 0; i < coders.Count; i++)
        for (var j = i + 1; j < coders.Count; j++)
        {
            var r = CodingAgreement.Compare(id, coders[i], codings[coders[i]], coders[j], codings[coders[j]], document.Reviews);
            object? Unit(CodedUnit? u)
            {
                if (u is null) return null;
                var range = locator.OriginalRange(u.Stance.Span!.Value);
                return new
                {
                    coder = u.Coder,
                    expert = new { id = u.Expert, name = experts.GetValueOrDefault(u.Expert)?.Name ?? u.Expert },
                    claim = new { id = u.Claim, text = claims.GetValueOrDefault(u.Claim)?.Text ?? u.Claim },
                    stance = u.Polarity == StanceKind.Endorses ? "endorses" : "criticizes",
                    quote = u.Stance.Quote,
                    seen = StanceFingerprint.Of(u.Stance),
                    location = u.Stance.Location.ToString(),
                    context = Context(text, range.Start, range.End),
                };
            }
            pairs.Add(new
            {
                a = r.CoderA, b = r.CoderB, unitsA = r.UnitsA, unitsB = r.UnitsB, matched = r.Matched,
                textOverlap = r.TextOverlap, codedBoth = r.CodedCharactersBoth, codedEither = r.CodedCharactersEither,
                variables = r.Variables.Select(v => new { variable = v.Variable, units = v.Units, observed = double.IsNaN(v.Observed) ? (double?)null : v.Observed, kappa = v.Kappa, alpha = v.Alpha }),
                resolved = r.Resolved,
                disagreements = r.Disagreements.Select(d => new
                {
                    kind = d.Kind, variables = d.Variables, a = Unit(d.A), b = Unit(d.B),
                    review = d.Review is { } review ? new { stands = review.Stands, reviewer = review.Reviewer, version = CodingWorkspace.VersionOf(review), location = review.Location.ToString() } : null,
                    decidedElsewhere = d.DecidedElsewhere.Select(e => new { stands = e.Stands, reviewer = e.Reviewer, location = e.Location.ToString() }),
                    fates = new { a = Fate(d, d.A), b = Fate(d, d.B) },
                    changed = d.Changed,
                    resolved = d.Resolved,
                }),
            });
        }
        return new { id, title = document.Source?.Title ?? id, coders, method = AgreementMethod, pairs };
    }

    /// <summary>What the reviews deciding the unit say of one of its codings: "stands", "rejected", or null (undecided).</summary>
    private static string? Fate(Disagreement d, CodedUnit? unit)
    {
        if (unit is null) return null;
        var review = new[] { d.Review }.OfType<ReviewEntry>().Concat(d.DecidedElsewhere)
            .FirstOrDefault(r => r.Named.Any(n => n.Coder == unit.Coder && n.Expert == unit.Expert && n.Claim == unit.Claim));
        return review is null ? null : review.Stands == unit.Coder ? "stands" : "rejected";
    }

    /// <summary>How the numbers are computed, named on the page as in `graph agreement`.</summary>
    public const string AgreementMethod =
        "Units: coded passages, matched one to one where they overlap (largest overlap first). Unitizing: characters both coders coded / characters either coded. " +
        "On matched units: observed agreement, Cohen's kappa and Krippendorff's alpha (nominal) for expert, claim and polarity.";

    /// <summary>The quote's sentence surroundings: up to 80 characters either side, split so the page can highlight the quote.</summary>
    private static object Context(string text, int start, int end)
    {
        var from = Math.Max(0, start - 80);
        var to = Math.Min(text.Length, end + 80);
        return new { before = text[from..start], quote = text[start..end], after = text[end..to] };
    }

    public async Task<object> ReviewAsync(string document, ReviewInput input, WebUser user, CancellationToken ct)
    {
        if (!user.CanWrite)
            throw new WebApiException(403, $"'{user.Name}' is a reader: readers may look at the agreement but not review it. Sign in as an editor to review.");
        var reviewer = user.Coder ?? throw new WebApiException(403, $"The user name '{user.Name}' gives no reviewer id (letters or digits); use another account to review.");
        if (!GraphDataReader.DocumentIds(DataDirectory).Contains(document))
            throw new WebApiException(404, $"There is no document '{document}' in {DataDirectory}/documents.");
        var draft = input.ToDraft(reviewer);
        var clock = Stopwatch.StartNew();
        var saved = await WriteAsync(() => workspace.ReviewAsync(document, draft, string.IsNullOrEmpty(input.Version) ? null : input.Version, ct),
            "Reload to see the current decision, then decide again.");
        return new { document, stands = saved.Stands, reviewer = saved.Reviewer, version = saved.Version, standing = saved.StandingStances, copied = saved.CopiedIntoStances, milliseconds = clock.ElapsedMilliseconds };
    }

    private GraphDataSet Read(string id)
    {
        if (!GraphDataReader.DocumentIds(DataDirectory).Contains(id))
            throw new WebApiException(404, $"There is no document '{id}' in {DataDirectory}/documents.");
        return GraphData.Load(DataDirectory, new GraphDataSelection(true, new HashSet<string> { id }), null).Data;
    }
}
