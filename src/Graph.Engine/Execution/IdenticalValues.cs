using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// Grouping equivalence (<see cref="CypherValues.Equivalent"/>) that also tells an integer from an equal float, at any
/// depth of a list or map: values equal here are interchangeable in a result, values only equivalent are not.
/// </summary>
internal sealed class IdenticalValues : IEqualityComparer<object>
{
    public static readonly IdenticalValues Instance = new();

    public new bool Equals(object? x, object? y) => CypherValues.Equivalent(x, y) && SameNumberKinds(x, y);

    public int GetHashCode(object obj) => CypherValues.EquivalenceHash(obj);

    private static bool SameNumberKinds(object? x, object? y)
    {
        switch (x)
        {
            case long: return y is long;
            case double: return y is double;
            case IReadOnlyList<object?> xs when y is IReadOnlyList<object?> ys:
                StackGuard.Ensure();
                for (var i = 0; i < xs.Count; i++) if (!SameNumberKinds(xs[i], ys[i])) return false;
                return true;
            case IReadOnlyDictionary<string, object?> xm when y is IReadOnlyDictionary<string, object?> ym:
                StackGuard.Ensure();
                foreach (var (k, v) in xm) if (!SameNumberKinds(v, ym[k])) return false;
                return true;
            default: return true;
        }
    }
}
