namespace Graph.Engine.Runtime;

/// <summary>
/// Sizes of the lists and maps of the last two steps of a loop that rebuilds a value step by step (reduce): a step that
/// wraps or extends the previous accumulator (<c>[acc]</c>, <c>acc + [x]</c>) is sized from the remembered parts instead of
/// walking them again, and a long list is estimated from its ends, so sizing a step costs about what building it did.
/// Older steps are forgotten (they are garbage).
/// </summary>
internal sealed class SizeMemo
{
    /// <summary>Elements sized at each end of a long list.</summary>
    private const int Sampled = 32;

    private Dictionary<object, long> _current = new(ReferenceEqualityComparer.Instance);
    private Dictionary<object, long> _previous = new(ReferenceEqualityComparer.Instance);

    /// <summary>The size of one step's value; call once per step.</summary>
    public long SizeOf(object? value)
    {
        (_previous, _current) = (_current, _previous);
        _current.Clear();
        return Of(value);
    }

    private long Of(object? value)
    {
        switch (value)
        {
            case null or bool or long or double or string or NodeValue or RelValue or RangeList
                or not (IReadOnlyList<object?> or IReadOnlyDictionary<string, object?>):
                return ValueSize.Of(value);
            default:
                {
                    if (_previous.TryGetValue(value, out var known) || _current.TryGetValue(value, out known))
                    {
                        _current[value] = known;
                        return known;
                    }
                    StackGuard.Ensure();
                    var bytes = ValueSize.Shallow(value);
                    if (value is IReadOnlyList<object?> { Count: > 2 * Sampled } big)
                    {
                        // a long list (acc + [x] grows one by one) is estimated from its ends: walking it whole at every
                        // step would make the loop quadratic in the sizing alone
                        var sample = 0L;
                        for (var i = 0; i < Sampled; i++) sample += Of(big[i]) + Of(big[big.Count - 1 - i]);
                        bytes += sample * big.Count / (2 * Sampled);
                    }
                    else if (value is IReadOnlyList<object?> list)
                        for (var i = 0; i < list.Count; i++) bytes += Of(list[i]);
                    else
                        foreach (var (_, v) in (IReadOnlyDictionary<string, object?>)value) bytes += Of(v);
                    _current[value] = bytes;
                    return bytes;
                }
        }
    }
}
