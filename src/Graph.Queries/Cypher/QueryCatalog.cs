using System.Reflection;

namespace Graph.Queries.Cypher;

/// <summary>
/// The Cypher text of the query library, from cypher/queries/*.cypher (embedded in this assembly), so the same
/// statements can be pasted into Neo4j Browser. Each file starts with comments saying what it answers and its
/// parameters (<c>// params: {...}</c>).
/// </summary>
public static class QueryCatalog
{
    private static readonly Assembly Assembly = typeof(QueryCatalog).Assembly;
    private const string Prefix = "Graph.Queries.cypher.";

    public static IReadOnlyList<string> Names =>
        Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".cypher", StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..^".cypher".Length])
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();

    /// <summary>The statement text of a named query ("experts" for cypher/queries/experts.cypher).</summary>
    public static string Get(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + name + ".cypher")
            ?? throw new InvalidOperationException($"The query library has no cypher/queries/{name}.cypher (known: {string.Join(", ", Names)}).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
