using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>Storable-value conversions shared by seeks and writes.</summary>
internal static class PropertyValues
{
    /// <summary>Converts a runtime value to what storage keeps, or null when it can never equal a stored property.</summary>
    public static object? ToStorableOrNull(object? v, QueryContext? ctx = null) => v switch
    {
        bool or long or double or string or Graph.Client.ITemporalValue => v,
        IReadOnlyList<object?> list when list.All(x => x is bool or long or double or string or Graph.Client.ITemporalValue) => Copy(list, ctx),
        _ => null,
    };

    /// <summary>A list copied for the store, after checking that the copy fits the statement's memory (a range can be huge).</summary>
    private static object?[] Copy(IReadOnlyList<object?> list, QueryContext? ctx)
    {
        ctx?.Memory.EnsureAvailable(ValueSize.Array(list.Count) + (list is RangeList ? ValueSize.Boxed * list.Count : 0), "a list stored as a property");
        return list.ToArray();
    }

    /// <summary>Converts a value to be written as a property; maps, nodes and mixed lists are a TypeError.</summary>
    public static object? ToStorable(object? v, string key, QueryContext? ctx = null)
    {
        switch (v)
        {
            case null or bool or long or double or string or Graph.Client.ITemporalValue: return v; // temporal values are stored as themselves
            case IReadOnlyList<object?> list:
                {
                    var items = Copy(list, ctx);
                    if (items.Any(x => x is null) && items.All(x => x is null)) return items.Length == 0 ? items : throw InvalidProperty(key, v);
                    if (items.All(x => x is string) || items.All(x => x is bool) || items.All(x => x is long or double)
                        || (items.Length > 0 && items[0] is Graph.Client.ITemporalValue && items.All(x => x?.GetType() == items[0]!.GetType())))
                    {
                        if (items.Any(x => x is double) && items.Any(x => x is long)) return items;
                        return items;
                    }
                    throw InvalidProperty(key, v);
                }
            default: throw InvalidProperty(key, v);
        }
    }

    private static Graph.Client.ClientException InvalidProperty(string key, object? v) =>
        CypherErrors.TypeError("InvalidPropertyType",
            $"Property '{key}' cannot hold a {CypherValues.TypeName(v)} ({CypherValues.Describe(v)}): properties hold booleans, numbers, strings, temporal values or homogeneous lists of them.");
}
