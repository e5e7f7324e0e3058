using System.Text.RegularExpressions;
using Graph.Core.Diagnostics;
using Graph.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Graph.Core.Reading;

/// <summary>
/// Reads a graph-data directory (one folder per source document, see graph-data/README.md) into the domain model.
/// Reading checks each file on its own: text encoding and size, YAML syntax, field names and types. Checks that
/// span files (references, duplicates, quotes) belong to <see cref="Validation.GraphDataValidator"/>.
/// </summary>
public sealed partial class GraphDataReader
{
    public const string SourceFile = "source.yaml";

    /// <summary>The files a document folder may hold, in the order they are read.</summary>
    public static readonly IReadOnlyList<string> DocumentFiles =
        [SourceFile, "paradigms.yaml", "institutions.yaml", "experts.yaml", "sessions.yaml", "claims.yaml", "stances.yaml"];

    /// <summary>The folder of source texts, next to the document folders.</summary>
    public const string SourcesFolder = "sources";

    private readonly GraphDataOptions _options;
    private readonly DiagnosticBag _diagnostics;
    private string _displayRoot = "";
    private readonly HashSet<string> _unreadableKinds = [];
    private readonly Dictionary<string, HashSet<string>> _unreadableIds = [];
    private ParseAhead<ParsedFile>? _parseAhead;

    public GraphDataReader(DiagnosticBag diagnostics, GraphDataOptions? options = null)
    {
        _diagnostics = diagnostics;
        _options = options ?? GraphDataOptions.Default;
    }

    public GraphDataSet Read(string directory)
    {
        var full = Path.GetFullPath(directory);
        // Paths in messages start at the data directory's own name: graph-data/lc-l3702/stances.yaml.
        _displayRoot = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar)) ?? full;
        var documents = new List<GraphDocument>();
        if (!System.IO.Directory.Exists(full))
        {
            _diagnostics.Error(SourceLocation.OfFile(directory), "", "the graph-data directory does not exist; pass the folder that holds one folder per source document");
            return new GraphDataSet(full, documents);
        }

        var folders = System.IO.Directory.GetDirectories(full).Order(StringComparer.Ordinal)
            .Where(folder => Path.GetFileName(folder) is var name && !name.StartsWith('.') && name != SourcesFolder)
            .Where(folder => System.IO.Directory.EnumerateFiles(folder).Any(IsYaml))
            .ToList();
        // Parsing YAML is most of the reading time of a large corpus: parse the next files on the other cores while
        // this thread turns the previous ones into entities, in order, so diagnostics keep their order.
        var files = folders.SelectMany(folder => DocumentFiles.Select(file => Path.Combine(folder, file))).Where(File.Exists).ToList();
        using (_parseAhead = new ParseAhead<ParsedFile>(files, path => Parse(path, Display(path), _options), Environment.ProcessorCount))
            foreach (var folder in folders)
                documents.Add(ReadDocument(folder));
        _parseAhead = null;
        if (documents.Count == 0)
            _diagnostics.Error(SourceLocation.OfFile(Display(full)), "",
                "no source document folders found; each document lives in its own folder with a source.yaml (see graph-data/README.md)");
        var data = new GraphDataSet(full, documents);
        data.UnreadableKinds.UnionWith(_unreadableKinds);
        foreach (var (kind, ids) in _unreadableIds) data.UnreadableIds[kind] = ids;
        return data;
    }

    public string Display(string path) => Path.GetRelativePath(_displayRoot, path).Replace('\\', '/');

    private static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private GraphDocument ReadDocument(string folder)
    {
        var document = new GraphDocument(folder, Display(folder));
        foreach (var file in System.IO.Directory.EnumerateFiles(folder).Where(IsYaml).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (!DocumentFiles.Contains(name))
                _diagnostics.Error(SourceLocation.OfFile(Display(file)), "",
                    $"unknown file '{name}'{Suggestions.DidYouMean(name, DocumentFiles)}; a document folder holds only {string.Join(", ", DocumentFiles)}");
        }

        var sourcePath = Path.Combine(folder, SourceFile);
        if (!File.Exists(sourcePath))
        {
            _diagnostics.Error(SourceLocation.OfFile(Display(folder) + "/" + SourceFile), "",
                "missing source.yaml; every document folder needs one (id, symbol, title, date, publisher, citation, text)");
            return document;
        }
        var documentId = Path.GetFileName(folder);
        if (ParseRoot(sourcePath) is { } sourceRoot)
        {
            document.Source = ReadSource(new YamlFieldReader(sourceRoot, "", Display(sourcePath), _diagnostics), folder);
            if (document.Source is { } source)
            {
                documentId = source.Id;
                if (source.Id != Path.GetFileName(folder))
                    _diagnostics.Warning(source.Location, "id",
                        $"the source id '{source.Id}' differs from its folder name '{Path.GetFileName(folder)}'; rename one so they match");
            }
        }

        ReadList(folder, "paradigms", documentId, ReadParadigm, document.Paradigms);
        ReadList(folder, "institutions", documentId, ReadInstitution, document.Institutions);
        ReadList(folder, "experts", documentId, ReadExpert, document.Experts);
        ReadList(folder, "sessions", documentId, ReadSession, document.Sessions);
        ReadList(folder, "claims", documentId, ReadClaim, document.Claims);
        ReadList(folder, "stances", documentId, ReadStance, document.Stances);
        return document;
    }

    /// <summary>Reads <c>&lt;key&gt;.yaml</c>: a mapping whose only key is <paramref name="key"/>, holding a list of entities.</summary>
    private void ReadList<T>(string folder, string key, string documentId, Func<YamlFieldReader, string, T?> read, List<T> into) where T : class
    {
        var path = Path.Combine(folder, key + ".yaml");
        if (!File.Exists(path)) return;
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
            var result = read(entity, documentId);
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
        var parsed = _parseAhead is { } ahead ? ahead.Get(path) : Parse(path, display, _options);
        _diagnostics.AddRange(parsed.Diagnostics);
        if (parsed.Stream is not { } stream) return null;
        var expected = Path.GetFileNameWithoutExtension(path) == "source"
            ? "the fields id, symbol, title, date, publisher, citation, text"
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

    private static ParsedFile Parse(string path, string display, GraphDataOptions options)
    {
        var diagnostics = new DiagnosticBag();
        var text = TextFileReader.Read(path, display, "", options, diagnostics);
        if (text is null) return new ParsedFile(null, diagnostics.Items);
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

    private SourceDocument? ReadSource(YamlFieldReader r, string folder)
    {
        r.RejectUnknown("id", "symbol", "title", "date", "publisher", "citation", "text");
        var id = r.String("id", true);
        var symbol = r.String("symbol", true);
        var title = r.String("title", true);
        var date = r.Date("date", true);
        var publisher = r.String("publisher", true);
        var citation = r.String("citation", true);
        var text = r.String("text", true);
        if (id is null || symbol is null || title is null || date is null || publisher is null || citation is null || text is null)
            return null;
        var textPath = Path.GetFullPath(Path.Combine(folder, text));
        return new SourceDocument(id, symbol, title, date, publisher, citation, textPath, r.LocationOf("text"), "source", r.Location);
    }

    private static Paradigm? ReadParadigm(YamlFieldReader r, string source)
    {
        r.RejectUnknown("id", "name", "description", "quote", "section");
        var id = r.String("id", true);
        var name = r.String("name", true);
        var description = r.String("description", true);
        var quote = r.String("quote", true);
        var section = r.String("section", true);
        return id is null || name is null || description is null || quote is null || section is null
            ? null
            : new Paradigm(id, name, description, quote, section, source, r.Prefix, r.Location);
    }

    public static readonly IReadOnlyList<string> InstitutionTypes =
        ["un-body", "regional-process", "government", "university", "research-centre", "civil-society", "international-organization", "other"];

    private static Institution? ReadInstitution(YamlFieldReader r, string source)
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
            : new Institution(id, name, acronym, type, country, parent, source, r.Prefix, r.Location);
    }

    public static readonly IReadOnlyList<string> ExpertRoles = ["speaker", "moderator", "opening", "closing", "author", "participant"];

    private static Expert? ReadExpert(YamlFieldReader r, string source)
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
            : new Expert(id, name, aliases, country, bio, roles, affiliations, source, r.Prefix, r.Location);
    }

    private static Session? ReadSession(YamlFieldReader r, string source)
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
            : new Session(id, number.Value, title, date, section, moderators, speakers, source, r.Prefix, r.Location);
    }

    private static readonly string[] Signs = ["supports", "opposes"];
    private static readonly string[] RelationKinds = ["supports", "contradicts"];

    private static Claim? ReadClaim(YamlFieldReader r, string source)
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
                : new ClaimParadigm(paradigm, sign == "supports" ? ParadigmSign.Supports : ParadigmSign.Opposes);
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
                ? new ClaimRelation(ClaimRelationKind.Supports, supports)
                : new ClaimRelation(ClaimRelationKind.Contradicts, contradicts!);
        });
        return id is null || text is null || topic is null
            ? null
            : new Claim(id, text, topic, paradigms, relations, source, r.Prefix, r.Location);
    }

    private static readonly string[] StanceKinds = ["endorses", "criticizes"];

    private static Stance? ReadStance(YamlFieldReader r, string source)
    {
        r.RejectUnknown("expert", "claim", "stance", "quote", "section", "confidence", "note", "session");
        var expert = r.Reference("expert", true);
        var claim = r.Reference("claim", true);
        var kind = r.Enum("stance", StanceKinds, true);
        var quote = r.String("quote", true);
        var section = r.String("section", true);
        var confidence = r.Number("confidence");
        var note = r.String("note", false);
        var session = r.Reference("session", false);
        return expert is null || claim is null || kind is null || quote is null || section is null
            ? null
            : new Stance(expert, claim, kind == "endorses" ? StanceKind.Endorses : StanceKind.Criticizes,
                quote, r.LocationOf("quote"), section, confidence ?? 1.0, confidence is not null, note, session,
                source, r.Prefix, r.Location);
    }
}
