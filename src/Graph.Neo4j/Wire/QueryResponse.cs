using System.Globalization;
using System.Text.Json;
using Graph.Client;

namespace Graph.Neo4j.Wire;

/// <summary>
/// The body of a Query API response:
/// <c>{data: {fields, values}, counters, notifications, queryPlan | profiledQueryPlan, errors, bookmarks, queryType, transaction}</c>.
/// </summary>
public sealed class QueryResponse
{
    public IReadOnlyList<string> Fields { get; init; } = [];
    public IReadOnlyList<object?[]> Rows { get; init; } = [];
    public Counters? Counters { get; init; }
    public IReadOnlyList<string> Bookmarks { get; init; } = [];
    public IReadOnlyList<Notification> Notifications { get; init; } = [];
    public TransactionInfo? Transaction { get; init; }
    /// <summary>"r", "rw", "w" or "s" (Neo4j 2026.07+; older servers leave it out).</summary>
    public string? QueryType { get; init; }
    public IReadOnlyList<QueryApiError> Errors { get; init; } = [];
    /// <summary>The plan of an EXPLAIN (queryPlan) or PROFILE (profiledQueryPlan) statement.</summary>
    public PlanDescription? Plan { get; init; }

    public static QueryResponse Parse(ReadOnlySpan<byte> utf8, bool typed)
    {
        using var document = JsonDocument.Parse(utf8.ToArray());
        return Parse(document.RootElement, typed);
    }

    public static QueryResponse Parse(JsonElement root, bool typed)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw WireFormatException.At("$", $"a response body must be an object, not {TypedJson.Describe(root)}");

        var fields = new List<string>();
        var rows = new List<object?[]>();
        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            if (data.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array)
                fields.AddRange(f.EnumerateArray().Select(x => x.GetString() ?? ""));
            if (data.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array)
                rows.AddRange(ReadRows(values, fields.Count, typed));
        }

        return new QueryResponse
        {
            Fields = fields,
            Rows = rows,
            Counters = root.TryGetProperty("counters", out var c) && c.ValueKind == JsonValueKind.Object ? ReadCounters(c) : null,
            Bookmarks = root.TryGetProperty("bookmarks", out var b) && b.ValueKind == JsonValueKind.Array
                ? b.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                : [],
            Notifications = root.TryGetProperty("notifications", out var n) && n.ValueKind == JsonValueKind.Array
                ? n.EnumerateArray().Select(ReadNotification).ToList()
                : [],
            Transaction = root.TryGetProperty("transaction", out var t) && t.ValueKind == JsonValueKind.Object ? ReadTransaction(t) : null,
            QueryType = root.TryGetProperty("queryType", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString() : null,
            Plan = root.TryGetProperty(PlanJson.ProfileKey, out var profiled) && profiled.ValueKind == JsonValueKind.Object
                ? PlanJson.Read(profiled, "$." + PlanJson.ProfileKey, profiled: true)
                : root.TryGetProperty(PlanJson.ExplainKey, out var plan) && plan.ValueKind == JsonValueKind.Object
                    ? PlanJson.Read(plan, "$." + PlanJson.ExplainKey, profiled: false)
                    : null,
            Errors = ReadErrors(root),
        };
    }

    /// <summary>The <c>errors</c> array of any body (success bodies have none).</summary>
    public static IReadOnlyList<QueryApiError> ReadErrors(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            return [];
        return errors.EnumerateArray()
            .Where(e => e.ValueKind == JsonValueKind.Object)
            .Select(e => new QueryApiError(
                e.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString()! : Neo4jStatus.UnknownError,
                e.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString()! : ""))
            .ToList();
    }

    private static IEnumerable<object?[]> ReadRows(JsonElement values, int width, bool typed)
    {
        var index = 0;
        var flat = new List<object?>();
        foreach (var row in values.EnumerateArray())
        {
            var path = $"$.data.values[{index++}]";
            // Neo4j sends one array per row. Typed values are objects, so a non-array element
            // means the flattened layout some documentation examples show: one value after another.
            if (row.ValueKind == JsonValueKind.Array)
            {
                var cells = new object?[row.GetArrayLength()];
                var i = 0;
                foreach (var cell in row.EnumerateArray())
                {
                    cells[i] = ReadValue(cell, $"{path}[{i}]", typed);
                    i++;
                }
                yield return cells;
            }
            else
            {
                flat.Add(ReadValue(row, path, typed));
                if (flat.Count == Math.Max(width, 1))
                {
                    yield return flat.ToArray();
                    flat.Clear();
                }
            }
        }
    }

    private static object? ReadValue(JsonElement element, string path, bool typed) =>
        typed ? TypedJson.Read(element, path) : PlainJsonReader.ReadResultValue(element, path);

    private static Counters ReadCounters(JsonElement c)
    {
        int Get(string name) => c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
        return new Counters
        {
            NodesCreated = Get("nodesCreated"),
            NodesDeleted = Get("nodesDeleted"),
            RelationshipsCreated = Get("relationshipsCreated"),
            RelationshipsDeleted = Get("relationshipsDeleted"),
            PropertiesSet = Get("propertiesSet"),
            LabelsAdded = Get("labelsAdded"),
            LabelsRemoved = Get("labelsRemoved"),
            IndexesAdded = Get("indexesAdded"),
            IndexesRemoved = Get("indexesRemoved"),
            ConstraintsAdded = Get("constraintsAdded"),
            ConstraintsRemoved = Get("constraintsRemoved"),
        };
    }

    private static Notification ReadNotification(JsonElement n)
    {
        string Str(string name) => n.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        InputPosition? position = null;
        if (n.TryGetProperty("position", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            int Num(string name) => p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
            position = new InputPosition(Num("offset"), Num("line"), Num("column"));
        }
        var severity = Str("severity").Equals("WARNING", StringComparison.OrdinalIgnoreCase)
            ? NotificationSeverity.Warning
            : NotificationSeverity.Information;
        return new Notification(Str("code"), Str("title"), Str("description"), severity, position);
    }

    private static TransactionInfo ReadTransaction(JsonElement t)
    {
        var id = t.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String
            ? i.GetString()!
            : throw WireFormatException.At("$.transaction", "missing string \"id\"");
        DateTimeOffset? expires = t.TryGetProperty("expires", out var e) && e.ValueKind == JsonValueKind.String &&
                                  DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
        return new TransactionInfo(id, expires);
    }

    /// <summary>Writes the whole body; <paramref name="database"/> suffixes plan operators as Neo4j does.</summary>
    public void WriteTo(Utf8JsonWriter writer, bool typed, string database = "neo4j")
    {
        var body = new QueryResponseWriter(writer, typed);
        body.Begin();
        if (Errors.Count == 0)
        {
            body.StartData(Fields);
            foreach (var row in Rows) body.WriteRow(row);
            body.EndData();
        }
        body.WriteSummary(Counters, Notifications, Plan, database);
        if (Errors.Count > 0) body.WriteErrors(Errors);
        body.WriteBookmarks(Bookmarks);
        body.WriteQueryType(QueryType);
        if (Transaction is { } tx) body.WriteTransaction(tx);
        body.End();
    }

    public byte[] ToUtf8(bool typed)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })) WriteTo(writer, typed);
        return buffer.ToArray();
    }

    public static string QueryTypeCode(QueryType type) => type switch
    {
        Client.QueryType.ReadOnly => "r",
        Client.QueryType.ReadWrite => "rw",
        Client.QueryType.WriteOnly => "w",
        Client.QueryType.SchemaWrite => "s",
        _ => "r",
    };

    public static QueryType? ParseQueryType(string? code) => code switch
    {
        "r" => Client.QueryType.ReadOnly,
        "rw" => Client.QueryType.ReadWrite,
        "w" => Client.QueryType.WriteOnly,
        "s" => Client.QueryType.SchemaWrite,
        _ => null,
    };
}
