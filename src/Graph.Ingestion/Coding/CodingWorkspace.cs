using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Graph.Client;
using Graph.Core;
using Graph.Core.Editing;
using Graph.Core.Model;
using Graph.Core.Reading;
using Graph.Ingestion.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Path = System.IO.Path;

namespace Graph.Ingestion.Coding;

/// <summary>
/// Saves, edits and deletes one stance of a document: in its YAML (the coding that stands, stances.yaml, or a coder's
/// independent coding, codings/&lt;coder&gt;.yaml) and, for the coding that stands, in the store at once — only that
/// document is read and only the stance and the network pairs it touches are written, so a save stays fast however
/// large the corpus. Writes are conditional: an edit or delete names the version it read (the stance's content hash,
/// also the store relationship's <c>hash</c>) and is refused with <see cref="StanceConflictException"/> when the stance
/// changed meanwhile; adding a stance another save already added is refused the same way. An edit that would make
/// graph-data invalid is refused with <see cref="StanceRejectedException"/>. Nothing is half-done: the file is
/// replaced atomically after the edited document validates; if the store then fails, the store's manifest still
/// names the old file, so the next load (graph ingest) re-reads the document and the store catches up.
/// </summary>
public sealed class CodingWorkspace
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>One save of a document at a time in this process (the lock file keeps other processes out); release it when done.</summary>
    private static async Task<SemaphoreSlim> EnterDocumentGateAsync(string folder, string document, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(folder, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(LockTimeout, cancellationToken))
            throw new IngestionException($"another save of document '{document}' did not finish within {LockTimeout.TotalSeconds} s; try again");
        return gate;
    }

    private readonly IDriver _driver;
    private readonly string _directory;
    private readonly CypherScripts _scripts;
    private readonly ILogger _logger;
    private readonly IngestionOptions _options;

    // The last document read after a save, by folder, with the registry and document hashes it was read at: the
    // next save of the same document starts from it instead of reading and validating the document again.
    private readonly ConcurrentDictionary<string, (string Hashes, GraphDataResult Read)> _lastRead = new(StringComparer.Ordinal);

    /// <param name="options">Batch size and the graph-data options; the network settings come from the store's manifest (the ones it was loaded with).</param>
    public CodingWorkspace(IDriver driver, string dataDirectory, IngestionOptions? options = null, CypherScripts? scripts = null, ILogger<CodingWorkspace>? logger = null)
    {
        _driver = driver;
        _directory = Path.GetFullPath(dataDirectory);
        _options = options ?? new IngestionOptions();
        _scripts = scripts ?? new CypherScripts();
        _logger = logger ?? NullLogger<CodingWorkspace>.Instance;
    }

    /// <summary>The version of a stance as read from graph-data (its content hash).</summary>
    public static string VersionOf(StanceEntry stance) => DesiredState.RowOf(stance).Hash;

    /// <summary>Adds a stance; refused when the coding already has one of this expert on this claim.</summary>
    public Task<SavedStance> AddAsync(string document, StanceDraft stance, string? coding = null, CancellationToken cancellationToken = default) =>
        EditAsync(document, coding, null, null, stance, cancellationToken);

    /// <summary>Replaces the stance (expert, claim) — which must still be at <paramref name="expectedVersion"/> — with <paramref name="replacement"/>.</summary>
    public Task<SavedStance> UpdateAsync(string document, string expert, string claim, string expectedVersion, StanceDraft replacement,
        string? coding = null, CancellationToken cancellationToken = default) =>
        EditAsync(document, coding, (expert, claim), expectedVersion, replacement, cancellationToken);

    /// <summary>Deletes the stance (expert, claim), which must still be at <paramref name="expectedVersion"/>.</summary>
    public Task<SavedStance> DeleteAsync(string document, string expert, string claim, string expectedVersion,
        string? coding = null, CancellationToken cancellationToken = default) =>
        EditAsync(document, coding, (expert, claim), expectedVersion, null, cancellationToken);

    private async Task<SavedStance> EditAsync(string document, string? coding, (string Expert, string Claim)? key, string? expectedVersion,
        StanceDraft? draft, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var documents = GraphDataReader.DocumentIds(_directory);
        if (!documents.Contains(document))
            throw new IngestionException($"there is no document '{document}' in {_directory}/documents");
        if (coding is not null && !GraphDataReader.Slug().IsMatch(coding))
            throw new IngestionException($"'{coding}' is not a valid coder id; use lowercase letters, digits and single hyphens");
        if (coding is not null && draft is not null && draft.Coder != coding)
            throw new IngestionException($"a stance in {coding}'s coding must have coder '{coding}', not '{draft.Coder}'");
        var folder = Path.Combine(_directory, GraphDataReader.DocumentsFolder, document);
        var path = coding is null ? Path.Combine(folder, "stances.yaml") : Path.Combine(folder, GraphDataReader.CodingsFolder, coding + ".yaml");

        var gate = await EnterDocumentGateAsync(folder, document, cancellationToken);
        try
        {
            using var fileLock = await LockFileAsync(folder, cancellationToken);
            await using var session = _driver.AsyncSession(new SessionConfig { Database = _options.Database });
            var registryHash = GraphDataFingerprint.HashRegistry(_directory);
            var manifest = coding is null ? await EnsureLoadedAsync(session, document, registryHash, cancellationToken) : null;
            _logger.LogDebug("save: store up to date after {Elapsed} ms", clock.ElapsedMilliseconds);

            // The document as it is (the store holds exactly this when the manifest's hash matches).
            var before = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
            var selection = new GraphDataSelection(false, new HashSet<string> { document });
            var pre = await ReadAsync(session, folder, document, documents, registryHash, cancellationToken);
            _logger.LogDebug("save: document read after {Elapsed} ms", clock.ElapsedMilliseconds);
            var preDocument = pre.Data.Documents.Single();
            var stances = coding is null ? preDocument.Stances : preDocument.Codings.GetValueOrDefault(coding) ?? [];
            var index = key is { } k ? stances.FindIndex(s => s.Expert.Id == k.Expert && s.Claim.Id == k.Claim) : -1;
            if (key is { } wanted)
            {
                if (index < 0)
                    throw new StanceConflictException($"the stance of {wanted.Expert} on {wanted.Claim} in {document} no longer exists (deleted by someone else)", null);
                var current = VersionOf(stances[index]);
                if (current != expectedVersion)
                    throw new StanceConflictException($"the stance of {wanted.Expert} on {wanted.Claim} in {document} changed since it was read (version {current}, not {expectedVersion})", current);
            }
            if (draft is not null && stances.FindIndex(s => s.Expert.Id == draft.Expert && s.Claim.Id == draft.Claim) is var existing and >= 0 && existing != index)
                throw new StanceConflictException($"{document} already has a stance of {draft.Expert} on {draft.Claim} in this coding (version {VersionOf(stances[existing])}); edit that one",
                    VersionOf(stances[existing]));

            string after;
            try
            {
                after = index < 0 ? StanceFileEditor.Append(before, draft!) : StanceFileEditor.Replace(before!, index, draft);
            }
            catch (Exception e) when (e is InvalidOperationException or YamlDotNet.Core.YamlException)
            {
                throw new IngestionException($"{path}: {e.Message}; nothing was saved");
            }

            // The document as the edit makes it: it must validate and differ from before by exactly this stance.
            var post = await PartialRead.LoadAsync(session, _scripts, _directory, selection with { Pending = new Dictionary<string, string> { [path] = after } },
                documents, [document], _options.GraphData, cancellationToken);
            if (!post.IsValid) throw new StanceRejectedException(post.Errors.ToList());
            var postDocument = post.Data.Documents.Single();
            var postStances = coding is null ? postDocument.Stances : postDocument.Codings.GetValueOrDefault(coding) ?? [];
            CheckOnlyThisChanged(stances, postStances, key, draft, path);
            var saved = draft is null ? null : postStances.Single(s => s.Expert.Id == draft.Expert && s.Claim.Id == draft.Claim);

            _logger.LogDebug("save: edit validated after {Elapsed} ms", clock.ElapsedMilliseconds);
            WriteAtomically(path, after);
            var written = GraphDataFingerprint.HashDocument(_directory, document);
            _lastRead[folder] = (registryHash + "/" + written, post);
            var result = new SavedStance(document, coding, draft?.Expert ?? key!.Value.Expert, draft?.Claim ?? key!.Value.Claim, saved is null ? null : VersionOf(saved));
            if (coding is null) await WriteStoreAsync(session, document, written, manifest!, pre, post, cancellationToken);
            _logger.LogInformation("Saved {Change} of {Expert} on {Claim} in {Document}{Coding} in {Elapsed} ms",
                draft is null ? "the deletion" : key is null ? "a new stance" : "an edit", result.Expert, result.Claim, document,
                coding is null ? "" : $" ({coding}'s coding)", clock.ElapsedMilliseconds);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The store's manifest, after bringing the store up to date when graph-data changed since the last load (a save
    /// edits the document as the store knows it).
    /// </summary>
    private async Task<LoadManifest> EnsureLoadedAsync(IAsyncSession session, string document, string registryHash, CancellationToken cancellationToken)
    {
        var manifest = await ReadManifestAsync(session, cancellationToken);
        if (manifest is not null
            && manifest.Registry == registryHash
            && manifest.Documents.GetValueOrDefault(document) == GraphDataFingerprint.HashDocument(_directory, document))
            return manifest;
        _logger.LogInformation("graph-data changed since the last load; loading it before saving");
        var report = await new GraphLoader(_driver, _scripts).LoadAsync(_directory, OptionsFor(manifest), cancellationToken);
        if (!report.Succeeded) throw new StanceRejectedException(report.Diagnostics.Where(d => d.Severity == Core.Diagnostics.Severity.Error).ToList());
        return await ReadManifestAsync(session, cancellationToken) ?? throw new IngestionException("the load wrote no manifest");
    }

    private async Task<LoadManifest?> ReadManifestAsync(IAsyncSession session, CancellationToken cancellationToken)
    {
        await using var tx = await session.BeginTransactionAsync(null, cancellationToken);
        var manifest = await LoadManifest.ReadAsync(tx, _scripts, cancellationToken);
        await tx.RollbackAsync(cancellationToken);
        return manifest;
    }

    /// <summary>The load options that keep the store's network settings (so a catch-up load is incremental, not full).</summary>
    private IngestionOptions OptionsFor(LoadManifest? manifest)
    {
        if (manifest is null) return _options;
        if (manifest.Network == "none") return _options with { DeriveNetwork = false };
        var settings = manifest.Network.Split(';').Select(p => p.Split('=')).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        return _options with
        {
            DeriveNetwork = true,
            Network = new NetworkLimits
            {
                MaxClaimParticipants = int.Parse(settings["max"], System.Globalization.CultureInfo.InvariantCulture),
                PairBudget = long.Parse(settings["budget"], System.Globalization.CultureInfo.InvariantCulture),
                FitToBudget = bool.Parse(settings["fit"]),
            },
        };
    }

    private async Task WriteStoreAsync(IAsyncSession session, string document, string documentHash, LoadManifest manifest, GraphDataResult pre, GraphDataResult post, CancellationToken cancellationToken)
    {
        var options = OptionsFor(manifest);
        await using var tx = await session.BeginTransactionAsync(null, cancellationToken);
        try
        {
            var scope = new LoadScope(false, new HashSet<string> { document }, new HashSet<string>());
            var plan = IngestionPlan.Create(DesiredState.From(post.Data), StoreState.Of(DesiredState.From(pre.Data)), scope, null);
            if (options.DeriveNetwork)
                plan.Network = await NetworkDelta.ComputeAsync(tx, _scripts, plan, manifest.Summary, options.Network.PairBudget, cancellationToken);
            await new BatchWriter(tx, _scripts, options, plan, _logger, cancellationToken).WriteAsync();
            var documents = new SortedDictionary<string, string>(manifest.Documents.ToDictionary(), StringComparer.Ordinal)
            {
                [document] = documentHash,
            };
            var network = plan.Network.Summary;
            await (manifest with
            {
                Documents = documents,
                PairEstimate = network.PairEstimate, Pairs = network.Pairs, ClaimsUsed = network.ClaimsUsed, ClaimsLeftOut = network.ClaimsLeftOut,
            }).WriteAsync(tx, _scripts, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (Exception e)
        {
            if (tx.IsOpen) await tx.RollbackAsync(CancellationToken.None);
            if (e is OperationCanceledException) throw;
            throw new IngestionException($"the change was saved in {document}'s YAML, but the store could not be updated ({e.Message}); run graph ingest to bring the store up to date", e);
        }
    }

    /// <summary>The document as it is (valid, else <see cref="StanceRejectedException"/>): the last read after a save when nothing changed since.</summary>
    private async Task<GraphDataResult> ReadAsync(IAsyncSession session, string folder, string document, IReadOnlyList<string> documents, string registryHash,
        CancellationToken cancellationToken)
    {
        var hashes = registryHash + "/" + GraphDataFingerprint.HashDocument(_directory, document);
        var pre = _lastRead.TryGetValue(folder, out var last) && last.Hashes == hashes
            ? last.Read
            : await PartialRead.LoadAsync(session, _scripts, _directory, new GraphDataSelection(false, new HashSet<string> { document }), documents, [document],
                _options.GraphData, cancellationToken);
        if (!pre.IsValid) throw new StanceRejectedException(pre.Errors.ToList());
        return pre;
    }

    /// <summary>The version of a review as read from graph-data (a hash of what it names and decides).</summary>
    public static string VersionOf(ReviewEntry review)
    {
        var text = string.Join("\u001f", review.Named.Select(n => $"{n.Coder}/{n.Expert}/{n.Claim}").Order(StringComparer.Ordinal)) + "\u001e" + review.Stands + "\u001e" + review.Reviewer;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>
    /// Records which coding of a disagreement stands (documents/&lt;id&gt;/reviews.yaml) and updates the store at once: a
    /// stance of stances.yaml that the decision rejects leaves the store, and a chosen stance that is only in its coder's
    /// independent coding (codings/&lt;coder&gt;.yaml) is copied into stances.yaml in the same save (both files or
    /// neither). Conditional like stance edits: <paramref name="expectedVersion"/> is the version of this
    /// disagreement's review the caller saw (null: none), and the draft's fingerprints (<see cref="ReviewDraft.SeenA"/>,
    /// <see cref="ReviewDraft.SeenB"/>) are the codings the reviewer compared; the save is refused with
    /// <see cref="StanceConflictException"/> when the review or a compared coding is another now.
    /// </summary>
    public async Task<SavedReview> ReviewAsync(string document, ReviewDraft draft, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var documents = GraphDataReader.DocumentIds(_directory);
        if (!documents.Contains(document))
            throw new IngestionException($"there is no document '{document}' in {_directory}/documents");
        var named = new[] { draft.A, draft.B }.OfType<(string Coder, string Expert, string Claim)>().ToList();
        if (named.Count == 0) throw new IngestionException("a review names at least one coder's stance");
        foreach (var id in named.SelectMany(n => new[] { n.Coder, n.Expert, n.Claim }).Append(draft.Stands).Append(draft.Reviewer))
            if (!GraphDataReader.Slug().IsMatch(id))
                throw new IngestionException($"'{id}' is not a valid id; use lowercase letters, digits and single hyphens");
        var folder = Path.Combine(_directory, GraphDataReader.DocumentsFolder, document);
        var path = Path.Combine(folder, GraphDataReader.ReviewsFile);
        var stancesPath = Path.Combine(folder, "stances.yaml");

        var gate = await EnterDocumentGateAsync(folder, document, cancellationToken);
        try
        {
            using var fileLock = await LockFileAsync(folder, cancellationToken);
            await using var session = _driver.AsyncSession(new SessionConfig { Database = _options.Database });
            var registryHash = GraphDataFingerprint.HashRegistry(_directory);
            var manifest = await EnsureLoadedAsync(session, document, registryHash, cancellationToken);
            var before = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
            var stancesBefore = File.Exists(stancesPath) ? await File.ReadAllTextAsync(stancesPath, cancellationToken) : null;
            var selection = new GraphDataSelection(false, new HashSet<string> { document });
            var pre = await ReadAsync(session, folder, document, documents, registryHash, cancellationToken);
            var preDocument = pre.Data.Documents.Single();

            // The review of exactly this disagreement now, if any: the caller must have seen it.
            var reviews = preDocument.Reviews;
            var index = reviews.FindIndex(r => r.Decides(named));
            var current = index < 0 ? null : VersionOf(reviews[index]);
            if (current != expectedVersion)
                throw new StanceConflictException(current is null
                    ? $"the review of this disagreement in {document} was removed since it was read"
                    : $"this disagreement in {document} was reviewed meanwhile ({reviews[index].Reviewer}: {reviews[index].Stands} stands; version {current}{(expectedVersion is null ? "" : $", not {expectedVersion}")})", current);
            // The codings the reviewer compared must be the codings as they are now.
            var codings = Core.Agreement.CodingAgreement.CodingsOf(preDocument);
            foreach (var (stance, seen) in new[] { (draft.A, draft.SeenA), (draft.B, draft.SeenB) })
            {
                if (stance is not { } n || seen is null) continue;
                var now = codings.GetValueOrDefault(n.Coder)?.FirstOrDefault(s => s.Expert.Id == n.Expert && s.Claim.Id == n.Claim);
                if (now is null)
                    throw new StanceConflictException($"{n.Coder}'s stance of {n.Expert} on {n.Claim} in {document} no longer exists (deleted since the page was loaded)", null);
                if (Core.Agreement.StanceFingerprint.Of(now) != seen)
                    throw new StanceConflictException($"{n.Coder}'s stance of {n.Expert} on {n.Claim} in {document} changed since the page was loaded (now {(now.Kind == StanceKind.Endorses ? "endorses" : "criticizes")} \"{now.Quote}\", {now.Location})", current);
            }

            string after;
            try
            {
                after = index < 0 ? ReviewFileEditor.Append(before, draft) : ReviewFileEditor.Replace(before!, index, draft);
            }
            catch (Exception e) when (e is InvalidOperationException or YamlDotNet.Core.YamlException)
            {
                throw new IngestionException($"{path}: {e.Message}; nothing was saved");
            }
            var copy = StandingCopy(preDocument, draft, named, stancesPath);
            string? stancesAfter = null;
            if (copy is { } c)
                try
                {
                    stancesAfter = c.Replaces is { } r ? StanceFileEditor.Replace(stancesBefore!, r, c.Draft) : StanceFileEditor.Append(stancesBefore, c.Draft);
                }
                catch (Exception e) when (e is InvalidOperationException or YamlDotNet.Core.YamlException)
                {
                    throw new IngestionException($"{stancesPath}: {e.Message}; nothing was saved");
                }

            var pending = new Dictionary<string, string> { [path] = after };
            if (stancesAfter is not null) pending[stancesPath] = stancesAfter;
            var post = await PartialRead.LoadAsync(session, _scripts, _directory, selection with { Pending = pending },
                documents, [document], _options.GraphData, cancellationToken);
            if (!post.IsValid) throw new StanceRejectedException(post.Errors.ToList());
            var postDocument = post.Data.Documents.Single();
            var saved = postDocument.Reviews.Count == reviews.Count + (index < 0 ? 1 : 0) ? postDocument.Reviews.SingleOrDefault(r => r.Decides(named)) : null;
            if (saved is null || saved.Stands != draft.Stands || saved.Reviewer != draft.Reviewer) throw new IngestionException($"{path}: the review could not be written without disturbing other entries (an unusual layout?); nothing was saved");
            if (copy is { } made)
            {
                var replaced = made.Replaces is { } r ? preDocument.Stances[r] : null;
                CheckOnlyThisChanged(preDocument.Stances, postDocument.Stances, replaced is null ? null : (replaced.Expert.Id, replaced.Claim.Id), made.Draft, stancesPath);
            }

            WriteAtomically(stancesAfter is null ? [(path, after, before)] : [(stancesPath, stancesAfter, stancesBefore), (path, after, before)]);
            var written = GraphDataFingerprint.HashDocument(_directory, document);
            _lastRead[folder] = (registryHash + "/" + written, post);
            await WriteStoreAsync(session, document, written, manifest, pre, post, cancellationToken);
            _logger.LogInformation("Saved the review of {Stances} in {Document} ({Stands} stands, by {Reviewer}{Copied}) in {Elapsed} ms",
                string.Join(" / ", named), document, draft.Stands, draft.Reviewer, copy is null ? "" : "; copied into stances.yaml", clock.ElapsedMilliseconds);
            return new SavedReview(document, saved.Stands, saved.Reviewer, VersionOf(saved), postDocument.Standing.Count(), copy is not null);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The chosen stance to bring into stances.yaml, when it is only in its coder's independent coding (or stances.yaml
    /// holds an older copy of it): appended, or replacing the stance of the same expert on the same claim when that one
    /// is the chosen coder's own older copy or an exact copy of another coder's independent coding (so nothing is
    /// lost). Null when nothing is to be copied.
    /// </summary>
    private static (StanceDraft Draft, int? Replaces)? StandingCopy(GraphDocument document, ReviewDraft draft,
        List<(string Coder, string Expert, string Claim)> named, string stancesPath)
    {
        if (named.FirstOrDefault(n => n.Coder == draft.Stands) is not { Coder: not null } chosen) return null;
        var stance = document.Codings.GetValueOrDefault(chosen.Coder)?.FirstOrDefault(s => s.Expert.Id == chosen.Expert && s.Claim.Id == chosen.Claim);
        if (stance is null) return null; // not in an independent coding: it is in stances.yaml (or the validator says it is nowhere)
        var same = document.Stances.FindIndex(s => s.Expert.Id == chosen.Expert && s.Claim.Id == chosen.Claim);
        var copy = new StanceDraft(stance.Expert.Id, stance.Claim.Id, stance.Kind, stance.Quote, stance.Section, stance.Coder,
            stance.ConfidenceGiven ? stance.Confidence : null, stance.Note, stance.Session?.Id);
        if (same < 0) return (copy, null);
        var existing = document.Stances[same];
        // The coder's own stance is there: brought up to date when their coding changed since it was copied (the
        // reviewer chose the coding as it is now).
        if (existing.Coder == chosen.Coder) return VersionOf(existing) == VersionOf(stance) ? null : (copy, same);
        var original = document.Codings.GetValueOrDefault(existing.Coder)?.FirstOrDefault(s => s.Key == existing.Key);
        if (original is null || VersionOf(original) != VersionOf(existing))
            throw new IngestionException(
                $"{existing.Location} holds {existing.Coder}'s stance of {existing.Expert.Id} on {existing.Claim.Id}, " +
                (original is null ? $"the only copy of it ({existing.Coder} has no codings/{existing.Coder}.yaml stance of it)" : $"which differs from {existing.Coder}'s coding at {original.Location}") +
                $", so {chosen.Coder}'s stance cannot replace it in {Path.GetFileName(stancesPath)} without losing it; edit or delete it on the Code page, then decide again. Nothing was saved");
        return (copy, same);
    }

    /// <summary>The re-read coding must equal the old one with exactly this change: anything else means the text edit went wrong.</summary>
    private static void CheckOnlyThisChanged(List<StanceEntry> before, List<StanceEntry> after, (string Expert, string Claim)? key, StanceDraft? draft, string path)
    {
        var expected = before.ToDictionary(s => (s.Expert.Id, s.Claim.Id), VersionOf);
        if (key is { } k) expected.Remove(k);
        var actual = after.ToDictionary(s => (s.Expert.Id, s.Claim.Id), s => s);
        var ok = actual.Count == expected.Count + (draft is null ? 0 : 1)
                 && expected.All(e => actual.TryGetValue(e.Key, out var s) && VersionOf(s) == e.Value);
        if (draft is not null && ok)
        {
            var s = actual.GetValueOrDefault((draft.Expert, draft.Claim));
            ok = s is not null && s.Kind == draft.Kind && s.Quote == draft.Quote && s.Section == draft.Section && s.Coder == draft.Coder
                 && s.Note == draft.Note && s.Session?.Id == draft.Session && (draft.Confidence is null ? !s.ConfidenceGiven : s.Confidence == draft.Confidence);
        }
        if (!ok) throw new IngestionException($"{path}: the edit could not be made without disturbing other entries (an unusual layout?); nothing was saved");
    }

    private static void WriteAtomically(string path, string text) => WriteAtomically([(path, text, null)]);

    /// <summary>
    /// Replaces files by renaming fully written temporary files over them; when a later rename fails, the files already
    /// replaced get their old text back, so a failed save changes no file.
    /// </summary>
    private static void WriteAtomically(IReadOnlyList<(string Path, string Text, string? Before)> files)
    {
        // Dot files: never read as graph-data, nor hashed, if a crash leaves them behind.
        static string Temporary(string path) => Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".saving");
        foreach (var (path, text, _) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(Temporary(path), text, new UTF8Encoding(false));
        }
        var done = 0;
        try
        {
            for (; done < files.Count; done++) File.Move(Temporary(files[done].Path), files[done].Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            for (var i = 0; i < done; i++)
                if (files[i].Before is { } old) File.WriteAllText(files[i].Path, old, new UTF8Encoding(false));
                else File.Delete(files[i].Path);
            foreach (var (path, _, _) in files) File.Delete(Temporary(path));
            throw new IngestionException($"{files[done].Path} could not be replaced ({e.Message}); nothing was saved");
        }
    }

    /// <summary>An exclusive lock across processes (two servers, a server and a CLI) on one document, kept outside graph-data.</summary>
    private static async Task<FileStream> LockFileAsync(string folder, CancellationToken cancellationToken)
    {
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(folder)))[..32];
        var directory = Path.Combine(Path.GetTempPath(), "graph-locks");
        Directory.CreateDirectory(directory);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(Path.Combine(directory, name + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < LockTimeout)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }
}
