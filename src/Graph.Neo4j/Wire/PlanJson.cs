using System.Text.Json;
using Graph.Client;

namespace Graph.Neo4j.Wire;

/// <summary>
/// A query plan as the Query API documents it: <c>queryPlan</c> for EXPLAIN and <c>profiledQueryPlan</c> for PROFILE,
/// each a tree of <c>{operatorType, arguments, identifiers, children}</c>; a profiled operator adds <c>dbHits</c>,
/// <c>records</c>, <c>time</c> (nanoseconds) and the page-cache fields. Neo4j suffixes the operator with the
/// database ("ProduceResults@neo4j"); <see cref="PlanDescription.OperatorType"/> holds the name without it.
/// Arguments travel as plain JSON in both formats, as in Neo4j's examples.
/// </summary>
public static class PlanJson
{
    public const string ExplainKey = "queryPlan";
    public const string ProfileKey = "profiledQueryPlan";

    public static string KeyFor(PlanDescription plan) => plan.IsProfile ? ProfileKey : ExplainKey;

    public static void Write(Utf8JsonWriter writer, PlanDescription plan, string database)
    {
        writer.WriteStartObject();
        if (plan.IsProfile)
        {
            writer.WriteNumber("dbHits", plan.DbHits ?? 0);
            writer.WriteNumber("records", plan.Rows ?? 0);
            // The embedded store has no page cache: no statistics, as Neo4j reports for operators without them.
            writer.WriteBoolean("hasPageCacheStats", false);
            writer.WriteNumber("pageCacheHits", 0);
            writer.WriteNumber("pageCacheMisses", 0);
            writer.WritePropertyName("pageCacheHitRatio");
            writer.WriteRawValue("0.0"); // a float, written as Neo4j writes it
            writer.WriteNumber("time", plan.TimeNanoseconds ?? 0);
        }
        writer.WriteString("operatorType", $"{plan.OperatorType}@{database}");
        writer.WritePropertyName("arguments");
        PlainJsonWriter.WriteMap(writer, plan.Arguments);
        writer.WriteStartArray("identifiers");
        foreach (var identifier in plan.Identifiers) writer.WriteStringValue(identifier);
        writer.WriteEndArray();
        writer.WriteStartArray("children");
        foreach (var child in plan.Children) Write(writer, child, database);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Reads a plan; <paramref name="profiled"/> when it came as profiledQueryPlan.</summary>
    public static PlanDescription Read(JsonElement element, string path, bool profiled)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw WireFormatException.At(path, $"a query plan must be an object, not {TypedJson.Describe(element)}");
        var operatorType = element.TryGetProperty("operatorType", out var op) && op.ValueKind == JsonValueKind.String
            ? op.GetString()!
            : throw WireFormatException.At(path, "a query plan needs an \"operatorType\" string");
        var at = operatorType.LastIndexOf('@');
        var children = new List<PlanDescription>();
        if (element.TryGetProperty("children", out var kids) && kids.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var child in kids.EnumerateArray()) children.Add(Read(child, $"{path}.children[{i++}]", profiled));
        }
        return new PlanDescription
        {
            OperatorType = at > 0 ? operatorType[..at] : operatorType,
            Arguments = element.TryGetProperty("arguments", out var args) && args.ValueKind == JsonValueKind.Object
                ? PlainJsonReader.ReadMap(args, path + ".arguments")
                : new Dictionary<string, object?>(),
            Identifiers = element.TryGetProperty("identifiers", out var ids) && ids.ValueKind == JsonValueKind.Array
                ? ids.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                : [],
            Children = children,
            Rows = profiled ? Number(element, "records") : null,
            DbHits = profiled ? Number(element, "dbHits") : null,
            TimeNanoseconds = profiled ? Number(element, "time") : null,
        };
    }

    private static long Number(JsonElement element, string key) =>
        element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : 0;
}
