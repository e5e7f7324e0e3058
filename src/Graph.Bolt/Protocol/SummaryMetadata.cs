using Graph.Client;

namespace Graph.Bolt.Protocol;

/// <summary>
/// The summary of a finished result as Neo4j puts it in the last SUCCESS of a PULL or DISCARD: <c>type</c>,
/// <c>stats</c> (only the counters that moved, plus <c>contains-updates</c>), <c>t_last</c>, <c>db</c>, the
/// <c>bookmark</c> of an auto-commit transaction, <c>plan</c>/<c>profile</c>, and <c>notifications</c> (up to 5.4)
/// or GQL <c>statuses</c> (5.6+). Also reads such metadata back into a <see cref="ResultSummary"/> (the client).
/// </summary>
public static class SummaryMetadata
{
    public static string TypeCode(QueryType type) => type switch
    {
        QueryType.ReadOnly => "r",
        QueryType.ReadWrite => "rw",
        QueryType.WriteOnly => "w",
        QueryType.SchemaWrite => "s",
        _ => "r",
    };

    public static QueryType ParseType(string? code) => code switch
    {
        "rw" => QueryType.ReadWrite,
        "w" => QueryType.WriteOnly,
        "s" => QueryType.SchemaWrite,
        _ => QueryType.ReadOnly,
    };

    private static readonly (string Key, Func<Counters, int> Get)[] CounterKeys =
    [
        ("nodes-created", c => c.NodesCreated),
        ("nodes-deleted", c => c.NodesDeleted),
        ("relationships-created", c => c.RelationshipsCreated),
        ("relationships-deleted", c => c.RelationshipsDeleted),
        ("properties-set", c => c.PropertiesSet),
        ("labels-added", c => c.LabelsAdded),
        ("labels-removed", c => c.LabelsRemoved),
        ("indexes-added", c => c.IndexesAdded),
        ("indexes-removed", c => c.IndexesRemoved),
        ("constraints-added", c => c.ConstraintsAdded),
        ("constraints-removed", c => c.ConstraintsRemoved),
    ];

    /// <summary>The summary's metadata. <paramref name="records"/> is how many records the client received (for the outcome status).</summary>
    public static Dictionary<string, object?> For(BoltVersion version, ResultSummary summary, string database, long lastMilliseconds,
        bool hadKeys, bool streamedRecords, bool includeBookmark)
    {
        var metadata = new Dictionary<string, object?>
        {
            ["type"] = TypeCode(summary.QueryType),
            ["t_last"] = lastMilliseconds,
            ["db"] = database,
        };
        var stats = Stats(summary.Counters);
        if (stats.Count > 0) metadata["stats"] = stats;
        if (includeBookmark && summary.Bookmark is { } bookmark) metadata["bookmark"] = bookmark;
        if (summary.Plan is { } plan) metadata[plan.IsProfile ? "profile" : "plan"] = Plan(plan);
        if (version.HasStatuses)
            metadata["statuses"] = Statuses(summary.Notifications, hadKeys, streamedRecords);
        else if (summary.Notifications.Count > 0)
            metadata["notifications"] = summary.Notifications.Select(Notification).ToList();
        return metadata;
    }

    public static Dictionary<string, object?> Stats(Counters counters)
    {
        var stats = new Dictionary<string, object?>();
        foreach (var (key, get) in CounterKeys)
            if (get(counters) is var n and not 0) stats[key] = (long)n;
        if (counters.ContainsUpdates) stats["contains-updates"] = true;
        return stats;
    }

    public static Counters ParseStats(IReadOnlyDictionary<string, object?>? stats)
    {
        if (stats is null) return Counters.None;
        int Get(string key) => stats.GetValueOrDefault(key) is long n ? (int)n : 0;
        return new Counters
        {
            NodesCreated = Get("nodes-created"),
            NodesDeleted = Get("nodes-deleted"),
            RelationshipsCreated = Get("relationships-created"),
            RelationshipsDeleted = Get("relationships-deleted"),
            PropertiesSet = Get("properties-set"),
            LabelsAdded = Get("labels-added"),
            LabelsRemoved = Get("labels-removed"),
            IndexesAdded = Get("indexes-added"),
            IndexesRemoved = Get("indexes-removed"),
            ConstraintsAdded = Get("constraints-added"),
            ConstraintsRemoved = Get("constraints-removed"),
        };
    }

    /// <summary>A plan as Neo4j sends it: operatorType, args, identifiers, children; PROFILE adds rows, dbHits, time and page-cache figures.</summary>
    public static Dictionary<string, object?> Plan(PlanDescription plan)
    {
        var map = new Dictionary<string, object?>
        {
            ["operatorType"] = plan.OperatorType,
            ["args"] = plan.Arguments,
            ["identifiers"] = plan.Identifiers.ToList<object?>(),
            ["children"] = plan.Children.Select(c => (object?)Plan(c)).ToList(),
        };
        if (plan.IsProfile)
        {
            map["rows"] = plan.Rows ?? 0;
            map["dbHits"] = plan.DbHits ?? 0;
            map["time"] = plan.TimeNanoseconds ?? 0;
            // Our store has no page cache: nothing was hit or missed.
            map["pageCacheHits"] = 0L;
            map["pageCacheMisses"] = 0L;
            map["pageCacheHitRatio"] = 0.0;
        }
        return map;
    }

    public static PlanDescription ParsePlan(IReadOnlyDictionary<string, object?> map, bool profile) => new()
    {
        OperatorType = map.GetValueOrDefault("operatorType") as string ?? "",
        Arguments = map.GetValueOrDefault("args") as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>(),
        Identifiers = (map.GetValueOrDefault("identifiers") as IReadOnlyList<object?> ?? []).OfType<string>().ToList(),
        Children = (map.GetValueOrDefault("children") as IReadOnlyList<object?> ?? [])
            .OfType<IReadOnlyDictionary<string, object?>>().Select(c => ParsePlan(c, profile)).ToList(),
        Rows = profile ? map.GetValueOrDefault("rows") as long? ?? 0 : null,
        DbHits = profile ? map.GetValueOrDefault("dbHits") as long? ?? 0 : null,
        TimeNanoseconds = profile ? map.GetValueOrDefault("time") as long? ?? 0 : null,
    };

    private static Dictionary<string, object?> Notification(Notification n)
    {
        var map = new Dictionary<string, object?>
        {
            ["code"] = n.Code,
            ["title"] = n.Title,
            ["description"] = n.Description,
            ["severity"] = n.Severity == NotificationSeverity.Warning ? "WARNING" : "INFORMATION",
        };
        if (n.Position is { } p) map["position"] = Position(p);
        return map;
    }

    private static Dictionary<string, object?> Position(InputPosition p) =>
        new() { ["offset"] = (long)p.Offset, ["line"] = (long)p.Line, ["column"] = (long)p.Column };

    /// <summary>The outcome first (success, no data, or omitted result), then one status per notification.</summary>
    private static List<object?> Statuses(IReadOnlyList<Notification> notifications, bool hadKeys, bool streamedRecords)
    {
        var (status, description) = !hadKeys
            ? ("00001", "note: successful completion - omitted result")
            : streamedRecords ? ("00000", "note: successful completion") : ("02000", "note: no data");
        var list = new List<object?>
        {
            new Dictionary<string, object?>
            {
                ["gql_status"] = status,
                ["status_description"] = description,
                ["diagnostic_record"] = new Dictionary<string, object?> { ["OPERATION"] = "", ["OPERATION_CODE"] = "0", ["CURRENT_SCHEMA"] = "/" },
            },
        };
        foreach (var n in notifications)
        {
            var warning = n.Severity == NotificationSeverity.Warning;
            var record = new Dictionary<string, object?>
            {
                ["OPERATION"] = "",
                ["OPERATION_CODE"] = "0",
                ["CURRENT_SCHEMA"] = "/",
                ["_severity"] = warning ? "WARNING" : "INFORMATION",
                ["_classification"] = "GENERIC",
            };
            if (n.Position is { } p) record["_position"] = Position(p);
            // 01N42 / 03N42: Neo4j's codes for a warning / information without a more specific GQL status.
            list.Add(new Dictionary<string, object?>
            {
                ["gql_status"] = warning ? "01N42" : "03N42",
                ["status_description"] = (warning ? "warn: " : "info: ") + n.Description,
                ["neo4j_code"] = n.Code,
                ["title"] = n.Title,
                ["description"] = n.Description,
                ["diagnostic_record"] = record,
            });
        }
        return list;
    }

    /// <summary>Notifications from a summary's metadata, whichever form it has.</summary>
    public static IReadOnlyList<Notification> ParseNotifications(IReadOnlyDictionary<string, object?> metadata)
    {
        var result = new List<Notification>();
        if (metadata.GetValueOrDefault("notifications") is IReadOnlyList<object?> notifications)
        {
            foreach (var item in notifications.OfType<IReadOnlyDictionary<string, object?>>())
                result.Add(new Notification(item.GetValueOrDefault("code") as string ?? "", item.GetValueOrDefault("title") as string ?? "",
                    item.GetValueOrDefault("description") as string ?? "",
                    item.GetValueOrDefault("severity") as string == "WARNING" ? NotificationSeverity.Warning : NotificationSeverity.Information,
                    ParsePosition(item.GetValueOrDefault("position"))));
        }
        else if (metadata.GetValueOrDefault("statuses") is IReadOnlyList<object?> statuses)
        {
            foreach (var item in statuses.OfType<IReadOnlyDictionary<string, object?>>())
            {
                if (item.GetValueOrDefault("neo4j_code") is not string code) continue; // outcome statuses are not notifications
                var record = item.GetValueOrDefault("diagnostic_record") as IReadOnlyDictionary<string, object?>;
                result.Add(new Notification(code, item.GetValueOrDefault("title") as string ?? "", item.GetValueOrDefault("description") as string ?? "",
                    record?.GetValueOrDefault("_severity") as string == "WARNING" ? NotificationSeverity.Warning : NotificationSeverity.Information,
                    ParsePosition(record?.GetValueOrDefault("_position"))));
            }
        }
        return result;
    }

    private static InputPosition? ParsePosition(object? value) =>
        value is IReadOnlyDictionary<string, object?> p && p.GetValueOrDefault("offset") is long o && p.GetValueOrDefault("line") is long l && p.GetValueOrDefault("column") is long c
            ? new InputPosition((int)o, (int)l, (int)c)
            : null;
}
