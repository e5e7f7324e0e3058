namespace Graph.Ingestion;

/// <summary>
/// The Cypher statements of the load, read at run time from the cypher/ folder: next to the binaries (the build
/// copies it there) or, when running from a source tree, the repository's own cypher/ folder. A file may hold
/// several statements separated by ';' at the end of a line; '//' comment lines are dropped.
/// </summary>
public sealed class CypherScripts
{
    private readonly string _directory;
    private readonly Dictionary<string, IReadOnlyList<string>> _cache = new(StringComparer.Ordinal);

    public CypherScripts(string? directory = null)
    {
        _directory = directory ?? Locate();
    }

    public string Directory => _directory;

    /// <summary>The statements of <c>cypher/&lt;relativePath&gt;</c>, e.g. "ingest/upsert/experts.cypher".</summary>
    public IReadOnlyList<string> Get(string relativePath)
    {
        lock (_cache)
        {
            if (_cache.TryGetValue(relativePath, out var cached)) return cached;
            var path = Path.Combine(_directory, relativePath);
            if (!File.Exists(path))
                throw new IngestionException($"the Cypher file {path} is missing; the cypher/ folder of the repository must be deployed with the program");
            var statements = Split(File.ReadAllText(path));
            _cache[relativePath] = statements;
            return statements;
        }
    }

    public static IReadOnlyList<string> Split(string text)
    {
        var statements = new List<string>();
        var current = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith("//", StringComparison.Ordinal)) continue;
            var trimmed = line.TrimEnd();
            if (trimmed.EndsWith(';'))
            {
                current.Add(trimmed[..^1]);
                Flush();
            }
            else current.Add(line);
        }
        Flush();
        return statements;

        void Flush()
        {
            var statement = string.Join('\n', current).Trim();
            if (statement.Length > 0) statements.Add(statement);
            current.Clear();
        }
    }

    private static string Locate()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "cypher");
        if (File.Exists(Path.Combine(beside, "schema.cypher"))) return beside;
        for (var dir = new DirectoryInfo(System.IO.Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "cypher");
            if (File.Exists(Path.Combine(candidate, "schema.cypher"))) return candidate;
        }
        throw new IngestionException($"the cypher/ folder was not found next to the program ({beside}) nor above the current directory");
    }
}
