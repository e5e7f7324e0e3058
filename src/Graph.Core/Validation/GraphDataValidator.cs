using Graph.Core.Diagnostics;
using Graph.Core.Model;
using Graph.Core.Reading;

namespace Graph.Core.Validation;

/// <summary>
/// The checks that span files: unique ids, references that resolve, quotes found in their source text (recording
/// their line), experts with an affiliation, claims with stances, confidence with a note when below 1.
/// </summary>
public sealed class GraphDataValidator
{
    private readonly DiagnosticBag _diagnostics;
    private readonly GraphDataOptions _options;

    public GraphDataValidator(DiagnosticBag diagnostics, GraphDataOptions? options = null)
    {
        _diagnostics = diagnostics;
        _options = options ?? GraphDataOptions.Default;
    }

    private GraphDataSet _data = null!;

    public void Validate(GraphDataSet data)
    {
        _data = data;
        var sources = Unique(data.Sources, "source");
        var paradigms = Unique(data.Paradigms, "paradigm");
        var institutions = Unique(data.Institutions, "institution");
        var experts = Unique(data.Experts, "expert");
        var sessions = Unique(data.Sessions, "session");
        var claims = Unique(data.Claims, "claim");
        _ = sources;

        foreach (var institution in data.Institutions)
            if (institution.Parent is { } parent)
            {
                Resolve(parent, institutions, "institution", "institutions.yaml");
                if (parent.Id == institution.Id)
                    _diagnostics.Error(parent.Location, parent.Field, "an institution cannot be its own parent; remove 'parent' or name the parent institution");
            }

        foreach (var expert in data.Experts)
        {
            if (expert.Affiliations.Count == 0)
                _diagnostics.Error(expert.Location, expert.Field + ".affiliations",
                    $"expert '{expert.Id}' has no affiliation; add 'affiliations: [{{institution: <institution id>, role: ...}}]' (define the institution in institutions.yaml)");
            foreach (var affiliation in expert.Affiliations)
                Resolve(affiliation.Institution, institutions, "institution", "institutions.yaml");
        }

        foreach (var session in data.Sessions)
            foreach (var person in session.Moderators.Concat(session.Speakers))
                Resolve(person, experts, "expert", "experts.yaml");

        foreach (var claim in data.Claims)
        {
            foreach (var paradigm in claim.Paradigms) Resolve(paradigm.Paradigm, paradigms, "paradigm", "paradigms.yaml");
            foreach (var relation in claim.Relations) Resolve(relation.Target, claims, "claim", "claims.yaml");
        }

        var stanceKeys = new Dictionary<string, Stance>(StringComparer.Ordinal);
        var claimsWithStances = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stance in data.Stances)
        {
            Resolve(stance.Expert, experts, "expert", "experts.yaml");
            Resolve(stance.Claim, claims, "claim", "claims.yaml");
            if (stance.Session is { } session) Resolve(session, sessions, "session", "sessions.yaml");
            claimsWithStances.Add(stance.Claim.Id);
            if (!stanceKeys.TryAdd(stance.Key, stance))
                _diagnostics.Error(stance.Location, stance.Field,
                    $"a second stance of expert '{stance.Expert.Id}' on claim '{stance.Claim.Id}' (the first is at {stanceKeys[stance.Key].Location}); an expert has one stance per claim, merge them");
            CheckConfidence(stance);
        }

        if (!data.UnreadableKinds.Contains("stances"))
            foreach (var claim in data.Claims)
                if (!claimsWithStances.Contains(claim.Id))
                    _diagnostics.Warning(claim.Location, claim.Field,
                        $"claim '{claim.Id}' has no stances; add a stance that cites it, or remove the claim");

        foreach (var document in data.Documents) CheckQuotes(document, data.Directory);
    }

    private void CheckConfidence(Stance stance)
    {
        if (!stance.ConfidenceGiven) return;
        var location = stance.Location;
        if (stance.Confidence is < 0 or > 1)
            _diagnostics.Error(location, stance.Field + ".confidence",
                $"confidence {stance.Confidence} is out of range; use a number from 0 to 1 (1 = certain)");
        else if (stance.Confidence < 1 && string.IsNullOrWhiteSpace(stance.Note))
            _diagnostics.Error(location, stance.Field + ".note",
                $"confidence is {stance.Confidence} but there is no note; add a 'note' that says why the stance is uncertain");
    }

    private void CheckQuotes(GraphDocument document, string dataDirectory)
    {
        if (document.Source is not { } source) return;
        var display = Path.GetRelativePath(dataDirectory, source.TextPath).Replace('\\', '/');
        var reasons = new DiagnosticBag();
        var text = TextFileReader.Read(source.TextPath, display, "", _options, reasons);
        if (text is null)
        {
            // Attribute the reason (missing, binary, too large) to source.yaml's 'text', where the fix goes.
            foreach (var reason in reasons.Errors)
                _diagnostics.Error(source.TextLocation, "text", $"{display}: {reason.Message}; 'text' must name the source text relative to the document folder");
            return;
        }

        var locator = new QuoteLocator(text);
        foreach (var stance in document.Stances)
        {
            stance.Line = locator.FindLine(stance.Quote);
            if (stance.Line is null)
                _diagnostics.Error(stance.QuoteLocation, stance.Field + ".quote",
                    $"the quote does not occur in {display}; copy it verbatim from the source");
        }
        foreach (var paradigm in document.Paradigms)
            if (locator.FindLine(paradigm.Quote) is null)
                _diagnostics.Warning(paradigm.Location, paradigm.Field + ".quote",
                    $"the paradigm's quote does not occur in {display}; copy it verbatim from the source");
    }

    /// <summary>Maps id to entity and reports every id defined twice.</summary>
    private Dictionary<string, T> Unique<T>(IEnumerable<T> entities, string kind) where T : IEntity
    {
        var byId = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var entity in entities)
            if (!byId.TryAdd(entity.Id, entity))
                _diagnostics.Error(entity.Location, entity.Field + ".id",
                    $"duplicate {kind} id '{entity.Id}' (first defined at {byId[entity.Id].Location}); ids must be unique, rename one or remove the copy");
        return byId;
    }

    private void Resolve<T>(EntityReference reference, Dictionary<string, T> known, string kind, string file)
    {
        if (known.ContainsKey(reference.Id) || _data.MayExist(kind + "s", reference.Id)) return;
        _diagnostics.Error(reference.Location, reference.Field,
            $"unknown {kind} '{reference.Id}'{Suggestions.DidYouMean(reference.Id, known.Keys)}; use the id of {Article(kind)} {kind} defined in {file}");
    }

    private static string Article(string word) => "aeiou".Contains(word[0]) ? "an" : "a";
}
