using Graph.Client;

namespace Graph.Queries.Cypher;

/// <summary>Tolerant readers for result columns: stores may return integers as long or double, lists as any list.</summary>
public static class RecordReading
{
    public static string Text(this Record record, string key) =>
        record[key] switch
        {
            null => throw new QueryDataException($"Column '{key}' is null in {record}: the graph is missing a required property (was it loaded with graph ingest?)."),
            string s => s,
            var v => ValueFormatter.ToDisplayString(v),
        };

    public static string? OptionalText(this Record record, string key) =>
        record.ContainsKey(key) && record[key] is { } v ? (v as string ?? ValueFormatter.ToDisplayString(v)) : null;

    public static long Integer(this Record record, string key) => record[key] switch
    {
        long l => l,
        double d => (long)d,
        int i => i,
        null => 0,
        var v => throw new QueryDataException($"Column '{key}' should be an integer but is {Values.TypeName(v)}."),
    };

    public static long? OptionalInteger(this Record record, string key) => record[key] is null ? null : record.Integer(key);

    public static double Number(this Record record, string key) => record[key] switch
    {
        double d => d,
        long l => l,
        null => 0,
        var v => throw new QueryDataException($"Column '{key}' should be a number but is {Values.TypeName(v)}."),
    };

    public static IReadOnlyList<string> TextList(this Record record, string key) => record[key] switch
    {
        null => [],
        IReadOnlyList<object?> list => list.Where(x => x is not null).Select(x => x as string ?? ValueFormatter.ToDisplayString(x)).ToList(),
        string s => [s],
        var v => throw new QueryDataException($"Column '{key}' should be a list but is {Values.TypeName(v)}."),
    };

    /// <summary>A column holding a list of maps (collect({...})); nulls and non-maps are skipped.</summary>
    public static IEnumerable<IReadOnlyDictionary<string, object?>> Maps(this Record record, string key) =>
        record.ContainsKey(key) && record[key] is IReadOnlyList<object?> list ? list.OfType<IReadOnlyDictionary<string, object?>>() : [];
}
