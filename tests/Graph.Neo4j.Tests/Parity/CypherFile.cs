using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Graph.Neo4j.Wire;

namespace Graph.Neo4j.Tests.Parity;

/// <summary>
/// A .cypher file of the repository: its statements (split at top-level semicolons) and the
/// parameters its header declares with the convention <c>// params: {"id": "x"}</c>.
/// </summary>
internal sealed partial class CypherFile
{
    public required string RelativePath { get; init; }
    public required IReadOnlyList<string> Statements { get; init; }
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    [GeneratedRegex(@"^\s*//\s*params:\s*(\{.*\})\s*$", RegexOptions.Multiline)]
    private static partial Regex ParamsHeader();

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ParameterReference();

    public static CypherFile Load(string root, string path)
    {
        var text = File.ReadAllText(path);
        var parameters = new Dictionary<string, object?>();
        if (ParamsHeader().Match(text) is { Success: true } header)
        {
            using var json = JsonDocument.Parse(header.Groups[1].Value);
            parameters = PlainJsonReader.ReadMap(json.RootElement, "params");
        }
        return new CypherFile
        {
            RelativePath = Path.GetRelativePath(root, path).Replace('\\', '/'),
            Statements = Split(text),
            Parameters = parameters,
        };
    }

    /// <summary>Parameters the statements use that the header does not give.</summary>
    public IReadOnlyList<string> MissingParameters() =>
        Statements.SelectMany(s => ParameterReference().Matches(StripStringsAndComments(s)).Select(m => m.Groups[1].Value))
            .Distinct().Where(p => !Parameters.ContainsKey(p)).Order().ToList();

    /// <summary>Splits at semicolons outside strings, quoted names and comments; drops empty pieces.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q)
            {
                current.Append(c);
                if (c == '\\' && q != '`' && i + 1 < text.Length) current.Append(text[++i]);
                else if (c == q) quote = null;
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                var end = text.IndexOf('\n', i);
                end = end < 0 ? text.Length : end;
                current.Append(text, i, end - i);
                i = end - 1;
                continue;
            }
            if (c is '\'' or '"' or '`') quote = c;
            if (c == ';')
            {
                statements.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        statements.Add(current.ToString());
        return statements.Where(s => StripStringsAndComments(s).Trim().Length > 0).Select(s => s.Trim()).ToList();
    }

    private static string StripStringsAndComments(string statement) =>
        Regex.Replace(statement, @"//[^\n]*|'(?:\\.|[^'\\])*'|""(?:\\.|[^""\\])*""", " ");

    public bool IsOrdered(int statement) =>
        Regex.IsMatch(StripStringsAndComments(Statements[statement]), @"\bORDER\s+BY\b", RegexOptions.IgnoreCase);

    public override string ToString() => RelativePath;
}
