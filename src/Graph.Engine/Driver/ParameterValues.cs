using Graph.Client;
using Graph.Engine.Runtime;

namespace Graph.Engine.Driver;

/// <summary>
/// Turns statement parameters into runtime values in one pass. A bulk load passes lists of thousands of row maps:
/// each map is copied once (the engine must not see later changes by the caller), with its scalars as they are.
/// Everything unusual (ints, dates, enums, nodes, ...) takes the contract's general path.
/// </summary>
internal static class ParameterValues
{
    /// <summary>No parameters (shared: nothing ever writes to a statement's parameters).</summary>
    public static IReadOnlyDictionary<string, object?> None { get; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>.Empty;

    /// <param name="parameters">The caller's parameters.</param>
    /// <param name="borrow">
    /// The statement runs to its end before the call that passed <paramref name="parameters"/> returns (RunAsync): a map
    /// of scalars keyed ordinally, which needs no conversion, is then read as it is instead of copied.
    /// </param>
    public static IReadOnlyDictionary<string, object?> Convert(IReadOnlyDictionary<string, object?>? parameters, bool borrow)
    {
        if (parameters is null || parameters.Count == 0) return None;
        if (parameters is Dictionary<string, object?> map)
        {
            if (borrow && IsFlatOrdinal(map)) return map;
            var copy = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
            foreach (var (k, v) in map) copy[k] = ToRuntime(v);
            return copy;
        }
        var result = new Dictionary<string, object?>(parameters.Count, StringComparer.Ordinal);
        foreach (var (k, v) in parameters) result[k] = ToRuntime(v);
        return result;
    }

    /// <summary>
    /// As <see cref="Convert"/>, and the value of each of a statement's parameter <paramref name="names"/> put in
    /// <paramref name="byNumber"/> at its number; a missing one throws (ParameterMissing) when <paramref name="requireAll"/>
    /// (EXPLAIN runs nothing and needs none). A borrowed map that holds exactly the statement's names, each with a scalar,
    /// is read with one lookup per name: neither enumerated nor copied.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> Resolve(IReadOnlyDictionary<string, object?>? parameters, bool borrow,
        string[] names, object?[] byNumber, bool requireAll)
    {
        // the same keys as the names (as many, each found) with scalar values: what IsFlatOrdinal would have found
        if (borrow && names.Length > 0 && parameters is Dictionary<string, object?> map && map.Count == names.Length && IsOrdinal(map)
            && TryReadScalars(map, names, byNumber))
            return map;
        var values = Convert(parameters, borrow);
        for (var i = 0; i < names.Length; i++)
        {
            if (values.TryGetValue(names[i], out var value)) byNumber[i] = value;
            else if (requireAll) throw Missing(names[i]);
            else byNumber[i] = null;
        }
        return values;
    }

    /// <summary>The error for a parameter the statement reads and the map lacks, before anything runs (as in Neo4j);
    /// <paramref name="position"/>: where the statement reads it, when known.</summary>
    public static ClientException Missing(string name, InputPosition? position = null) =>
        new(Neo4jStatus.ParameterMissing, $"Expected a value for parameter ${name}; pass it in the parameters map.")
        { Phase = ErrorPhase.CompileTime, Detail = "MissingParameter", Position = position };

    private static bool TryReadScalars(Dictionary<string, object?> map, string[] names, object?[] byNumber)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (!map.TryGetValue(names[i], out var value) || value is not (null or bool or long or double or string)) return false;
            byNumber[i] = value;
        }
        return true;
    }

    private static bool IsOrdinal(Dictionary<string, object?> map) =>
        map.Comparer == EqualityComparer<string>.Default || map.Comparer == StringComparer.Ordinal;

    /// <summary>Keys compared ordinally (as Cypher does) and only scalar values (nothing to convert).</summary>
    private static bool IsFlatOrdinal(Dictionary<string, object?> map)
    {
        if (!IsOrdinal(map)) return false;
        foreach (var value in map.Values)
            if (value is not (null or bool or long or double or string)) return false;
        return true;
    }

    public static object? ToRuntime(object? value)
    {
        switch (value)
        {
            case null or bool or long or double or string:
                return value;
            case Dictionary<string, object?> rowMap when IsFlatOrdinal(rowMap):
                // A row of a bulk load: its values are already runtime values and the statement completes before the
                // call returns, so the engine reads the caller's map as it is instead of copying it.
                return rowMap;
            case IReadOnlyDictionary<string, object?> map:
                {
                    StackGuard.Ensure();
                    var copy = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
                    foreach (var (k, v) in map) copy[k] = ToRuntime(v);
                    return copy;
                }
            case IReadOnlyList<object?> list:
                {
                    StackGuard.Ensure();
                    var copy = new List<object?>(list.Count);
                    for (var i = 0; i < list.Count; i++) copy.Add(ToRuntime(list[i]));
                    return copy;
                }
            default:
                return QueryContext.FromClient(Values.Normalize(value));
        }
    }
}
