using Graph.Client;
using ClientPath = Graph.Client.GraphPath;

namespace Graph.Tck.Values;

/// <summary>
/// The TCK's equality between an expected value (parsed by <see cref="TckValueParser"/>) and an actual
/// contract value. Integers and floats are distinct (1 is not 1.0); NaN equals NaN; nodes compare by
/// label set and properties, relationships by type and properties, paths structurally including the
/// direction of each relationship. Element ids are never compared.
/// </summary>
public static class TckValueComparer
{
    public static bool Matches(object? expected, object? actual, bool ignoreListOrder = false) => expected switch
    {
        null => actual is null,
        bool b => actual is bool a && a == b,
        long l => actual is long a && a == l,
        double d => actual is double a && (a == d || (double.IsNaN(a) && double.IsNaN(d))),
        // The TCK writes temporal values as their ISO text in quotes ('1984-10-11'); the engine returns typed values.
        string s => actual is string a ? string.Equals(a, s, StringComparison.Ordinal) : actual is ITemporalValue t && string.Equals(t.ToString(), s, StringComparison.Ordinal),
        Node n => actual is Node a && NodeMatches(n, a, ignoreListOrder),
        Relationship r => actual is Relationship a && RelationshipMatches(r, a, ignoreListOrder),
        ClientPath p => actual is ClientPath a && PathMatches(p, a, ignoreListOrder),
        IReadOnlyDictionary<string, object?> map => actual is IReadOnlyDictionary<string, object?> a && MapMatches(map, a, ignoreListOrder),
        IReadOnlyList<object?> list => actual is IReadOnlyList<object?> a && ListMatches(list, a, ignoreListOrder),
        _ => throw new ArgumentException($"Not a TCK value: {expected.GetType().Name}."),
    };

    private static bool NodeMatches(Node expected, Node actual, bool ignoreListOrder) =>
        expected.Labels.Count == actual.Labels.Distinct().Count()
        && expected.Labels.All(actual.Labels.Contains)
        && MapMatches(expected.Properties, actual.Properties, ignoreListOrder);

    private static bool RelationshipMatches(Relationship expected, Relationship actual, bool ignoreListOrder) =>
        expected.Type == actual.Type && MapMatches(expected.Properties, actual.Properties, ignoreListOrder);

    private static bool PathMatches(ClientPath expected, ClientPath actual, bool ignoreListOrder)
    {
        if (expected.Length != actual.Length) return false;
        for (var i = 0; i < expected.Nodes.Count; i++)
            if (!NodeMatches(expected.Nodes[i], actual.Nodes[i], ignoreListOrder)) return false;
        for (var i = 0; i < expected.Relationships.Count; i++)
        {
            if (!RelationshipMatches(expected.Relationships[i], actual.Relationships[i], ignoreListOrder)) return false;
            var isLoop = actual.Relationships[i].StartNodeElementId == actual.Relationships[i].EndNodeElementId;
            if (!isLoop && IsForward(expected, i) != IsForward(actual, i)) return false;
        }
        return true;
    }

    /// <summary>True when the i-th relationship of the path points from Nodes[i] to Nodes[i+1].</summary>
    private static bool IsForward(ClientPath path, int i) =>
        path.Relationships[i].StartNodeElementId == path.Nodes[i].ElementId;

    private static bool MapMatches(IReadOnlyDictionary<string, object?> expected, IReadOnlyDictionary<string, object?> actual, bool ignoreListOrder) =>
        expected.Count == actual.Count
        && expected.All(kv => actual.TryGetValue(kv.Key, out var a) && Matches(kv.Value, a, ignoreListOrder));

    private static bool ListMatches(IReadOnlyList<object?> expected, IReadOnlyList<object?> actual, bool ignoreListOrder)
    {
        if (expected.Count != actual.Count) return false;
        if (!ignoreListOrder)
        {
            for (var i = 0; i < expected.Count; i++)
                if (!Matches(expected[i], actual[i], ignoreListOrder)) return false;
            return true;
        }
        return BagMatches(expected, actual, (e, a) => Matches(e, a, ignoreListOrder));
    }

    /// <summary>
    /// True when every expected item pairs with a distinct actual item. Greedy pairing suffices because
    /// the TCK equality is an equivalence relation.
    /// </summary>
    public static bool BagMatches<TExpected, TActual>(IReadOnlyList<TExpected> expected, IReadOnlyList<TActual> actual, Func<TExpected, TActual, bool> matches)
    {
        if (expected.Count != actual.Count) return false;
        var used = new bool[actual.Count];
        foreach (var e in expected)
        {
            var found = false;
            for (var j = 0; j < actual.Count && !found; j++)
            {
                if (used[j] || !matches(e, actual[j])) continue;
                used[j] = found = true;
            }
            if (!found) return false;
        }
        return true;
    }
}
