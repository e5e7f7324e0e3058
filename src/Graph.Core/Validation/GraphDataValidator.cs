using Graph.Core.Diagnostics;
using Graph.Core.Model;
using Graph.Core.Reading;

namespace Graph.Core.Validation;

/// <summary>
/// The checks that span files: unique ids, references that resolve (documents to the shared registry), quotes and
/// role references found in their document's text (recording where), one stance per expert and claim in each
/// coding, experts with an affiliation, claims with stances, confidence with a note when below 1.
/// </summary>
public sealed class GraphDataValidator
{
    private readonly DiagnosticBag _diagnostics;
    private readonly GraphDataOptions _options;
    private GraphDataSet _data = null!;
    private KnownIds _known = new();

    public GraphDataValidator(DiagnosticBag diagnostics, GraphDataOptions? options = null)
    {
        _diagnostics = diagnostics;
        _options = options ?? GraphDataOptions.Default;
    }

    /// <param name="known">Ids defined outside <paramref name="data"/> (an incremental load); null when everything was read.</param>
    public void Validate(GraphDataSet data, KnownIds? known = null)
    {
        _data = data;
        _known = known ?? new KnownIds();
        var paradigms = Unique(data.Paradigms, "paradigm");
        var institutions = Unique(data.Institutions, "institution");
        var experts = Unique(data.Experts, "expert");
        var claims = Unique(data.Claims, "claim");
        // A paradigm's source may be any document folder, read or not.
        var documents = data.Documents.Select(d => d.Id).Concat(GraphDataReader.DocumentIds(data.Directory)).ToHashSet(StringComparer.Ordinal);

        foreach (var paradigm in data.Paradigms)
            if (!documents.Contains(paradigm.Source) && !_known.Documents.Contains(paradigm.Source))
                _diagnostics.Error(paradigm.SourceDocument.Location, paradigm.SourceDocument.Field,
                    $"unknown document '{paradigm.Source}'{Suggestions.DidYouMean(paradigm.Source, documents.Concat(_known.Documents))}; 'source' names the document (a folder under documents/) whose text the quote comes from");

        foreach (var institution in data.Institutions)
            if (institution.Parent is { } parent)
            {
                Resolve(parent, institutions, "institution", "registry/institutions.yaml");
                if (parent.Id == institution.Id)
                    _diagnostics.Error(parent.Location, parent.Field, "an institution cannot be its own parent; remove 'parent' or name the parent institution");
            }

        foreach (var expert in data.Experts)
        {
            if (expert.Affiliations.Count == 0)
                _diagnostics.Error(expert.Location, expert.Field + ".affiliations",
                    $"expert '{expert.Id}' has no affiliation; add 'affiliations: [{{institution: <institution id>, role: ...}}]' (define the institution in registry/institutions.yaml)");
            foreach (var affiliation in expert.Affiliations)
                Resolve(affiliation.Institution, institutions, "institution", "registry/institutions.yaml");
        }

        foreach (var claim in data.Claims)
        {
            foreach (var paradigm in claim.Paradigms) Resolve(paradigm.Paradigm, paradigms, "paradigm", "registry/paradigms.yaml");
            foreach (var relation in claim.Relations) Resolve(relation.Target, claims, "claim", "registry/claims.yaml");
        }

        var sessionIds = new Dictionary<string, SessionEntry>(StringComparer.Ordinal);
        foreach (var session in data.Sessions)
        {
            if (!sessionIds.TryAdd(session.Id, session))
                _diagnostics.Error(session.Location, session.Field + ".id",
                    $"duplicate session id '{session.Id}' (first defined at {sessionIds[session.Id].Location}); session ids are unique across documents, rename one");
            else if (_known.SessionsElsewhere.TryGetValue(session.Id, out var other) && other != session.Source)
                _diagnostics.Error(session.Location, session.Field + ".id",
                    $"duplicate session id '{session.Id}' (document '{other}' defines it); session ids are unique across documents, rename one");
            foreach (var person in session.Moderators.Concat(session.Speakers))
                Resolve(person, experts, "expert", "registry/experts.yaml");
        }

        var claimsWithStances = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in data.Documents)
        {
            foreach (var role in document.Roles)
            {
                Resolve(role.Expert, experts, "expert", "registry/experts.yaml");
                CheckConfidence(role.Confidence, role.ConfidenceGiven, role.Note, role.Field, role.Location, "resolution");
            }
            var ownSessions = document.Sessions.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var coding in Codings(document))
            {
                var keys = new Dictionary<string, StanceEntry>(StringComparer.Ordinal);
                foreach (var stance in coding)
                {
                    Resolve(stance.Expert, experts, "expert", "registry/experts.yaml");
                    Resolve(stance.Claim, claims, "claim", "registry/claims.yaml");
                    if (stance.Session is { } session && !ownSessions.Contains(session.Id) && !data.MayExist("sessions", session.Id))
                        _diagnostics.Error(session.Location, session.Field,
                            $"unknown session '{session.Id}'{Suggestions.DidYouMean(session.Id, ownSessions)}; use the id of a session defined in this document's sessions.yaml");
                    if (!keys.TryAdd(stance.Key, stance))
                        _diagnostics.Error(stance.Location, stance.Field,
                            $"a second stance of expert '{stance.Expert.Id}' on claim '{stance.Claim.Id}' in this coding (the first is at {keys[stance.Key].Location}); an expert has one stance per claim and coding in a document, merge them");
                    CheckConfidence(stance.Confidence, stance.ConfidenceGiven, stance.Note, stance.Field, stance.Location, "stance");
                }
            }
            CheckReviews(document);
            foreach (var stance in document.Stances) claimsWithStances.Add(stance.Claim.Id);
        }

        // Only a whole read can tell that a claim has no stance anywhere.
        if (data.HasRegistry && known is null && !data.UnreadableKinds.Contains("stances"))
            foreach (var claim in data.Claims)
                if (!claimsWithStances.Contains(claim.Id))
                    _diagnostics.Warning(claim.Location, claim.Field,
                        $"claim '{claim.Id}' has no stances; add a stance that cites it, or remove the claim");

        var texts = new Dictionary<string, QuoteLocator?>(StringComparer.Ordinal);
        foreach (var document in data.Documents) texts[document.Id] = CheckQuotes(document);
        foreach (var paradigm in data.Paradigms)
            if (texts.TryGetValue(paradigm.Source, out var locator) && locator is not null && locator.FindLine(paradigm.Quote) is null)
                _diagnostics.Warning(paradigm.Location, paradigm.Field + ".quote",
                    $"the paradigm's quote does not occur in the text of document '{paradigm.Source}'; copy it verbatim from the source");
    }

    /// <summary>
    /// Every review must name existing stances of two different coders (or one) and choose one of them or 'neither'.
    /// A stance may be named by several reviews (one per coder pair that compared it, with three or more coders), but
    /// they must decide it one way (all keep it or all reject it), and a disagreement is reviewed once. A review whose
    /// stance changed since the reviewer saw it (its 'seen' fingerprint) is a warning: it still applies until it is
    /// reviewed again. Marks the stances of stances.yaml a review rejects, so they are not loaded.
    /// </summary>
    private void CheckReviews(GraphDocument document)
    {
        if (document.Reviews.Count == 0) return;
        var codings = Agreement.CodingAgreement.CodingsOf(document);
        var decided = new Dictionary<(string, string, string), (ReviewEntry Review, bool Stands)>();
        foreach (var review in document.Reviews)
        {
            var stances = new List<StanceEntry>();
            var duplicate = document.Reviews.FirstOrDefault(r => r.Decides(review.Named.Select(n => (n.Coder, n.Expert, n.Claim))));
            if (!ReferenceEquals(duplicate, review))
                _diagnostics.Error(review.Location, review.Field,
                    $"this disagreement is already decided by the review at {duplicate!.Location}; keep one review per disagreement");
            foreach (var named in review.Named)
            {
                if (!codings.TryGetValue(named.Coder, out var coding))
                {
                    _diagnostics.Error(named.Location, named.Field + ".coder",
                        $"'{named.Coder}' has not coded {document.Id}{Suggestions.DidYouMean(named.Coder, codings.Keys)}; its coders are {string.Join(", ", codings.Keys)}");
                    continue;
                }
                var stance = coding.FirstOrDefault(s => s.Expert.Id == named.Expert && s.Claim.Id == named.Claim);
                if (stance is null)
                {
                    _diagnostics.Error(named.Location, named.Field,
                        $"{named.Coder}'s coding of {document.Id} has no stance of expert '{named.Expert}' on claim '{named.Claim}'; name a stance that coder coded (see graph agreement {document.Id})");
                    continue;
                }
                var stands = review.Stands == named.Coder;
                if (!decided.TryAdd((named.Coder, named.Expert, named.Claim), (review, stands)) && ReferenceEquals(duplicate, review))
                {
                    var earlier = decided[(named.Coder, named.Expert, named.Claim)];
                    if (earlier.Stands != stands)
                        _diagnostics.Error(named.Location, named.Field,
                            $"{named} is already decided by the review at {earlier.Review.Location}, which {(earlier.Stands ? "keeps" : "rejects")} it, " +
                            $"but this review {(stands ? "keeps" : "rejects")} it; a stance is decided one way in every pair it is compared in: change one of the two reviews");
                }
                if (named.Seen is { } seen && Agreement.StanceFingerprint.Of(stance) is var now && now != seen)
                    _diagnostics.Warning(named.Location, named.Field + ".seen",
                        $"{named} changed since it was reviewed (the reviewer saw {seen}; it is now {now}: {(stance.Kind == StanceKind.Endorses ? "endorses" : "criticizes")} \"{stance.Quote}\" at {stance.Location}); " +
                        $"the decision still applies until someone reviews this disagreement again (graph agreement {document.Id}, or the Review page)");
                stances.Add(stance);
            }
            if (review is { A: { } a, B: { } b } && a.Coder == b.Coder)
                _diagnostics.Error(review.Location, review.Field + ".b.coder", $"both stances are {a.Coder}'s; a review decides between two coders' codings of one passage");
            var choices = review.Named.Select(n => n.Coder).Append(ReviewEntry.Neither).Distinct().ToList();
            if (!choices.Contains(review.Stands))
                _diagnostics.Error(review.Location, review.Field + ".stands",
                    $"'{review.Stands}' is not a choice of this review{Suggestions.DidYouMean(review.Stands, choices)}; 'stands' is {string.Join(", ", choices.Select(c => $"'{c}'"))}");
            // A rejected stance leaves the standing coding: the stance itself when it is in stances.yaml, or, when it is in
            // the coder's independent coding, the same coder's stance of that expert on that claim in stances.yaml.
            foreach (var rejected in stances.Where(s => s.Coder != review.Stands))
                foreach (var standing in document.Stances.Where(x => x.Coder == rejected.Coder && x.Key == rejected.Key))
                    document.Rejected.Add(standing);
        }
    }

    private static IEnumerable<List<StanceEntry>> Codings(GraphDocument document) => [document.Stances, .. document.Codings.Values];

    private void CheckConfidence(double confidence, bool given, string? note, string field, SourceLocation location, string what)
    {
        if (!given) return;
        if (confidence is < 0 or > 1)
            _diagnostics.Error(location, field + ".confidence",
                $"confidence {confidence} is out of range; use a number from 0 to 1 (1 = certain)");
        else if (confidence < 1 && string.IsNullOrWhiteSpace(note))
            _diagnostics.Error(location, field + ".note",
                $"confidence is {confidence} but there is no note; add a 'note' that says why the {what} is uncertain");
    }

    /// <summary>Locates every quote and role reference of a document in its text; the locator, or null when the text is unusable.</summary>
    private QuoteLocator? CheckQuotes(GraphDocument document)
    {
        if (document.Source is not { TextPath: { } textPath } source) return null;
        var display = Path.GetRelativePath(Path.GetDirectoryName(_data.Directory.TrimEnd(Path.DirectorySeparatorChar)) ?? _data.Directory, textPath).Replace('\\', '/');
        var reasons = new DiagnosticBag();
        var text = TextFileReader.Read(textPath, display, "", _options, reasons, new DataFolder(_data.Directory));
        if (text is null)
        {
            // Attribute the reason (missing, binary, too large) to document.yaml's 'text', where the fix goes; an
            // invalid byte keeps its own file:line:column.
            foreach (var reason in reasons.Errors)
                if (reason.Location.ShowColumn) _diagnostics.AddRange([reason]);
                else _diagnostics.Error(source.TextLocation, "text", $"{display}: {reason.Message}; 'text' must name the document's text relative to its folder");
            return null;
        }

        var locator = new QuoteLocator(text);
        foreach (var stance in document.AllStances)
        {
            stance.Span = locator.Locate(stance.Quote);
            if (stance.Span is null)
                _diagnostics.Error(stance.QuoteLocation, stance.Field + ".quote",
                    $"the quote does not occur in {display}; copy it verbatim from the source");
        }
        foreach (var role in document.Roles)
            if (locator.Locate(role.Reference) is null)
                _diagnostics.Error(role.ReferenceLocation, role.Field + ".reference",
                    $"the reference does not occur in {display}; copy the words the text uses for the person");
        return locator;
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
        if (known.ContainsKey(reference.Id) || _known.Of(kind).Contains(reference.Id) || _data.MayExist(kind + "s", reference.Id)) return;
        _diagnostics.Error(reference.Location, reference.Field,
            $"unknown {kind} '{reference.Id}'{Suggestions.DidYouMean(reference.Id, known.Keys)}; use the id of {Article(kind)} {kind} defined in {file}");
    }

    private static string Article(string word) => "aeiou".Contains(word[0]) ? "an" : "a";
}
