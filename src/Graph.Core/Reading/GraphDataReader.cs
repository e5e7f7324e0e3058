using System.Globalization;
using System.Text.RegularExpressions;
using Graph.Core.Diagnostics;
using Graph.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Graph.Core.Reading;

/// <summary>
/// Reads a graph-data directory (see graph-data/README.md) into the domain model: the shared registry
/// (registry/*.yaml) and one folder per source document (documents/&lt;id&gt;/). Reading checks each file on its own:
/// that it stays inside the data folder, strict UTF-8 and size, YAML syntax, field names and types. Checks that span
/// files (references, duplicates, quotes) belong to <see cref="Validation.GraphDataValidator"/>.
/// </summary>
public sealed partial class GraphDataReader
{
    public const string RegistryFolder = "registry";
    public const string DocumentsFolder = "documents";
    public const string CodingsFolder = "codings";
    public const string DocumentFile = "document.yaml";

    /// <summary>The files of the registry, in the order they are read.</summary>
    public static readonly IReadOnlyList<string> RegistryFiles = ["paradigms.yaml", "institutions.yaml", "experts.yaml", "claims.yaml"];

    /// <summary>The YAML files a document folder may hold, in the order they are read (plus codings/&lt;coder&gt;.yaml).</summary>
    public static readonly IReadOnlyList<string> DocumentFiles = [DocumentFile, "sessions.yaml", "roles.yaml", "stances.yaml", ReviewsFile];

    /// <summary>Reviewers' decisions on coders' disagreements (see <see cref="ReviewEntry"/>).</summary>
    public const string ReviewsFile = "reviews.yaml";

    private readonly GraphDataOptions _options;
    private readonly DiagnosticBag _diagnostics;
    private string _displayRoot = "";
    private DataFolder _folder = null!;
    private readonly HashSet<string> _unreadableKinds = [];
    private readonly Dictionary<string, HashSet<string>> _unreadableIds = [];
    private ParseAhead<ParsedFile>? _parseAhead;

    public GraphDataReader(DiagnosticBag diagnostics, GraphDataOptions? options = null)
    {
        _diagnostics = diagnostics;
        _options = options ?? GraphDataOptions.Default;
    }

    /// <summary>The document ids of a graph-data directory: the folders under documents/, in ordinal order.</summary>
    public static IReadOnlyList<string> DocumentIds(string directory)
    {
        var documents = Path.Combine(directory, DocumentsFolder);
        if (!System.IO.Directory.Exists(documents)) return [];
        return System.IO.Directory.GetDirectories(documents).Select(Path.GetFileName).OfType<string>()
            .Where(name => !name.StartsWith('.')).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every file of a document that reading uses (YAML files and codings; the text is named by document.yaml).</summary>
    public static IEnumerable<string> YamlFilesOf(string documentFolder)
    {
        foreach (var file in DocumentFiles)
        {
            var path = Path.Combine(documentFolder, file);
            if (File.Exists(path)) yield return path;
        }
        var codings = Path.Combine(documentFolder, CodingsFolder);
        if (System.IO.Directory.Exists(codings))
            foreach (var path in System.IO.Directory.EnumerateFiles(codings).Where(IsYaml).Order(StringComparer.Ordinal))
                yield return path;
    }

    public GraphDataSet Read(string directory, GraphDataSelection? selection = null)
    {
        selection ??= GraphDataSelection.All;
        var full = Path.GetFullPath(directory);
        // Paths in messages start at the data directory's own name: graph-data/documents/lc-l3702/stances.yaml.
        _displayRoot = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar)) ?? full;
        var documents = new List<GraphDocument>();
        if (!System.IO.Directory.Exists(full))
        {
            _diagnostics.Error(SourceLocation.OfFile(directory), "", "the graph-data directory does not exist; pass the folder that holds registry/ and documents/");
            return new GraphDataSet(full, selection.Registry ? new GraphRegistry() : null, documents);
        }
        _folder = new DataFolder(full);
        var registryFolder = Path.Combine(full, RegistryFolder);
        var documentsFolder = Path.Combine(full, DocumentsFolder);
        if (!System.IO.Directory.Exists(registryFolder) && !System.IO.Directory.Exists(documentsFolder))
        {
            var old = System.IO.Directory.GetDirectories(full).Any(d => File.Exists(Path.Combine(d, "source.yaml")));
            _diagnostics.Error(SourceLocation.OfFile(Display(full)), "", old
                ? "this is the old layout (one folder per document defining its own entities); move experts, institutions, paradigms and claims into registry/ and each document into documents/<id>/ (see graph-data/README.md)"
                : "no registry/ and documents/ folders found; graph-data holds registry/ (experts, institutions, paradigms, claims) and documents/<id>/ (see graph-data/README.md)");
            return new GraphDataSet(full, selection.Registry ? new GraphRegistry() : null, documents);
        }

        var folders = DocumentIds(full).Where(selection.Includes).Select(id => Path.Combine(documentsFolder, id)).ToList();
        // Parsing YAML is most of the reading time of a large corpus: parse the next files on the other cores while
        // this thread turns the previous ones into entities, in order, so diagnostics keep their order.
        var files = new List<string>();
        if (selection.Registry) files.AddRange(RegistryFiles.Select(f => Path.Combine(registryFolder, f)).Where(File.Exists));
        foreach (var folder in folders)
            if (_folder.Confine(folder, null, out _) is not null) files.AddRange(YamlFilesOf(folder));
        GraphRegistry? registry = null;
        _pending = selection.Pending;
        using (_parseAhead = new ParseAhead<ParsedFile>(files, path => ParseOrPending(path), Environment.ProcessorCount))
        {
            if (selection.Registry) registry = ReadRegistry(registryFolder);
            foreach (var folder in folders)
                if (ReadDocument(folder) is { } document) documents.Add(document);
        }
        _parseAhead = null;
        if (selection.Documents is null && documents.Count == 0)
            _diagnostics.Warning(SourceLocation.OfFile(Display(documentsFolder)), "",
                "no documents yet; add one with `graph add-document <file> --title T --date YYYY-MM-DD` (see graph-data/README.md)");
        var data = new GraphDataSet(full, registry, documents) { FilesRead = files.Count + (_pending?.Keys.Count(p => !files.Contains(p)) ?? 0) };
        data.UnreadableKinds.UnionWith(_unreadableKinds);
        foreach (var (kind, ids) in _unreadableIds) data.UnreadableIds[kind] = ids;
        return data;
    }

    /// <summary>
    /// Only the metadata of every document (its document.yaml), for a listing: no stances, sessions, codings or
    /// registry are read, so listing a corpus of many documents stays cheap. A document whose document.yaml is missing
    /// or invalid is listed with a null entry (the diagnostics say why).
    /// </summary>
    public IReadOnlyList<(string Id, DocumentEntry? Source)> ReadSources(string directory)
    {
        var full = Path.GetFullPath(directory);
        _displayRoot = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar)) ?? full;
        _folder = new DataFolder(full);
        var sources = new List<(string, DocumentEntry?)>();
        foreach (var id in DocumentIds(full))
        {
            var folder = Path.Combine(full, DocumentsFolder, id);
            var path = Path.Combine(folder, DocumentFile);
            var source = _folder.Confine(folder, null, out _) is not null && File.Exists(path) && ParseRoot(path) is { } root
                ? ReadSource(new YamlFieldReader(root, "", Display(path), _diagnostics), folder, id)
                : null;
            sources.Add((id, source));
        }
        return sources;
    }

    public string Display(string path) => Path.GetRelativePath(_displayRoot, path).Replace('\\', '/');

    private static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private GraphRegistry ReadRegistry(string folder)
    {
        var registry = new GraphRegistry();
        if (!System.IO.Directory.Exists(folder))
        {
            _diagnostics.Error(SourceLocation.OfFile(Display(folder)), "",
                "the registry folder is missing; it holds experts.yaml, institutions.yaml, paradigms.yaml and claims.yaml, shared by all documents");
            _unreadableKinds.UnionWith(["paradigms", "institutions", "experts", "claims"]);
            return registry;
        }
        RejectUnknownFiles(folder, RegistryFiles, "the registry holds only");
        ReadList(folder, "paradigms", ReadParadigm, registry.Paradigms);
        ReadList(folder, "institutions", ReadInstitution, registry.Institutions);
        ReadList(folder, "experts", ReadExpert, registry.Experts);
        ReadList(folder, "claims", ReadClaim, registry.Claims);
        return registry;
    }

    private void RejectUnknownFiles(string folder, IReadOnlyList<string> known, string holdsOnly)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(folder).Where(IsYaml).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (!known.Contains(name))
                _diagnostics.Error(SourceLocation.OfFile(Display(file)), "",
                    $"unknown file '{name}'{Suggestions.DidYouMean(name, known)}; {holdsOnly} {string.Join(", ", known)}");
        }
    }

    private GraphDocument? ReadDocument(string folder)
    {
        var documentId = Path.GetFileName(folder);
        if (_folder.Confine(folder, null, out var problem) is null)
        {
            _diagnostics.Error(SourceLocation.OfFile(Display(folder)), "", problem!);
            return null;
        }
        var document = new GraphDocument(documentId, folder, Display(folder));
        if (!Slug().IsMatch(documentId))
            _diagnostics.Error(SourceLocation.OfFile(Display(folder)), "",
                $"the document folder '{documentId}' is not a valid id; use lowercase letters, digits and single hyphens (lc-l3702)");
        RejectUnknownFiles(folder, DocumentFiles, "a document folder holds only");

        var sourcePath = Path.Combine(folder, DocumentFile);
        if (!File.Exists(sourcePath))
        {
            _diagnostics.Error(SourceLocation.OfFile(Display(folder) + "/" + DocumentFile), "",
                "missing document.yaml; every document folder needs one (id, title, date, text)");
            _unreadableKinds.Add("sessions");
            return document;
        }
        if (ParseRoot(sourcePath) is { } sourceRoot)
            document.Source = ReadSource(new YamlFieldReader(sourceRoot, "", Display(sourcePath), _diagnostics), folder, documentId);

        ReadList(folder, "sessions", r => ReadSession(r, documentId), document.Sessions);
        ReadList(folder, "roles", r => ReadRole(r, documentId), document.Roles);
        ReadList(folder, "stances", r => ReadStance(r, documentId, null), document.Stances);
        ReadList(folder, "reviews", ReadReview, document.Reviews);
        var codings = Path.Combine(folder, CodingsFolder);
        var codingFiles = (System.IO.Directory.Exists(codings) ? System.IO.Directory.EnumerateFiles(codings).Where(IsYaml) : [])
            .Concat(_pending?.Keys.Where(p => Path.GetDirectoryName(p) == codings) ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var path in codingFiles)
            {
                var coder = Path.GetFileNameWithoutExtension(path);
                if (!Slug().IsMatch(coder))
                {
                    _diagnostics.Error(SourceLocation.OfFile(Display(path)), "",
                        $"'{coder}' is not a valid coder id; name the file after the coder: lowercase letters, digits and single hyphens (codings/ana-lima.yaml)");
                    continue;
                }
                var stances = new List<StanceEntry>();
                ReadFile(path, "stances", r => ReadStance(r, documentId, coder), stances);
                document.Codings[coder] = stances;
            }
        return document;
    }

    /// <summary>Reads <c>&lt;key&gt;.yaml</c> of a folder (when present, or about to be written by an edit).</summary>
    private void ReadList<T>(string folder, string key, Func<YamlFieldReader, T?> read, List<T> into) where T : class
    {
        var path = Path.Combine(folder, key + ".yaml");
        if (File.Exists(path) || _pending?.ContainsKey(path) == true) ReadFile(path, key, read, into);
    }

    /// <summary>Reads a file whose only key is <paramref name="key"/>, holding a list of entities.</summary>
    private void ReadFile<T>(string path, string key, Func<YamlFieldReader, T?> read, List<T> into) where T : class
    {
        if (ParseRoot(path) is not { } root)
        {
            _unreadableKinds.Add(key);
            return;
        }
        var reader = new YamlFieldReader(root, "", Display(path), _diagnostics);
        reader.RejectUnknown(key);
        if (reader.Find(key) is null && root.Children.Count > 0) _unreadableKinds.Add(key);
        into.AddRange(reader.MappingList(key, required: false, entity =>
        {
            var result = read(entity);
            if (result is null)
            {
                if (entity.Find("id") is YamlScalarNode { Value: { } id })
                {
                    if (!_unreadableIds.TryGetValue(key, out var ids)) _unreadableIds[key] = ids = [];
                    ids.Add(id);
                }
                else _unreadableKinds.Add(key);
            }
            return result;
        }));
    }

    /// <summary>Loads a YAML file and returns its root mapping, or null after reporting why it cannot.</summary>
    private YamlMappingNode? ParseRoot(string path)
    {
        var display = Display(path);
        var parsed = _parseAhead is { } ahead ? ahead.Get(path) : ParseOrPending(path);
        _diagnostics.AddRange(parsed.Diagnostics);
        if (parsed.Stream is not { } stream) return null;
        var expected = Path.GetFileName(path) == DocumentFile
            ? "the fields id, title, date, text (and symbol, publisher, citation where known)"
            : $"'{Path.GetFileNameWithoutExtension(path)}:' followed by a list";

        if (stream.Documents.Count == 0 || YamlFieldReader.IsNull(stream.Documents[0].RootNode))
        {
            _diagnostics.Error(SourceLocation.OfFile(display), "", $"the file is empty; it should hold {expected}");
            return null;
        }
        if (stream.Documents.Count > 1)
            _diagnostics.Error(new SourceLocation(display, (int)stream.Documents[1].RootNode.Start.Line, 1), "",
                "the file holds more than one YAML document ('---'); keep a single document per file");
        var rootNode = stream.Documents[0].RootNode;
        if (rootNode is YamlMappingNode mapping) return mapping;
        _diagnostics.Error(new SourceLocation(display, (int)rootNode.Start.Line, (int)rootNode.Start.Column), "",
            $"expected a mapping at the top of the file but found {YamlFieldReader.Describe(rootNode)}; it should hold {expected}");
        return null;
    }

    /// <summary>A file read and parsed on its own (any thread): the YAML, or null with the reasons in its diagnostics.</summary>
    private sealed record ParsedFile(YamlStream? Stream, IReadOnlyList<Diagnostic> Diagnostics);

    private IReadOnlyDictionary<string, string>? _pending;

    /// <summary>A file as it is on disk, or as an edit about to be saved would make it.</summary>
    private ParsedFile ParseOrPending(string path) => _pending is not null && _pending.TryGetValue(path, out var text)
        ? ParseText(text, Display(path), new DiagnosticBag())
        : Parse(path, Display(path), _options, _folder);

    private static ParsedFile Parse(string path, string display, GraphDataOptions options, DataFolder? folder)
    {
        var diagnostics = new DiagnosticBag();
        var text = TextFileReader.Read(path, display, "", options, diagnostics, folder);
        if (text is null) return new ParsedFile(null, diagnostics.Items);
        return ParseText(text, display, diagnostics);
    }

    /// <summary>Parses YAML text (a file's, or an edit about to be saved).</summary>
    private static ParsedFile ParseText(string text, string display, DiagnosticBag diagnostics)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new Parser(scanner));
            return new ParsedFile(stream, diagnostics.Items);
        }
        catch (YamlException e)
        {
            MalformedYaml(diagnostics, display, e.Start, CleanYamlMessage(e));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet fails this way on some truncated input (an unclosed '[' at the end); the scanner knows where.
            MalformedYaml(diagnostics, display, scanner.CurrentPosition, "unexpected end of the file inside a value (an unclosed bracket or quote?)");
        }
        return new ParsedFile(null, diagnostics.Items);
    }

    private static void MalformedYaml(DiagnosticBag diagnostics, string display, Mark mark, string message) =>
        diagnostics.Error(new SourceLocation(display, (int)mark.Line, (int)mark.Column), "",
            $"malformed YAML at line {mark.Line}, column {mark.Column}: {message}; fix the syntax (indentation, quotes, ':' after keys)");

    // YamlDotNet prefixes its messages with the marks, which we already report as file:line.
    private static string CleanYamlMessage(YamlException e)
    {
        var message = (e.InnerException is YamlException inner ? inner : e).Message;
        return MarkPrefix().Replace(message, "").Trim().TrimEnd('.');
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();

    private DocumentEntry? ReadSource(YamlFieldReader r, string folder, string folderId)
    {
        r.RejectUnknown("id", "symbol", "title", "date", "publisher", "citation", "text", "extraction");
        var id = r.String("id", true);
        var symbol = r.String("symbol", false);
        var title = r.String("title", true);
        var date = r.Date("date", true);
        var publisher = r.String("publisher", false);
        var citation = r.String("citation", false);
        var text = r.String("text", true);
        var extraction = r.Find("extraction") is YamlMappingNode node ? ReadExtraction(new YamlFieldReader(node, "extraction", r.File, r.Diagnostics)) : null;
        if (r.Find("extraction") is { } other and not YamlMappingNode)
            r.Error(other, "extraction", "expected a mapping {file, format, pages, sha256, tool}");
        if (id is not null && id != folderId)
        {
            r.Error(r.Find("id")!, "id", $"the document id '{id}' differs from its folder name '{folderId}'; the folder name is the id, make them equal");
            return null;
        }
        if (date is not null && !DateTime.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            r.Error(r.Find("date")!, "date", $"'{date}' is not a date; write it as YYYY-MM-DD (2013-09-26)");
            return null;
        }
        if (id is null || title is null || date is null || text is null) return null;
        var textPath = _folder.Confine(text, folder, out var problem);
        if (textPath is null)
            r.Diagnostics.Error(r.LocationOf("text"), "text", $"'{text}': {problem}; put the text in the document folder (text: text.txt)");
        return new DocumentEntry(id, title, date, symbol, publisher, citation, textPath, text, r.LocationOf("text"), extraction, "document", r.Location);
    }

    private static DocumentExtraction? ReadExtraction(YamlFieldReader r)
    {
        r.RejectUnknown("file", "format", "pages", "sha256", "tool");
        var file = r.String("file", true);
        var format = r.Enum("format", ["text", "pdf", "docx"], true);
        var pages = r.Integer("pages", false);
        var sha = r.String("sha256", true);
        var tool = r.String("tool", true);
        return file is null || format is null || sha is null || tool is null ? null : new DocumentExtraction(file, format, pages, sha, tool);
    }

    private static ParadigmEntry? ReadParadigm(YamlFieldReader r)
    {
        r.RejectUnknown("id", "name", "description", "quote", "section", "source");
        var id = r.String("id", true);
        var name = r.String("name", true);
        var description = r.String("description", true);
        var quote = r.String("quote", true);
        var section = r.String("section", true);
        var source = r.Reference("source", true);
        return id is null || name is null || description is null || quote is null || section is null || source is null
            ? null
            : new ParadigmEntry(id, name, description, quote, section, source, r.Prefix, r.Location);
    }

    public static readonly IReadOnlyList<string> InstitutionTypes =
        ["un-body", "regional-process", "government", "university", "research-centre", "civil-society", "international-organization", "other"];

    private static InstitutionEntry? ReadInstitution(YamlFieldReader r)
    {
        r.RejectUnknown("id", "name", "acronym", "type", "country", "parent");
        var id = r.String("id", true);
        var name = r.String("name", true);
        var acronym = r.String("acronym", false);
        var type = r.Enum("type", InstitutionTypes, true);
        var country = r.String("country", false);
        var parent = r.Reference("parent", false);
        return id is null || name is null || type is null
            ? null
            : new InstitutionEntry(id, name, acronym, type, country, parent, r.Prefix, r.Location);
    }

    public static readonly IReadOnlyList<string> ExpertRoles = ["speaker", "moderator", "opening", "closing", "author", "participant"];

    private static ExpertEntry? ReadExpert(YamlFieldReader r)
    {
        r.RejectUnknown("id", "name", "aliases", "country", "bio", "roles", "affiliations");
        var id = r.String("id", true);
        var name = r.String("name", true);
        var aliases = r.StringList("aliases", false).Select(a => a.Value).ToList();
        var country = r.String("country", false);
        var bio = r.String("bio", false);
        var roles = r.StringList("roles", true, ExpertRoles).Select(a => a.Value).ToList();
        // An empty or missing list is reported by the validator, which knows to say "add an affiliation".
        var affiliations = r.MappingList("affiliations", false, a =>
        {
            a.RejectUnknown("institution", "role");
            var institution = a.Reference("institution", true);
            var role = a.String("role", false);
            return institution is null ? null : new Affiliation(institution, role);
        });
        return id is null || name is null
            ? null
            : new ExpertEntry(id, name, aliases, country, bio, roles, affiliations, r.Prefix, r.Location);
    }

    private static SessionEntry? ReadSession(YamlFieldReader r, string source)
    {
        r.RejectUnknown("id", "number", "title", "date", "section", "moderators", "speakers");
        var id = r.String("id", true);
        var number = r.Integer("number", true);
        var title = r.String("title", true);
        var date = r.Date("date", true);
        var section = r.String("section", false);
        var moderators = r.ReferenceList("moderators");
        var speakers = r.ReferenceList("speakers");
        return id is null || number is null || title is null || date is null
            ? null
            : new SessionEntry(id, number.Value, title, date, section, moderators, speakers, source, r.Prefix, r.Location);
    }

    private static readonly string[] Signs = ["supports", "opposes"];
    private static readonly string[] RelationKinds = ["supports", "contradicts"];

    private static ClaimEntry? ReadClaim(YamlFieldReader r)
    {
        r.RejectUnknown("id", "text", "topic", "paradigms", "relations");
        var id = r.String("id", true);
        var text = r.String("text", true);
        var topic = r.String("topic", true);
        var paradigms = r.MappingList("paradigms", false, p =>
        {
            p.RejectUnknown("paradigm", "sign");
            var paradigm = p.Reference("paradigm", true);
            var sign = p.Enum("sign", Signs, true);
            return paradigm is null || sign is null
                ? null
                : new ClaimParadigmEntry(paradigm, sign == "supports" ? ParadigmSign.Supports : ParadigmSign.Opposes);
        });
        var relations = r.MappingList("relations", false, rel =>
        {
            // Each relation is a one-key mapping: {supports: claim-id} or {contradicts: claim-id}.
            rel.RejectUnknown(RelationKinds);
            var supports = rel.Reference("supports", false);
            var contradicts = rel.Reference("contradicts", false);
            if ((supports is null) == (contradicts is null))
            {
                rel.Diagnostics.Error(rel.Location, rel.Prefix, "a relation needs exactly one of 'supports: <claim id>' or 'contradicts: <claim id>'");
                return null;
            }
            return supports is not null
                ? new ClaimRelationEntry(ClaimRelationKind.Supports, supports)
                : new ClaimRelationEntry(ClaimRelationKind.Contradicts, contradicts!);
        });
        return id is null || text is null || topic is null
            ? null
            : new ClaimEntry(id, text, topic, paradigms, relations, r.Prefix, r.Location);
    }

    private static RoleResolution? ReadRole(YamlFieldReader r, string source)
    {
        r.RejectUnknown("reference", "section", "expert", "confidence", "note");
        var reference = r.String("reference", true);
        var section = r.String("section", false);
        var expert = r.Reference("expert", true);
        var confidence = r.Number("confidence");
        var note = r.String("note", false);
        return reference is null || expert is null
            ? null
            : new RoleResolution(reference, r.LocationOf("reference"), section, expert, confidence ?? 1.0, confidence is not null, note, source, r.Prefix, r.Location);
    }

    private static readonly string[] StanceKinds = ["endorses", "criticizes"];

    /// <summary>The fields of a stance, in the order `graph` writes them.</summary>
    public static readonly IReadOnlyList<string> StanceFields = ["expert", "claim", "stance", "coder", "section", "session", "confidence", "note", "quote"];

    private static StanceEntry? ReadStance(YamlFieldReader r, string source, string? codingOf)
    {
        r.RejectUnknown([.. StanceFields]);
        var expert = r.Reference("expert", true);
        var claim = r.Reference("claim", true);
        var kind = r.Enum("stance", StanceKinds, true);
        var quote = r.String("quote", true);
        var section = r.String("section", true);
        var confidence = r.Number("confidence");
        var note = r.String("note", false);
        var session = r.Reference("session", false);
        var coder = r.String("coder", true);
        if (coder is not null && !Slug().IsMatch(coder))
        {
            r.Error(r.Find("coder")!, r.FieldPath("coder"), $"'{coder}' is not a valid coder id; use lowercase letters, digits and single hyphens (ana-lima)");
            coder = null;
        }
        else if (coder is not null && codingOf is not null && coder != codingOf)
        {
            r.Error(r.Find("coder")!, r.FieldPath("coder"), $"this coding belongs to '{codingOf}' (its file name) but the stance says coder '{coder}'; a coding file holds one coder's stances");
            coder = null;
        }
        return expert is null || claim is null || kind is null || quote is null || section is null || coder is null
            ? null
            : new StanceEntry(expert, claim, kind == "endorses" ? StanceKind.Endorses : StanceKind.Criticizes,
                quote, r.LocationOf("quote"), section, confidence ?? 1.0, confidence is not null, note, session, coder,
                source, r.Prefix, r.Location);
    }

    /// <summary>The fields of a review, in the order `graph` writes them.</summary>
    public static readonly IReadOnlyList<string> ReviewFields = ["a", "b", "stands", "reviewer"];

    private static ReviewEntry? ReadReview(YamlFieldReader r)
    {
        r.RejectUnknown([.. ReviewFields]);
        var a = ReadReviewed(r, "a");
        var b = ReadReviewed(r, "b");
        var stands = r.String("stands", true);
        var reviewer = r.String("reviewer", true);
        if (r.Find("a") is null && r.Find("b") is null)
        {
            r.Diagnostics.Error(r.Location, r.Prefix, "a review names the stances it decides between: 'a: {coder, expert, claim}' and/or 'b: {coder, expert, claim}'");
            return null;
        }
        foreach (var (key, value) in new[] { ("stands", stands), ("reviewer", reviewer) })
            if (value is not null && !Slug().IsMatch(value))
            {
                r.Error(r.Find(key)!, r.FieldPath(key), $"'{value}' is not a valid {(key == "stands" ? "coder id (or 'neither')" : "reviewer id")}; use lowercase letters, digits and single hyphens");
                return null;
            }
        return (r.Find("a") is not null && a is null) || (r.Find("b") is not null && b is null) || stands is null || reviewer is null
            ? null
            : new ReviewEntry(a, b, stands, reviewer, r.Prefix, r.Location);
    }

    private static ReviewedStance? ReadReviewed(YamlFieldReader r, string key)
    {
        if (r.Find(key) is not { } node) return null;
        if (node is not YamlMappingNode mapping)
        {
            r.Error(node, r.FieldPath(key), "expected a mapping {coder, expert, claim} naming one coder's stance");
            return null;
        }
        var s = new YamlFieldReader(mapping, r.FieldPath(key), r.File, r.Diagnostics);
        s.RejectUnknown("coder", "expert", "claim", "seen");
        var coder = s.String("coder", true);
        var expert = s.String("expert", true);
        var claim = s.String("claim", true);
        var seen = s.String("seen", false);
        if (seen is not null && !Fingerprint().IsMatch(seen))
        {
            s.Error(s.Find("seen")!, s.FieldPath("seen"), $"'{seen}' is not a stance fingerprint (12 hexadecimal digits, as the Review page writes it); remove 'seen' or copy it from graph agreement");
            return null;
        }
        return coder is null || expert is null || claim is null ? null : new ReviewedStance(coder, expert, claim, s.Prefix, s.Location, seen);
    }

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex Fingerprint();

    /// <summary>Ids of documents and coders: lowercase letters, digits and single hyphens.</summary>
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    public static partial Regex Slug();
}
