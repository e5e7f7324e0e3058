using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// Relationship types of a pattern resolved against the store; unknown types match nothing. With a type expression
/// (<c>[:!R]</c>, <c>[:%]</c>) the types are every type the store knows that satisfies it.
/// </summary>
internal sealed class RelTypeFilter(RelTypeToken[] types, Func<string, bool>? predicate = null, string? expressionText = null)
{
    public RelTypeToken[] Types { get; } = types;

    /// <summary>True for a type expression (<c>[:!R]</c>): the types it matches are known only against the store.</summary>
    public bool IsExpression => predicate is not null;

    private int[]? _resolved;
    private Resolution? _byPredicate;

    private sealed record Resolution(int KnownTypes, int[] Ids);

    /// <summary>null: all types; empty: nothing can match. Cached once every type exists (tokens are never removed).</summary>
    public IReadOnlyList<int>? Resolve(QueryContext ctx)
    {
        if (predicate is not null) return ResolveExpression(ctx);
        if (Types.Length == 0) return null;
        if (_resolved is not null) return _resolved;
        var ids = new List<int>(Types.Length);
        foreach (var t in Types)
        {
            var id = t.Id(ctx.Tokens);
            if (id >= 0) ids.Add(id);
        }
        // the array from the first call on: the store's type checks then see one list type at every call site (a
        // List here and arrays elsewhere made its interface calls polymorphic, a resolve stub per call)
        if (ids.Count == Types.Length) return _resolved = ids.ToArray();
        return ids;
    }

    /// <summary>The known types satisfying the expression; computed again when a new type appears.</summary>
    private int[] ResolveExpression(QueryContext ctx)
    {
        var all = ctx.Tokens.AllRelationshipTypes;
        if (_byPredicate is { } cached && cached.KnownTypes == all.Count) return cached.Ids;
        var ids = all.Where(predicate!).Select(ctx.Tokens.RelationshipTypeId).Where(id => id >= 0).ToArray();
        _byPredicate = new Resolution(all.Count, ids);
        return ids;
    }

    public override string ToString() =>
        expressionText is not null ? ":" + expressionText : Types.Length == 0 ? "" : ":" + string.Join("|", Types.Select(t => t.Name));
}
