using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>One key of a literal property map (keys distinct), with its value's evaluator.</summary>
internal sealed record PropertyEntry(PropertyKey Key, Evaluator Value)
{
    /// <summary>The storable properties of a row, null values left out.</summary>
    public static KeyValuePair<int, object>[] Evaluate(PropertyEntry[] entries, object?[] row, QueryContext ctx)
    {
        var result = new KeyValuePair<int, object>[entries.Length];
        var count = 0;
        foreach (var e in entries)
        {
            var stored = PropertyValues.ToStorable(e.Value(row, ctx), e.Key.Name, ctx);
            if (stored is not null) result[count++] = new(e.Key.GetOrCreate(ctx.Tokens), stored);
        }
        if (count < result.Length) Array.Resize(ref result, count);
        return result;
    }
}
